import type { RawRecord } from '../../test/support/produce';
import { setupEvents, simulatedRecords, type Workload } from './simulated-stream';

/**
 * Readings only (the registration prologue skipped) for users already registered, timed so that one
 * round of readings spans what `ratePerSecond` takes to send it: sample times keep pace with the clock.
 */
export function* liveReadings(
  base: Omit<Workload, 'start' | 'intervalMs'>,
  ratePerSecond: number,
): Generator<RawRecord> {
  const perRound = base.users * base.metrics;
  const workload: Workload = {
    ...base,
    start: new Date(),
    intervalMs: Math.max(1, Math.round((perRound / ratePerSecond) * 1000)),
  };
  const skip = setupEvents(workload);
  let index = 0;
  for (const record of simulatedRecords(workload, Number.MAX_SAFE_INTEGER, 1_000_000)) {
    if (index++ >= skip) yield record;
  }
}
