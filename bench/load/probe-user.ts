import { randomUUID } from 'node:crypto';
import type { RawRecord } from '../../test/support/produce';

const TENANT = 1;

const envelope = (user: number, type: string, at: Date, data: Record<string, unknown>): RawRecord => ({
  key: `${TENANT}:${user}`,
  value: JSON.stringify({
    event_id: randomUUID(),
    type,
    version: 1,
    occurred_at: at.toISOString(),
    tenant_id: TENANT,
    user_id: user,
    data,
  }),
});

/** A user of its own for freshness probes: registered with one heart-rate metric (id 1). */
export function probeRegistration(user: number, at: Date): RawRecord[] {
  return [
    envelope(user, 'UserRegistered', at, {
      uuid: randomUUID(),
      email: `probe${user}@example.invalid`,
      first_name: 'Probe',
      last_name: 'User',
      timezone: 'UTC',
    }),
    envelope(user, 'DeviceRegistered', at, { id: 1, uuid: randomUUID(), manufacturer: 'Acme' }),
    envelope(user, 'MetricRegistered', at, {
      id: 1,
      uuid: randomUUID(),
      device_id: 1,
      type: 'heartRate',
      unit: 'bpm',
    }),
  ];
}

/** One heart-rate reading of the probe user taken at `takenAt`. */
export function probeSample(user: number, takenAt: Date): RawRecord {
  return envelope(user, 'QuantitySampleRecorded', takenAt, {
    sample_id: randomUUID(),
    metric_id: 1,
    start_date: takenAt.toISOString(),
    end_date: new Date(takenAt.getTime() + 1000).toISOString(),
    quantity: 60 + (takenAt.getTime() % 40),
    results_str: null,
  });
}
