/**
 * A from-scratch oracle of the dashboard (spec: dashboard.md, events.md), written from the spec text only and
 * deliberately sharing no logic with libs/dashboard/src: it sees the whole log at once and answers for one
 * `now`, with no buckets, pruning, positions or incremental state. Slow and simple on purpose.
 */
import { toEpochNanos, type DomainEventEnvelope } from '@app/contracts';
import { DateTime } from 'luxon';

/** The profile fields of `UserRegistered`, in the order events.md lists them. */
// prettier-ignore
const PROFILE_FIELDS = [
  'uuid', 'email', 'first_name', 'last_name', 'timezone', 'language', 'country', 'country_tel_code',
  'telephone', 'agree_tos', 'state', 'date_of_birth', 'joined_time', 'gender', 'marital_status',
  'blood_group', 'children_count', 'height_in_meters', 'weight_in_kg', 'body_mass_index',
  'body_fat_percentage', 'avatar_title', 'avatar_file_url',
] as const;

// prettier-ignore
const PROFILE_EVENTS = new Set([
  'UserRegistered', 'UserProfileUpdated', 'AllergyAdded', 'AllergyRemoved', 'IllnessAdded', 'IllnessRemoved',
]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type ReferenceView = {
  as_of: string;
  metrics: Record<string, Json>[];
  user: Record<string, Json> | null;
};

/** The expected document of every user with at least one event, keyed `"<tenant_id>:<user_id>"`. */
export function referenceViews(
  events: readonly DomainEventEnvelope[],
  now: Date,
): Map<string, ReferenceView> {
  const byUser = new Map<string, DomainEventEnvelope[]>();
  for (const e of events) {
    const key = `${e.tenant_id}:${e.user_id}`;
    byUser.set(key, [...(byUser.get(key) ?? []), e]);
  }
  return new Map([...byUser].map(([key, own]) => [key, referenceView(own, now)]));
}

/** The expected document of one user, from that user's events in log order. */
export function referenceView(events: readonly DomainEventEnvelope[], now: Date): ReferenceView {
  const user = userOf(events);
  const zone = typeof user?.timezone === 'string' && user.timezone !== '' ? user.timezone : 'UTC';
  return { as_of: now.toISOString(), metrics: metricsOf(events, zone, now), user };
}

// ---- user ----------------------------------------------------------------------------------------------

function userOf(events: readonly DomainEventEnvelope[]): Record<string, Json> | null {
  const profileEvents = events.filter((e) => PROFILE_EVENTS.has(e.type));
  if (profileEvents.length === 0) return null;
  // Before any registration every field is unknown (null), except the zone: null only once an update clears it.
  let fields: Record<string, Json> = {
    ...Object.fromEntries(PROFILE_FIELDS.map((f) => [f, null])),
    timezone: 'UTC',
  };
  let createdTime: string | null = null;
  const lists = { allergies: new Map<number, string>(), illnesses: new Map<number, string>() };
  for (const e of profileEvents) {
    const data = e.data as Record<string, Json>;
    const has = (f: string) => Object.prototype.hasOwnProperty.call(data, f);
    if (e.type === 'UserRegistered') {
      fields = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, has(f) ? data[f] : null]));
      if (fields.timezone === null) fields.timezone = 'UTC';
      createdTime ??= e.occurred_at;
    } else if (e.type === 'UserProfileUpdated') {
      for (const f of PROFILE_FIELDS) if (f !== 'uuid' && has(f)) fields[f] = data[f];
    } else {
      const list =
        e.type === 'AllergyAdded' || e.type === 'AllergyRemoved' ? lists.allergies : lists.illnesses;
      if (e.type.endsWith('Added')) list.set(data.id as number, data.text as string);
      else list.delete(data.id as number);
    }
  }
  const present = (v: Json): v is string => typeof v === 'string' && v !== '';
  const first = present(fields.first_name) ? fields.first_name : null;
  const last = present(fields.last_name) ? fields.last_name : null;
  const sorted = (m: Map<number, string>) =>
    [...m].sort(([a], [b]) => a - b).map(([id, text]) => ({ id, text }));
  return {
    id: events[0].user_id,
    ...fields,
    name: first && last ? `${first} ${last}` : (first ?? last),
    lexical_name: first && last ? `${last}, ${first}` : (last ?? first),
    created_time: createdTime,
    modified_time: profileEvents[profileEvents.length - 1].occurred_at,
    allergies: sorted(lists.allergies),
    illnesses: sorted(lists.illnesses),
  };
}

// ---- metrics -------------------------------------------------------------------------------------------

interface Sample {
  readonly logIndex: number;
  readonly metricId: number;
  readonly nanos: bigint;
  readonly startDate: string;
  readonly quantity: number | null;
  readonly resultsStr: string | null;
}

function metricsOf(events: readonly DomainEventEnvelope[], zone: string, now: Date): Record<string, Json>[] {
  const removed = new Set<number>();
  const definitions = new Map<number, Record<string, Json>>();
  const devices = new Map<number, string>();
  const seen = new Set<string>();
  const samples: Sample[] = [];
  events.forEach((e, logIndex) => {
    if (e.type === 'MetricRemoved') removed.add(e.data.id);
    if (e.type === 'DeviceRegistered') devices.set(e.data.id, e.data.uuid);
    if (e.type === 'MetricRegistered' && !removed.has(e.data.id)) definitions.set(e.data.id, { ...e.data });
    if (e.type !== 'QuantitySampleRecorded' || seen.has(e.data.sample_id)) return;
    seen.add(e.data.sample_id); // the first one wins, whatever its metric and even if that metric is removed
    samples.push({
      logIndex,
      metricId: e.data.metric_id,
      nanos: toEpochNanos(e.startAt),
      startDate: e.data.start_date,
      quantity: e.data.quantity,
      resultsStr: e.data.results_str ?? null,
    });
  });
  const periods = periodsAt(zone, now);
  return [...definitions.values()]
    .filter((d) => !removed.has(d.id as number))
    .sort((a, b) => (b.id as number) - (a.id as number))
    .map((d) => {
      const own = samples.filter((s) => s.metricId === d.id);
      const latest = [...own].sort((a, b) =>
        a.nanos === b.nanos ? b.logIndex - a.logIndex : a.nanos < b.nanos ? 1 : -1,
      );
      const entry: Record<string, Json> = {
        id: d.id,
        uuid: d.uuid,
        tenant_id: events[0].tenant_id,
        device_id: d.device_id,
        device_uuid: devices.get(d.device_id as number) ?? null,
        user_id: events[0].user_id,
        type: d.type,
        unit: d.unit ?? null,
        application_id: d.application_id ?? null,
      };
      for (const [name, [start, end]] of Object.entries(periods))
        entry[`avg_${name}`] = meanWithin(own, start, end);
      entry.latest_results_str = latest[0]?.resultsStr ?? null;
      entry.latest_value = latest[0]?.quantity ?? null;
      entry.latest_timestamp = latest[0]?.startDate ?? null;
      if (latest.length > 0) {
        entry.latest_data = latest
          .slice(0, 10)
          .map((s) => ({ metric_id: d.id, timestamp: s.startDate, value: s.quantity }));
      }
      return entry;
    });
}

function meanWithin(samples: readonly Sample[], startMs: number, endMs: number): number | null {
  const start = BigInt(startMs) * 1_000_000n;
  const end = BigInt(endMs) * 1_000_000n;
  let sum = 0;
  let count = 0;
  for (const s of samples) {
    if (typeof s.quantity !== 'number' || s.nanos < start || s.nanos >= end) continue;
    sum += s.quantity;
    count++;
  }
  return count === 0 ? null : sum / count;
}

// ---- periods -------------------------------------------------------------------------------------------

type Day = DateTime; // a calendar date, held as UTC midnight so that no zone rule applies to the arithmetic

/** The half-open `[start, end)` epoch-ms interval of each period, in `zone`, evaluated at `now`. */
export function periodsAt(zone: string, now: Date): Record<string, [number, number]> {
  const local = DateTime.fromMillis(now.getTime(), { zone });
  const d: Day = DateTime.utc(local.year, local.month, local.day);
  const monday = d.minus({ days: d.weekday - 1 });
  const month = d.startOf('month');
  const year = d.startOf('year');
  const span = (from: Day, to: Day): [number, number] => [startOfDay(from, zone), startOfDay(to, zone)];
  return {
    today: span(d, d.plus({ days: 1 })),
    yesterday: span(d.minus({ days: 1 }), d),
    this_week: span(monday, monday.plus({ days: 7 })),
    last_week: span(monday.minus({ days: 7 }), monday),
    this_month: span(month, month.plus({ months: 1 })),
    last_month: span(month.minus({ months: 1 }), month),
    this_year: span(year, year.plus({ years: 1 })),
    last_year: span(year.minus({ years: 1 }), year),
  };
}

/**
 * The first instant (epoch ms) whose local date in `zone` is `day` or later. Local dates never go back, so
 * a binary search over the 72 hours around the date's UTC midnight finds it whatever the offset or the DST
 * rule (a skipped midnight, a midnight that happens twice).
 */
export function startOfDay(day: Day, zone: string): number {
  const target = day.year * 10_000 + day.month * 100 + day.day;
  const reached = (ms: number) => {
    const t = DateTime.fromMillis(ms, { zone });
    return t.year * 10_000 + t.month * 100 + t.day >= target;
  };
  let before = day.toMillis() - 36 * 3_600_000; // local date surely earlier (offsets stay within ±14 h)
  let after = day.toMillis() + 36 * 3_600_000; // surely reached
  while (after - before > 1) {
    const mid = Math.floor((before + after) / 2);
    if (reached(mid)) after = mid;
    else before = mid;
  }
  return after;
}
