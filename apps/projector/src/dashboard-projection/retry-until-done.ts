import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryOptions {
  /** False once the work should be abandoned (shutdown, lost partition): the records will be redelivered. */
  readonly keepTrying: () => boolean;
  readonly onFailure: (error: unknown, attempt: number, delayMs: number) => void;
  /** Called while waiting, so a long outage does not cost the consumer its partitions. */
  readonly heartbeat?: () => Promise<void>;
  readonly maxDelayMs?: number;
}

export class Abandoned extends Error {
  constructor() {
    super('abandoned: the consumer stopped or lost the partition; the records will be redelivered');
  }
}

/**
 * Runs `work` until it succeeds, backing off exponentially (250 ms up to `maxDelayMs`, default 10 s).
 * An outage of the broker or the database therefore pauses the projector instead of skipping records.
 */
export async function retryUntilDone<T>(work: () => Promise<T>, options: RetryOptions): Promise<T> {
  const maxDelay = options.maxDelayMs ?? 10_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!options.keepTrying()) throw new Abandoned();
      const delay = Math.min(maxDelay, 250 * 2 ** (attempt - 1));
      options.onFailure(error, attempt, delay);
      await sleep(delay);
      await options.heartbeat?.().catch(() => undefined);
      if (!options.keepTrying()) throw new Abandoned();
    }
  }
}
