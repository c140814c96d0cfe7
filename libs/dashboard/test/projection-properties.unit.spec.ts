import type { DomainEventEnvelope } from '@app/contracts';
import { materialize } from '@app/dashboard';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { firstDifference } from '../../../test/support/close-to';
import { uuidOf, validated } from './event-factory';
import { ONE_BATCH, projectInMemory, type DeliveryPlan } from './in-memory-projector';
import { referenceViews, startOfDay } from './reference-projection';
import { planArb, streamArb, type Stream } from './stream-arbitraries';

/** `FC_NUM_RUNS` raises every property's runs for a deeper local search. */
const runs = (n: number) => ({ numRuns: Number(process.env.FC_NUM_RUNS) || n });
const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const views = (stream: Pick<Stream, 'events' | 'now'>, plan?: DeliveryPlan) =>
  json(
    Object.fromEntries(projectInMemory(stream.events, plan ?? { ...ONE_BATCH, clock: [stream.now] }).views),
  );
const expected = (stream: Pick<Stream, 'events' | 'now'>) =>
  json(Object.fromEntries(referenceViews(stream.events, stream.now)));
const metricsOnly = (all: unknown) =>
  Object.fromEntries(
    Object.entries(all as Record<string, { metrics: unknown }>).map(([k, v]) => [k, v.metrics]),
  );

const withPlan = streamArb().chain((stream) => fc.tuple(fc.constant(stream), planArb(stream.now)));

describe('the in-memory pipeline against the reference projection', () => {
  it('equals the reference at the final now whatever the batches, redeliveries, crashes and clock', () => {
    fc.assert(
      fc.property(withPlan, ([stream, plan]) => {
        expect(firstDifference(views(stream, plan), expected(stream))).toBeNull();
      }),
      runs(200),
    );
  });
});

/** The stream with a copy of sample `pick` (new event_id, possibly another metric and value) re-inserted later. */
function withDuplicate(
  stream: Stream,
  pick: number,
  at: number,
  metric: number,
  quantity: number | null,
): Stream | null {
  const samples = stream.events.flatMap((e, i) => (e.type === 'QuantitySampleRecorded' ? [{ e, i }] : []));
  if (samples.length === 0) return null;
  const { e, i } = samples[pick % samples.length];
  const copy = validated(
    'QuantitySampleRecorded',
    { ...e.data, metric_id: metric, quantity },
    e.occurred_at,
    { tenant_id: e.tenant_id, user_id: e.user_id },
    uuidOf(0xdd, i),
  );
  const position = i + 1 + (at % (stream.events.length - i));
  return { ...stream, events: [...stream.events.slice(0, position), copy, ...stream.events.slice(position)] };
}

describe('duplicate sample ids', () => {
  it('never change the result when a sample is sent again later in the log', () => {
    const arb = fc.tuple(
      withPlan,
      fc.nat(),
      fc.nat(),
      fc.integer({ min: 1, max: 5 }),
      fc.option(fc.integer({ min: -9, max: 99 })),
    );
    fc.assert(
      fc.property(arb, ([[stream, plan], pick, at, metric, quantity]) => {
        const duplicated = withDuplicate(stream, pick, at, metric, quantity);
        if (duplicated === null) return;
        expect(firstDifference(views(duplicated, plan), views(stream))).toBeNull();
      }),
      runs(120),
    );
  });
});

/** The stream as if its final zone had always been the zone: every zone a profile event sets is that zone. */
function alwaysInFinalZone(stream: Stream, finalZones: ReadonlyMap<string, string>): Stream {
  const events = stream.events.map((e): DomainEventEnvelope => {
    if (e.type !== 'UserRegistered' && e.type !== 'UserProfileUpdated') return e;
    if (e.type === 'UserProfileUpdated' && !('timezone' in e.data)) return e;
    const zone = finalZones.get(`${e.tenant_id}:${e.user_id}`) ?? 'UTC';
    const owner = { tenant_id: e.tenant_id, user_id: e.user_id };
    return validated(e.type, { ...e.data, timezone: zone }, e.occurred_at, owner, e.event_id);
  });
  const first = [...finalZones].map(([key, zone]) => {
    const [tenant_id, user_id] = key.split(':').map(Number);
    return validated('UserProfileUpdated', { timezone: zone }, '2000-01-01T00:00:00Z', {
      tenant_id,
      user_id,
    });
  });
  return { ...stream, events: [...first, ...events] };
}

describe('a time-zone change', () => {
  it('gives the averages of a log where the final zone had always been the zone', () => {
    fc.assert(
      fc.property(withPlan, ([stream, plan]) => {
        const served = views(stream, plan) as Record<string, { user: { timezone: string | null } | null }>;
        const finalZones = new Map(Object.entries(served).map(([k, v]) => [k, v.user?.timezone ?? 'UTC']));
        const steady = alwaysInFinalZone(stream, finalZones);
        expect(firstDifference(metricsOnly(views(steady, plan)), metricsOnly(served))).toBeNull();
      }),
      runs(120),
    );
  });
});

describe('materialize', () => {
  it('is idempotent, and its next boundary is the first instant of the next local date', () => {
    fc.assert(
      fc.property(withPlan, ([stream, plan]) => {
        for (const [key, state] of projectInMemory(stream.events, plan).states) {
          const once = materialize(state, stream.now);
          const twice = materialize(once.state, stream.now);
          expect(twice.state).toEqual(once.state);
          expect(json(twice.view)).toEqual(json(once.view));
          expect(twice.nextBoundaryAt).toEqual(once.nextBoundaryAt);

          const zone = once.view.user?.timezone ?? 'UTC';
          const local = DateTime.fromMillis(stream.now.getTime(), { zone: zone as string });
          const tomorrow = DateTime.utc(local.year, local.month, local.day).plus({ days: 1 });
          const boundary = once.nextBoundaryAt;
          expect(boundary.toISOString()).toBe(new Date(startOfDay(tomorrow, zone as string)).toISOString());
          expect(boundary.getTime()).toBeGreaterThan(stream.now.getTime());

          // the stored document stays right until that boundary, and what was kept is enough after it
          const lastMoment = materialize(once.state, new Date(boundary.getTime() - 1)).view;
          expect(firstDifference(json(lastMoment.metrics), json(once.view.metrics))).toBeNull();
          const next = materialize(once.state, boundary).view;
          expect(
            firstDifference(json(next), json(referenceViews(stream.events, boundary).get(key))),
          ).toBeNull();
        }
      }),
      runs(100),
    );
  });
});
