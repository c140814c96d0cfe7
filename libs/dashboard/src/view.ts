import { averageOf } from './buckets';
import { currentAndPreviousKeys, type LocalDate } from './periods';
import {
  PROFILE_FIELDS,
  type DashboardState,
  type MetricState,
  type ProfileState,
  type ProfileValue,
} from './state';

/** The response document of `GET /api/v1/dashboard`, exactly as stored and served. */
export interface DashboardView {
  readonly as_of: string;
  readonly metrics: readonly MetricView[];
  readonly user: UserView | null;
}

export interface LatestPoint {
  readonly metric_id: number;
  readonly timestamp: string;
  readonly value: number | null;
}

export interface MetricView {
  readonly id: number;
  readonly uuid: string;
  readonly tenant_id: number;
  readonly device_id: number;
  readonly device_uuid: string | null;
  readonly user_id: number;
  readonly type: string;
  readonly unit: string | null;
  readonly application_id: number | null;
  readonly avg_today: number | null;
  readonly avg_yesterday: number | null;
  readonly avg_this_week: number | null;
  readonly avg_last_week: number | null;
  readonly avg_this_month: number | null;
  readonly avg_last_month: number | null;
  readonly avg_this_year: number | null;
  readonly avg_last_year: number | null;
  readonly latest_results_str: string | null;
  readonly latest_value: number | null;
  readonly latest_timestamp: string | null;
  readonly latest_data?: readonly LatestPoint[];
}

export type UserView = Readonly<Record<string, ProfileValue | readonly { id: number; text: string }[]>>;

/** Builds the served document at `asOf`, whose local date in the user's zone is `today`. */
export function buildView(state: DashboardState, asOf: Date, today: LocalDate): DashboardView {
  const metrics = Object.values(state.metrics)
    .filter(
      (m): m is MetricState & { definition: NonNullable<MetricState['definition']> } => m.definition !== null,
    )
    .sort((a, b) => b.definition.id - a.definition.id)
    .map((m) => metricView(state, m, today));
  return {
    as_of: asOf.toISOString(),
    metrics,
    user: state.profile ? userView(state.user_id, state.profile) : null,
  };
}

function metricView(
  state: DashboardState,
  metric: MetricState & { definition: NonNullable<MetricState['definition']> },
  today: LocalDate,
): MetricView {
  const { definition: def, buckets, latest } = metric;
  const { current, previous } = currentAndPreviousKeys(today);
  const newest = latest[0];
  const view: MetricView = {
    id: def.id,
    uuid: def.uuid,
    tenant_id: state.tenant_id,
    device_id: def.device_id,
    device_uuid: state.devices[def.device_id] ?? null,
    user_id: state.user_id,
    type: def.type,
    unit: def.unit,
    application_id: def.application_id,
    avg_today: averageOf(buckets.day[current.day]),
    avg_yesterday: averageOf(buckets.day[previous.day]),
    avg_this_week: averageOf(buckets.week[current.week]),
    avg_last_week: averageOf(buckets.week[previous.week]),
    avg_this_month: averageOf(buckets.month[current.month]),
    avg_last_month: averageOf(buckets.month[previous.month]),
    avg_this_year: averageOf(buckets.year[current.year]),
    avg_last_year: averageOf(buckets.year[previous.year]),
    latest_results_str: newest?.results_str ?? null,
    latest_value: newest?.value ?? null,
    latest_timestamp: newest?.timestamp ?? null,
  };
  if (latest.length === 0) return view;
  return {
    ...view,
    latest_data: latest.map((s) => ({ metric_id: def.id, timestamp: s.timestamp, value: s.value })),
  };
}

function joinName(parts: readonly (ProfileValue | undefined)[], separator: string): string | null {
  const present = parts.filter((p): p is string => typeof p === 'string' && p.length > 0);
  return present.length > 0 ? present.join(separator) : null;
}

const listView = (items: Readonly<Record<string, string>>) =>
  Object.entries(items)
    .map(([id, text]) => ({ id: Number(id), text }))
    .sort((a, b) => a.id - b.id);

function userView(userId: number, profile: ProfileState): UserView {
  const f = profile.fields;
  const fields = Object.fromEntries(PROFILE_FIELDS.map((name) => [name, f[name]]));
  return {
    id: userId,
    ...fields,
    name: joinName([f.first_name, f.last_name], ' '),
    lexical_name: joinName([f.last_name, f.first_name], ', '),
    created_time: profile.created_time,
    modified_time: profile.modified_time,
    allergies: listView(profile.allergies),
    illnesses: listView(profile.illnesses),
  };
}
