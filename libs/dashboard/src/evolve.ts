import { addToBuckets } from './buckets';
import { insertLatest } from './latest';
import { calendarFor } from './calendars';
import { addListItem, registerProfile, removeListItem, updateProfile } from './profile';
import {
  effectiveZone,
  emptyBuckets,
  type DashboardState,
  type MetricDefinition,
  type MetricState,
} from './state';
import type { FoldEvent, LogPosition, SampleRecorded } from './fold-event';

/**
 * The fold: one event at its log position → the next state. Pure and total: an event at or below the
 * position already applied for its partition, and any type it does not know, leave the state unchanged.
 * Samples must reach it deduplicated by `sample_id` (the caller owns the record of ids already seen).
 */
export function evolve(state: DashboardState, input: FoldEvent): DashboardState {
  return isApplied(state, input) ? state : advance(apply(state, input), input);
}

/** Records a position as applied without changing anything else: for recognised no-ops (duplicates). */
export function skip(state: DashboardState, at: LogPosition): DashboardState {
  return isApplied(state, at) ? state : advance(state, at);
}

export function isApplied(state: DashboardState, at: LogPosition): boolean {
  const applied = state.positions[at.partition];
  return applied !== undefined && at.offset <= applied;
}

function advance(state: DashboardState, at: LogPosition): DashboardState {
  return { ...state, positions: { ...state.positions, [at.partition]: at.offset } };
}

function apply(state: DashboardState, input: FoldEvent): DashboardState {
  const { event } = input;
  switch (event.type) {
    case 'UserRegistered':
      return withZoneCheck(state, {
        ...state,
        profile: registerProfile(state.profile, event.data, event.occurred_at),
      });
    case 'UserProfileUpdated':
      return withZoneCheck(state, {
        ...state,
        profile: updateProfile(state.profile, event.data, event.occurred_at),
      });
    case 'AllergyAdded':
      return {
        ...state,
        profile: addListItem(state.profile, 'allergies', event.data.id, event.data.text, event.occurred_at),
      };
    case 'IllnessAdded':
      return {
        ...state,
        profile: addListItem(state.profile, 'illnesses', event.data.id, event.data.text, event.occurred_at),
      };
    case 'AllergyRemoved':
      return {
        ...state,
        profile: removeListItem(state.profile, 'allergies', event.data.id, event.occurred_at),
      };
    case 'IllnessRemoved':
      return {
        ...state,
        profile: removeListItem(state.profile, 'illnesses', event.data.id, event.occurred_at),
      };
    case 'DeviceRegistered':
      return { ...state, devices: { ...state.devices, [event.data.id]: event.data.uuid } };
    case 'MetricRegistered':
      return registerMetric(state, event.data);
    case 'MetricRemoved':
      return removeMetric(state, event.data.id);
    case 'QuantitySampleRecorded':
      return recordSample(state, event, input);
    default:
      return state;
  }
}

/**
 * A zone change invalidates every bucket: they are recomputed from the sample history (see rebucket).
 * Before any sample was applied (typically the registration that sets the first zone) all buckets are
 * empty, so the new zone simply applies.
 */
function withZoneCheck(before: DashboardState, after: DashboardState): DashboardState {
  const zone = effectiveZone(after);
  if (zone === before.bucket_zone) return after;
  const anySample = Object.values(after.metrics).some((m) => m.latest.length > 0);
  return { ...after, bucket_zone: zone, rebucket_pending: after.rebucket_pending || anySample };
}

const isRemoved = (state: DashboardState, metricId: number): boolean =>
  state.removed_metrics.includes(metricId);

const metricOf = (state: DashboardState, metricId: number): MetricState =>
  state.metrics[metricId] ?? { definition: null, buckets: emptyBuckets(), latest: [] };

function registerMetric(state: DashboardState, data: SampleMetricData): DashboardState {
  if (isRemoved(state, data.id)) return state;
  const definition: MetricDefinition = {
    id: data.id,
    uuid: data.uuid,
    device_id: data.device_id,
    type: data.type,
    unit: data.unit ?? null,
    application_id: data.application_id ?? null,
  };
  return { ...state, metrics: { ...state.metrics, [data.id]: { ...metricOf(state, data.id), definition } } };
}

type SampleMetricData = Extract<FoldEvent['event'], { type: 'MetricRegistered' }>['data'];

function removeMetric(state: DashboardState, metricId: number): DashboardState {
  if (isRemoved(state, metricId)) return state;
  const metrics = { ...state.metrics };
  delete metrics[metricId];
  return { ...state, metrics, removed_metrics: [...state.removed_metrics, metricId] };
}

function recordSample(state: DashboardState, event: SampleRecorded, at: FoldEvent): DashboardState {
  const { data, startAt: start } = event;
  if (isRemoved(state, data.metric_id)) return state;
  const metric = metricOf(state, data.metric_id);
  const quantity = data.quantity;
  const buckets =
    typeof quantity === 'number'
      ? addToBuckets(metric.buckets, calendarFor(state.bucket_zone).dateOf(start.epochMs), quantity)
      : metric.buckets;
  const latest = insertLatest(metric.latest, {
    epoch_ms: start.epochMs,
    nanos: start.nanos,
    partition: at.partition,
    offset: at.offset,
    timestamp: data.start_date,
    value: quantity,
    results_str: data.results_str ?? null,
  });
  return { ...state, metrics: { ...state.metrics, [data.metric_id]: { ...metric, buckets, latest } } };
}
