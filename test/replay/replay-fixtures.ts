import { simulateGateways } from '@app/simulator';
import type { RawRecord } from '../support/produce';

/** The instant both the live projector and the replays evaluate periods at. */
export const AS_OF = '2026-03-30T12:00:00.000Z';

/**
 * A seeded gateway stream: per user a registration, a device and `metrics` metrics, then readings with
 * late and duplicate samples and occasional profile and time-zone changes.
 */
export function gatewayStream(options: {
  seed: number;
  users: number;
  metrics: number;
  readings: number;
}): RawRecord[] {
  return [
    ...simulateGateways({
      seed: options.seed,
      users: options.users,
      metricsPerUser: options.metrics,
      readingsPerMetric: options.readings,
      start: new Date('2026-03-27T00:00:00Z'),
      intervalMs: 60_000,
    }),
  ].map((r) => ({ key: r.key, value: JSON.stringify(r.value) }));
}
