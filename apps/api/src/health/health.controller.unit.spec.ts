import { HttpException } from '@nestjs/common';
import type { Db } from 'mongodb';
import { HealthController } from './health.controller';

function controllerWithPing(ping: () => Promise<unknown>): HealthController {
  return new HealthController({ db: { command: ping } as unknown as Db });
}

describe('health probes', () => {
  it('is live without asking the database', () => {
    expect(controllerWithPing(() => Promise.reject(new Error('down'))).live()).toEqual({ status: 'ok' });
  });

  it('is ready when the database answers a ping', async () => {
    await expect(controllerWithPing(() => Promise.resolve({ ok: 1 })).ready()).resolves.toEqual({
      status: 'ok',
      mongodb: 'up',
    });
  });

  it('answers 503 when the ping fails', async () => {
    const error = await controllerWithPing(() => Promise.reject(new Error('down')))
      .ready()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpException);
    expect((error as HttpException).getStatus()).toBe(503);
    expect((error as HttpException).getResponse()).toMatchObject({ mongodb: 'down' });
  });

  it('answers 503 when the ping hangs past the probe timeout', async () => {
    jest.useFakeTimers();
    try {
      const pending = controllerWithPing(() => new Promise(() => undefined))
        .ready()
        .catch((e: unknown) => e);
      await jest.advanceTimersByTimeAsync(2_000);
      expect(((await pending) as HttpException).getStatus()).toBe(503);
    } finally {
      jest.useRealTimers();
    }
  });
});
