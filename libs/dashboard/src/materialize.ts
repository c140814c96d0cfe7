import { pruneBuckets } from './buckets';
import { calendarFor } from './calendars';
import { nextLocalDate, startOfLocalDate } from './periods';
import type { DashboardState, MetricState } from './state';
import { buildView, type DashboardView } from './view';

export interface Materialized {
  /** The state with the periods that can no longer matter dropped. */
  readonly state: DashboardState;
  readonly view: DashboardView;
  /** The next local midnight: when the periods roll over and the view must be rebuilt. */
  readonly nextBoundaryAt: Date;
}

/** Evaluates the state at `now`: the served view, and when it next needs rebuilding. */
export function materialize(state: DashboardState, now: Date): Materialized {
  if (state.rebucket_pending)
    throw new Error('materialize: the zone changed and the buckets were not rebuilt');
  const calendar = calendarFor(state.bucket_zone);
  const today = calendar.dateOf(now.getTime());
  const metrics: Record<string, MetricState> = {};
  for (const [id, metric] of Object.entries(state.metrics)) {
    metrics[id] = { ...metric, buckets: pruneBuckets(metric.buckets, today) };
  }
  const pruned = { ...state, metrics };
  return {
    state: pruned,
    view: buildView(pruned, now, today),
    nextBoundaryAt: new Date(startOfLocalDate(nextLocalDate(today), state.bucket_zone)),
  };
}
