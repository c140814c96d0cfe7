import { simulateGateways, type SimulatedRecord } from '@app/simulator';
import type { RawRecord } from '../../test/support/produce';

/** The workload every phase shares: the simulator's default shares of late, duplicate and profile events. */
export interface Workload {
  readonly seed: number;
  readonly users: number;
  readonly metrics: number;
  /** Instant of the first reading. */
  readonly start: Date;
  readonly intervalMs?: number;
}

const DEFAULT_INTERVAL_MS = 5000;

/** Events of the registration prologue (user, device, metrics) for each user. */
export const setupEvents = (w: Workload): number => w.users * (2 + w.metrics);

/** Reading rounds needed so the stream holds at least `events` records. */
export const roundsFor = (w: Workload, events: number): number =>
  Math.max(1, Math.ceil((events - setupEvents(w)) / (w.users * w.metrics)) + 1);

/** Instant just after the last reading of `rounds` rounds: a fixed clock there sees every reading. */
export const endOf = (w: Workload, rounds: number): Date =>
  new Date(w.start.getTime() + rounds * (w.intervalMs ?? DEFAULT_INTERVAL_MS) + 60_000);

const toRaw = (r: SimulatedRecord): RawRecord => ({ key: r.key, value: JSON.stringify(r.value) });

/** The first `limit` records of the simulated stream, serialised as the gateways publish them. */
export function* simulatedRecords(
  w: Workload,
  limit: number,
  rounds = roundsFor(w, limit),
): Generator<RawRecord> {
  let count = 0;
  const stream = simulateGateways({
    seed: w.seed,
    users: w.users,
    metricsPerUser: w.metrics,
    readingsPerMetric: rounds,
    start: w.start,
    intervalMs: w.intervalMs ?? DEFAULT_INTERVAL_MS,
  });
  for (const record of stream) {
    if (count++ >= limit) return;
    yield toRaw(record);
  }
}
