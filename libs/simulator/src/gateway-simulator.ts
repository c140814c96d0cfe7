import { Rng } from './random';

/** One record as a device gateway or the account service would publish it. */
export interface SimulatedRecord {
  readonly key: string;
  readonly value: Record<string, unknown>;
}

export interface SimulationOptions {
  readonly seed: number;
  readonly tenantId?: number;
  readonly users: number;
  readonly metricsPerUser: number;
  /** Readings of each metric. */
  readonly readingsPerMetric: number;
  /** Instant of the first reading. */
  readonly start: Date;
  /** Time between two readings of one metric (default 5 s). */
  readonly intervalMs?: number;
  /** Share of readings re-published with the same `sample_id` (default 0.02). */
  readonly duplicateRate?: number;
  /** Share of readings that arrive late, taken up to 3 days earlier (default 0.05). */
  readonly lateRate?: number;
  /** Chance per reading round that a user's profile changes, half the time its time zone (default 0.002). */
  readonly profileChangeRate?: number;
}

const ZONES = [
  'UTC',
  'America/Toronto',
  'Europe/London',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'America/Santiago',
];
const KINDS = [
  { type: 'heartRate', unit: 'bpm', value: (r: Rng) => r.int(45, 180) },
  { type: 'stepCount', unit: 'count', value: (r: Rng) => r.int(0, 400) },
  { type: 'bloodPressure', unit: 'mm Hg', value: () => null },
  { type: 'bodyTemperature', unit: 'degC', value: (r: Rng) => 35.5 + r.int(0, 30) / 10 },
  { type: 'location', unit: 'latitude,longitude', value: () => null },
];

/**
 * A realistic event stream: each user registers, adds a device and metrics, then readings arrive round
 * by round in time order, with a share of late and duplicate readings and occasional profile changes.
 * Deterministic for a given seed. Yields records lazily, so millions need no memory.
 */
export function* simulateGateways(options: SimulationOptions): Generator<SimulatedRecord> {
  const rng = new Rng(options.seed);
  const tenant = options.tenantId ?? 1;
  const interval = options.intervalMs ?? 5000;
  const users = Array.from({ length: options.users }, (_, i) => i + 1);
  const envelope = (user: number, type: string, occurredAt: number, data: Record<string, unknown>) => ({
    key: `${tenant}:${user}`,
    value: {
      event_id: rng.uuid(),
      type,
      version: 1,
      occurred_at: new Date(occurredAt).toISOString(),
      tenant_id: tenant,
      user_id: user,
      data,
    },
  });
  const t0 = options.start.getTime();
  for (const user of users) {
    yield envelope(user, 'UserRegistered', t0 - 60_000, {
      uuid: rng.uuid(),
      email: `user${user}@example.invalid`,
      first_name: `First${user}`,
      last_name: `Last${user}`,
      timezone: rng.pick(ZONES),
    });
    yield envelope(user, 'DeviceRegistered', t0 - 50_000, { id: 1, uuid: rng.uuid(), manufacturer: 'Acme' });
    for (let m = 1; m <= options.metricsPerUser; m++) {
      const kind = KINDS[(m - 1) % KINDS.length];
      yield envelope(user, 'MetricRegistered', t0 - 40_000, {
        id: m,
        uuid: rng.uuid(),
        device_id: 1,
        type: kind.type,
        unit: kind.unit,
      });
    }
  }
  const recent: Record<string, unknown>[] = [];
  for (let round = 0; round < options.readingsPerMetric; round++) {
    const now = t0 + round * interval;
    for (const user of users) {
      if (rng.chance(options.profileChangeRate ?? 0.002)) {
        const change = rng.chance(0.5)
          ? { timezone: rng.pick(ZONES) }
          : { telephone: `555-${rng.int(1000, 9999)}` };
        yield envelope(user, 'UserProfileUpdated', now, change);
      }
      for (let m = 1; m <= options.metricsPerUser; m++) {
        const kind = KINDS[(m - 1) % KINDS.length];
        if (recent.length > 0 && rng.chance(options.duplicateRate ?? 0.02)) {
          const original = rng.pick(recent);
          yield { key: `${tenant}:${original.user_id}`, value: { ...original, event_id: rng.uuid() } };
          continue;
        }
        const late = rng.chance(options.lateRate ?? 0.05);
        const takenAt = late ? now - rng.int(1, 3 * 86_400) * 1000 : now;
        const value = kind.value(rng);
        const record = envelope(user, 'QuantitySampleRecorded', now, {
          sample_id: rng.uuid(),
          metric_id: m,
          start_date: new Date(takenAt).toISOString(),
          end_date: new Date(takenAt + 1000).toISOString(),
          quantity: value,
          results_str: value === null ? (kind.type === 'location' ? '43.6532,-79.3832' : '120/80') : null,
        });
        if (recent.length < 1000) recent.push(record.value);
        else recent[rng.int(0, recent.length - 1)] = record.value;
        yield record;
      }
    }
  }
}
