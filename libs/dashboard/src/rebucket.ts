import { addToBuckets } from './buckets';
import { calendarFor } from './calendars';
import { startOfLocalDate } from './periods';
import { emptyBuckets, type DashboardState, type MetricState } from './state';

/** One applied sample as the history keeps it: enough to put it back into its periods, in log order. */
export interface HistorySample {
  readonly metric_id: number;
  readonly epoch_ms: number;
  readonly quantity: number | null;
  readonly partition: number;
  readonly offset: number;
}

const logOrder = (a: HistorySample, b: HistorySample): number =>
  a.partition - b.partition || a.offset - b.offset;

/**
 * Recomputes every bucket in the state's zone from the applied samples, as if that zone had always been
 * the user's. `history` must hold each applied sample once (first occurrence of each `sample_id`) and may
 * stop at the oldest period still kept; the latest-samples lists do not depend on the zone and stay.
 * Samples are added in log order whatever order `history` comes in: sums of floats depend on the order,
 * and a rebuild must give the same document however the store returned the samples.
 */
export function rebucket(state: DashboardState, history: Iterable<HistorySample>): DashboardState {
  const calendar = calendarFor(state.bucket_zone);
  const metrics: Record<string, MetricState> = {};
  for (const [id, metric] of Object.entries(state.metrics))
    metrics[id] = { ...metric, buckets: emptyBuckets() };
  for (const sample of [...history].sort(logOrder)) {
    const metric = metrics[sample.metric_id];
    if (!metric || sample.quantity === null) continue;
    metrics[sample.metric_id] = {
      ...metric,
      buckets: addToBuckets(metric.buckets, calendar.dateOf(sample.epoch_ms), sample.quantity),
    };
  }
  return { ...state, metrics, rebucket_pending: false };
}

/** The oldest instant whose sample can still count: the start of last year in `zone`, seen from `now`. */
export function historyNeededSince(zone: string, now: Date): number {
  const { year } = calendarFor(zone).dateOf(now.getTime());
  return startOfLocalDate({ year: year - 1, month: 1, day: 1 }, zone);
}
