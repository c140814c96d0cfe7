/** fast-check generators of event streams and delivery plans for the property tests (not a test file). */
import type { DomainEventEnvelope } from '@app/contracts';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { rfc3339, uuidOf, validated, type Owner } from './event-factory';
import type { DeliveryPlan, DeliveryStep } from './in-memory-projector';
import { startOfDay } from './reference-projection';

/** Zones with odd offsets, half-hour DST, a skipped midnight (Santiago) or a repeated one (Havana, Azores). */
// prettier-ignore
export const ZONES = [
  'UTC', 'America/Toronto', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/Santiago', 'Pacific/Chatham',
  'Europe/London', 'America/Havana', 'Atlantic/Azores',
] as const;

/** Per zone, instants of its DST changes and of week, month or year edges: the clock is put near one. */
const EDGES: Readonly<Record<(typeof ZONES)[number], readonly string[]>> = {
  UTC: ['2021-01-01T00:00:00Z', '2023-01-01T00:00:00Z', '2024-02-29T00:00:00Z', '2022-01-16T20:45:00Z'],
  'America/Toronto': ['2022-03-13T07:00:00Z', '2022-11-06T06:00:00Z', '2021-01-01T05:00:00Z'],
  'Asia/Kathmandu': ['2020-12-31T18:15:00Z', '2022-01-02T18:15:00Z', '2023-07-31T18:15:00Z'],
  'Australia/Lord_Howe': ['2022-04-02T15:00:00Z', '2022-10-01T15:30:00Z', '2021-12-31T13:00:00Z'],
  'America/Santiago': ['2022-09-11T04:00:00Z', '2022-04-03T03:00:00Z', '2021-01-01T03:00:00Z'],
  'Pacific/Chatham': ['2022-04-02T14:00:00Z', '2022-09-24T14:00:00Z', '2020-12-31T10:15:00Z'],
  'Europe/London': ['2022-03-27T01:00:00Z', '2022-10-30T01:00:00Z', '2019-12-29T00:00:00Z'],
  'America/Havana': ['2022-11-06T04:00:00Z', '2022-03-13T05:00:00Z'],
  'Atlantic/Azores': ['2022-10-30T00:00:00Z', '2022-03-27T01:00:00Z'],
};

/** A zone to focus on; a stream's zones and clock are drawn mostly from it. */
const FOCUS = 'focus';
type ZoneChoice = (typeof ZONES)[number] | typeof FOCUS;
const zoneChoice = fc.oneof(
  { weight: 3, arbitrary: fc.constant<ZoneChoice>(FOCUS) },
  { weight: 2, arbitrary: fc.constantFrom<ZoneChoice>(...ZONES) },
);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OFFSETS = [0, -300, -240, 345, 630, 660, 765, -180, 60, -60];

export const USER_SETS: readonly (readonly Owner[])[] = [
  [{ tenant_id: 3, user_id: 2 }],
  [
    { tenant_id: 3, user_id: 2 },
    { tenant_id: 3, user_id: 5 },
  ],
  [
    { tenant_id: 3, user_id: 2 },
    { tenant_id: 4, user_id: 2 },
  ],
];

const instantText = fc.record({
  offsetMinutes: fc.constantFrom(...OFFSETS),
  nanos: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 999_999 })),
  digits: fc.constantFrom(0, 3, 6, 9, 9),
});

/** Where a sample's start lies, relative to the final `now` of the stream. */
const startSpec = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('near' as const),
      ms: fc.integer({ min: -3 * DAY, max: 2 * DAY }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('midnight' as const),
      zone: zoneChoice,
      days: fc.integer({ min: -10, max: 2 }),
      ms: fc.constantFrom(-1, 0, 0, 1, 30 * 60_000),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('months' as const),
      ms: fc.integer({ min: -800 * DAY, max: 0 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('ancient' as const),
      ms: fc.integer({ min: -5000 * DAY, max: -800 * DAY }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('again' as const), pick: fc.nat() }) },
);

const text = fc.constantFrom<string | null>('Ada', 'Lovelace', '', null, 'Émile');
const zoneValue = fc.oneof({ weight: 5, arbitrary: zoneChoice }, { weight: 1, arbitrary: fc.constant(null) });
const profileChanges = {
  first_name: text,
  last_name: text,
  timezone: zoneValue,
  email: fc.constantFrom('a@example.invalid', 'b@example.invalid'),
  telephone: fc.constantFrom<string | null>('555-0100', null),
  children_count: fc.constantFrom<number | null>(0, 2, null),
  uuid: fc.constantFrom(uuidOf(0xa0, 7)),
};

const who = fc.nat({ max: 1 });
// prettier-ignore
const spec = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('register' as const), who, uuidNo: fc.nat({ max: 2 }), data: fc.record(profileChanges, { requiredKeys: [] }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('update' as const), who, data: fc.record(profileChanges, { requiredKeys: [] }), zone: zoneValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('AllergyAdded' as const, 'IllnessAdded' as const, 'AllergyRemoved' as const, 'IllnessRemoved' as const), who, id: fc.integer({ min: 1, max: 3 }), text: fc.constantFrom('x', 'y') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('device' as const), who, id: fc.integer({ min: 1, max: 3 }), uuidNo: fc.nat({ max: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('metric' as const), who, id: fc.integer({ min: 1, max: 4 }), device: fc.integer({ min: 1, max: 3 }), unit: fc.constantFrom<string | null | undefined>('bpm', null, undefined), app: fc.constantFrom<number | null | undefined>(7, null, undefined) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), who, id: fc.integer({ min: 2, max: 5 }) }) },
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('sample' as const),
      who,
      sampleNo: fc.nat({ max: 14 }),
      metric: fc.oneof(fc.constantFrom(1, 2), fc.integer({ min: 1, max: 5 })),
      start: startSpec,
      text: instantText,
      skew: fc.oneof(fc.integer({ min: -5 * 60_000, max: 0 }), fc.integer({ min: 0, max: 3 * DAY })),
      quantity: fc.oneof(
        { weight: 1, arbitrary: fc.constant(null) },
        { weight: 3, arbitrary: fc.integer({ min: -20, max: 200 }) },
        { weight: 3, arbitrary: fc.double({ min: 0, max: 1000, noNaN: true }) },
      ),
      results: fc.constantFrom<string | null | undefined>(undefined, null, '120/80'),
    }),
  },
);

export type EventSpec = typeof spec extends fc.Arbitrary<infer T> ? T : never;

export interface Stream {
  readonly owners: readonly Owner[];
  readonly focus: (typeof ZONES)[number];
  readonly now: Date;
  readonly events: readonly DomainEventEnvelope[];
}

/** Turns specs into validated events (log order), with times relative to `now`. */
export function buildStream(
  owners: readonly Owner[],
  focus: Stream['focus'],
  now: Date,
  specs: readonly EventSpec[],
): Stream {
  const zone = (choice: ZoneChoice) => (choice === FOCUS ? focus : choice);
  const withZone = <T extends { timezone?: ZoneChoice | null }>(data: T) =>
    data.timezone ? { ...data, timezone: zone(data.timezone) } : data;
  const starts: { epochMs: number; nanos: number }[] = [];
  let n = 0;
  const events = specs.map((s) => {
    n++;
    const owner = owners[s.who % owners.length];
    const occurred = rfc3339(now.getTime() - (n % 7) * HOUR + n, {
      offsetMinutes: OFFSETS[n % OFFSETS.length],
    });
    const id = uuidOf(0xe0, n);
    switch (s.kind) {
      case 'register':
        return validated(
          'UserRegistered',
          { uuid: uuidOf(0xa0, s.uuidNo), email: 'r@example.invalid', ...withZone(s.data) },
          occurred,
          owner,
          id,
        );
      case 'update': {
        // at least one updatable field (`uuid` is ignored and does not count)
        const data = Object.keys(s.data).some((k) => k !== 'uuid') ? s.data : { ...s.data, timezone: s.zone };
        return validated('UserProfileUpdated', withZone(data), occurred, owner, id);
      }
      case 'device':
        return validated('DeviceRegistered', { id: s.id, uuid: uuidOf(0xd0, s.uuidNo) }, occurred, owner, id);
      case 'metric':
        return validated(
          'MetricRegistered',
          {
            id: s.id,
            uuid: uuidOf(0xc0, s.id * 10 + n),
            device_id: s.device,
            type: 'heartRate',
            unit: s.unit,
            application_id: s.app,
          },
          occurred,
          owner,
          id,
        );
      case 'remove':
        return validated('MetricRemoved', { id: s.id }, occurred, owner, id);
      case 'sample': {
        const where = s.start.kind === 'midnight' ? { ...s.start, zone: zone(s.start.zone) } : s.start;
        const start = sampleStart(where, now, starts, s.text.nanos);
        starts.push(start);
        const startDate = rfc3339(start.epochMs, { ...s.text, nanos: start.nanos });
        // occurred_at at most 5 minutes before start (written with every digit, so exactly that instant)
        const occurredAt = rfc3339(start.epochMs + s.skew, {
          nanos: start.nanos,
          digits: 9,
          offsetMinutes: s.text.offsetMinutes,
        });
        const data = {
          sample_id: uuidOf(0x50, s.sampleNo),
          metric_id: s.metric,
          start_date: startDate,
          end_date: rfc3339(start.epochMs + 60_000, { nanos: start.nanos, digits: 9 }),
          quantity: s.quantity,
          results_str: s.results,
        };
        return validated('QuantitySampleRecorded', data, occurredAt, owner, id);
      }
      default:
        return validated(
          s.kind,
          s.kind.endsWith('Added') ? { id: s.id, text: s.text } : { id: s.id },
          occurred,
          owner,
          id,
        );
    }
  });
  return { owners, focus, now, events };
}

type StartSpec = typeof startSpec extends fc.Arbitrary<infer T> ? T : never;

function sampleStart(
  start: Exclude<StartSpec, { kind: 'midnight' }> | (StartSpec & { kind: 'midnight' } & { zone: string }),
  now: Date,
  earlier: readonly { epochMs: number; nanos: number }[],
  nanos: number,
): { epochMs: number; nanos: number } {
  switch (start.kind) {
    case 'again':
      if (earlier.length > 0) return earlier[start.pick % earlier.length];
      return { epochMs: now.getTime(), nanos };
    case 'midnight': {
      const local = DateTime.fromMillis(now.getTime(), { zone: start.zone });
      const day = DateTime.utc(local.year, local.month, local.day).plus({ days: start.days });
      return { epochMs: startOfDay(day, start.zone) + start.ms, nanos: start.ms === -1 ? 999_999 : nanos };
    }
    default:
      return { epochMs: now.getTime() + start.ms, nanos };
  }
}

/** A zone and a clock near one of its edges (mostly within a day, sometimes days or weeks away). */
const focusArb = fc
  .constantFrom(...ZONES)
  .chain((focus) =>
    fc
      .tuple(
        fc.constantFrom(...EDGES[focus]),
        fc.oneof(
          { weight: 2, arbitrary: fc.integer({ min: -2 * HOUR, max: 2 * HOUR }) },
          { weight: 3, arbitrary: fc.integer({ min: -26 * HOUR, max: 26 * HOUR }) },
          { weight: 1, arbitrary: fc.integer({ min: -40 * DAY, max: 40 * DAY }) },
        ),
      )
      .map(([edge, shift]) => ({ focus, now: new Date(Date.parse(edge) + shift) })),
  );

export const streamArb = (maxEvents = 60): fc.Arbitrary<Stream> =>
  fc
    .tuple(fc.constantFrom(...USER_SETS), focusArb, fc.array(spec, { maxLength: maxEvents, size: 'max' }))
    .map(([owners, { focus, now }, specs]) => buildStream(owners, focus, now, specs));

// prettier-ignore
const stepArb: fc.Arbitrary<DeliveryStep> = fc.record({
  size: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 40 })),
  rewind: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 1, arbitrary: fc.constant(1_000) }),
  crash: fc.constantFrom<DeliveryStep['crash']>('none', 'none', 'none', 'before-save', 'before-commit'),
  eagerRebucket: fc.boolean(),
  trimHistory: fc.boolean(),
});

/** Any batch split, redelivery and crashes, with a clock that ends at `now` after up to 40 days of readings. */
export const planArb = (now: Date): fc.Arbitrary<DeliveryPlan> =>
  fc
    .record({
      steps: fc.array(stepArb, { maxLength: 14, size: 'medium' }),
      partitions: fc.integer({ min: 1, max: 2 }),
      lags: fc.array(fc.oneof(fc.integer({ min: 0, max: 2 * DAY }), fc.integer({ min: 0, max: 40 * DAY })), {
        maxLength: 14,
        size: 'medium',
      }),
    })
    .map(({ steps, partitions, lags }) => ({
      steps,
      partitions,
      clock: [...[...lags].sort((a, b) => b - a).map((lag) => new Date(now.getTime() - lag)), now],
    }));
