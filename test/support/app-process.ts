import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawnScript } from './spawn-script';

export interface AppProcess {
  readonly port: number;
  readonly url: string;
  /** The last lines the process printed (for failure messages). */
  output(): string;
  /** Sends a signal and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `apps/<app>` as a real process with `env` on top of this one's, and waits until its
 * `readyPath` answers 200 (the projector is ready once it has joined its consumer group).
 */
export async function startApp(
  app: 'api' | 'projector',
  port: number,
  env: Record<string, string>,
  readyPath = '/health/ready',
): Promise<AppProcess> {
  const { child, output } = spawnScript(join('apps', app, 'src', 'main.ts'), [], env, 20_000);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const handle: AppProcess = {
    port,
    url: `http://127.0.0.1:${port}`,
    output,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  await waitReady(child, handle, readyPath);
  return handle;
}

async function waitReady(
  child: ChildProcess,
  app: AppProcess,
  path: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${app.output()}`);
    const ok = await fetch(app.url + path)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await sleep(200);
  }
  await app.kill('SIGKILL');
  throw new Error(`app not ready after ${timeoutMs} ms:\n${app.output()}`);
}
