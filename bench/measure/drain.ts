import { setTimeout as sleep } from 'node:timers/promises';
import type { GroupOffsets } from './group-offsets';

export interface Drain {
  /** Records committed during the measurement. */
  readonly events: number;
  readonly seconds: number;
  /** `events / seconds`. */
  readonly rate: number;
  /** False when the cap ran out before the backlog was drained. */
  readonly complete: boolean;
}

export interface DrainLimits {
  /** Stop measuring after this long and rate what was done (default: no cap). */
  readonly capMs?: number;
  /** Fail when nothing is committed for this long (default 60 s). */
  readonly stallMs?: number;
  readonly pollMs?: number;
  /** Called with the records committed so far, about every 10 s. */
  readonly progress?: (done: number) => void;
  /** When the consumer joined its (fresh) group: the clock starts there (default: now). */
  readonly joinedAt?: number;
}

/**
 * Polls a fresh group's committed offsets from the moment its consumer joined until it has committed
 * `target` records or the cap has passed; the rate is over that whole span (start-up excluded, first
 * fetch included). Commits are seen within `pollMs` (default 20 ms).
 */
export async function measureDrain(
  offsets: GroupOffsets,
  target: number,
  limits: DrainLimits = {},
): Promise<Drain> {
  const { capMs = Number.POSITIVE_INFINITY, stallMs = 60_000, pollMs = 20 } = limits;
  const t0 = limits.joinedAt ?? performance.now();
  let done = await offsets.committed();
  let progressAt = t0;
  let reportedAt = t0;
  while (done < target && performance.now() - t0 < capMs) {
    await sleep(pollMs);
    const now = await offsets.committed();
    if (now > done) progressAt = performance.now();
    if (performance.now() - reportedAt > 10_000) {
      reportedAt = performance.now();
      limits.progress?.(now);
    } else if (performance.now() - progressAt > stallMs)
      throw new Error(`no progress for ${stallMs} ms at ${now} of ${target} records`);
    done = now;
  }
  const seconds = (performance.now() - t0) / 1000;
  return { events: done, seconds, rate: done / seconds, complete: done >= target };
}
