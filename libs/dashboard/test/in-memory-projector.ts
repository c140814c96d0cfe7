/**
 * The production pipeline in memory (apps/projector's loop without Kafka or MongoDB), for property tests:
 * batches of any size, redelivery, crashes between the writes, a sample ledger `{sample_id → position}`, the
 * period rebuild after a zone change from the applied history, and `materialize` at a moving clock.
 */
import type { DomainEventEnvelope } from '@app/contracts';
import {
  evolve,
  historyNeededSince,
  initialState,
  isApplied,
  materialize,
  rebucket,
  skip,
  type DashboardState,
  type DashboardView,
  type FoldEvent,
  type HistorySample,
} from '@app/dashboard';

/** One fetch of the consumer. */
export interface DeliveryStep {
  /** Records fetched (at least one). */
  readonly size: number;
  /** Seek back this many records before fetching: a redelivery of what was already processed. */
  readonly rewind: number;
  /** Where the attempt stops: after the sample ledger write, after the state write, or not at all. */
  readonly crash: 'none' | 'before-save' | 'before-commit';
  /** Rebuild periods right after the zone-changing event rather than once at the end of the batch. */
  readonly eagerRebucket: boolean;
  /** Give `rebucket` only what production loads: numeric samples since the start of last year. */
  readonly trimHistory: boolean;
}

export interface DeliveryPlan {
  readonly steps: readonly DeliveryStep[];
  /** Users' partitions: 1 puts everybody in partition 0. */
  readonly partitions: number;
  /** The clock of each step, non-decreasing; the last reading is also the final `now`. */
  readonly clock: readonly Date[];
}

export const ONE_BATCH: Omit<DeliveryPlan, 'clock'> = {
  steps: [
    { size: Number.MAX_SAFE_INTEGER, rewind: 0, crash: 'none', eagerRebucket: false, trimHistory: false },
  ],
  partitions: 1,
};

interface Stored {
  readonly state: DashboardState;
  readonly view: DashboardView;
  readonly nextBoundaryAt: Date;
}

export interface Projected {
  /** The served documents at the final `now`, keyed `"<tenant_id>:<user_id>"`. */
  readonly views: Map<string, DashboardView>;
  /** The stored states after that last materialisation. */
  readonly states: Map<string, DashboardState>;
}

const userKey = (e: DomainEventEnvelope): string => `${e.tenant_id}:${e.user_id}`;

/** Runs the log (all users, log order) through the pipeline; the final `now` is the last clock reading. */
export function projectInMemory(events: readonly DomainEventEnvelope[], plan: DeliveryPlan): Projected {
  const users = [...new Set(events.map(userKey))];
  const partitionOf = (key: string) => users.indexOf(key) % Math.max(1, plan.partitions);
  const logs: FoldEvent[][] = [];
  for (const event of events) {
    const partition = partitionOf(userKey(event));
    const log = (logs[partition] ??= []);
    log.push({ event, partition, offset: log.length });
  }
  const committed = logs.map(() => 0);
  const stored = new Map<string, Stored>();
  const ledger = new Map<string, Map<string, HistorySample>>();
  const finalNow = plan.clock[plan.clock.length - 1];
  const clockAt = (i: number) => plan.clock[Math.min(i, plan.clock.length - 1)];

  // The clock loop: documents whose next period boundary has passed are rebuilt, with nothing new to fold.
  const rollOver = (now: Date) => {
    for (const [key, doc] of stored) {
      if (doc.nextBoundaryAt.getTime() <= now.getTime()) stored.set(key, materialize(doc.state, now));
    }
  };

  const runBatch = (partition: number, step: DeliveryStep, now: Date) => {
    rollOver(now);
    const from = Math.max(0, committed[partition] - step.rewind);
    const batch = (logs[partition] ?? []).slice(from, from + Math.max(1, step.size));
    const byUser = new Map<string, FoldEvent[]>();
    for (const input of batch)
      byUser.set(userKey(input.event), [...(byUser.get(userKey(input.event)) ?? []), input]);
    const folded = [...byUser].map(([key, inputs]) => ({ key, ...fold(key, inputs, step, now) }));
    if (step.crash === 'before-save') return;
    for (const { key, state, changed } of folded) if (changed) stored.set(key, materialize(state, now));
    if (step.crash === 'before-commit') return;
    committed[partition] = from + batch.length;
  };

  const fold = (key: string, inputs: readonly FoldEvent[], step: DeliveryStep, now: Date) => {
    const seen = ledger.get(key) ?? new Map<string, HistorySample>();
    ledger.set(key, seen);
    const history = (state: DashboardState): HistorySample[] =>
      [...seen.values()]
        .filter((s) => s.offset <= (state.positions[s.partition] ?? -1))
        .filter(
          (s) =>
            !step.trimHistory ||
            (s.quantity !== null && s.epoch_ms >= historyNeededSince(state.bucket_zone, now)),
        )
        .sort((a, b) => a.offset - b.offset);
    const [tenantId, userId] = key.split(':').map(Number);
    let state = stored.get(key)?.state ?? initialState(tenantId, userId);
    let changed = false;
    for (const input of inputs) {
      if (isApplied(state, input)) continue;
      changed = true;
      const e = input.event;
      if (e.type === 'QuantitySampleRecorded') {
        const prior = seen.get(e.data.sample_id);
        if (prior && (prior.partition !== input.partition || prior.offset !== input.offset)) {
          state = skip(state, input);
          continue;
        }
        const entry = { partition: input.partition, offset: input.offset, metric_id: e.data.metric_id };
        seen.set(e.data.sample_id, { ...entry, epoch_ms: e.startAt.epochMs, quantity: e.data.quantity });
      }
      state = evolve(state, input);
      if (step.eagerRebucket && state.rebucket_pending) state = rebucket(state, history(state));
    }
    if (state.rebucket_pending) state = rebucket(state, history(state));
    return { state, changed };
  };

  if (logs.length === 0) return { views: new Map(), states: new Map() };
  // The consumer: the planned fetches, round robin over the partitions, then a clean drain.
  plan.steps.forEach((step, i) => runBatch(i % logs.length, step, clockAt(i)));
  logs.forEach((_, partition) => runBatch(partition, ONE_BATCH.steps[0], clockAt(plan.steps.length)));

  // The clock loop: every document is rebuilt at the final `now`.
  const views = new Map<string, DashboardView>();
  const states = new Map<string, DashboardState>();
  for (const [key, { state }] of stored) {
    const m = materialize(state, finalNow);
    views.set(key, m.view);
    states.set(key, m.state);
  }
  return { views, states };
}

/** One event per batch, periods rebuilt right after a zone change. */
export const EVENT_BY_EVENT: Omit<DeliveryPlan, 'clock'> = {
  steps: Array.from({ length: 100 }, () => ({ ...ONE_BATCH.steps[0], size: 1, eagerRebucket: true })),
  partitions: 1,
};

/** The served document of the first user of `events` at `now`, folded in one clean batch by default. */
export function viewAt(
  events: readonly DomainEventEnvelope[],
  now: Date | string,
  plan: Omit<DeliveryPlan, 'clock'> = ONE_BATCH,
): DashboardView {
  const { views } = projectInMemory(events, { ...plan, clock: [new Date(now)] });
  const view = views.get(userKey(events[0]));
  if (!view) throw new Error('viewAt: no events');
  return JSON.parse(JSON.stringify(view)) as DashboardView;
}
