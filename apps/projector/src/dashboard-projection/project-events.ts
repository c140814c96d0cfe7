import {
  evolve,
  historyNeededSince,
  initialState,
  isApplied,
  materialize,
  rebucket,
  skip,
  type DashboardState,
  type FoldEvent,
} from '@app/dashboard';
import {
  ClaimAttempt,
  dashboardId,
  loadSampleHistory,
  loadStates,
  writeDashboards,
  type DashboardDocument,
  type DashboardWrite,
  type OffsetRange,
  type SampleDocument,
  type SampleLedger,
} from '@app/mongo';
import type { Collection } from 'mongodb';
import { findDuplicateSamples } from './claim-samples';

export interface ProjectionStores {
  readonly dashboards: Collection<DashboardDocument>;
  readonly ledger: SampleLedger;
}

export interface ProjectionOutcome {
  /** Events that changed (or were folded into) a document. */
  applied: number;
  /** Samples whose `sample_id` was seen before. */
  duplicates: number;
  /** Redelivered events at or below a document's recorded position. */
  redelivered: number;
  /** Documents written. */
  documents: number;
  /** Revision conflicts that were re-read and recomputed. */
  conflicts: number;
}

interface Folded {
  readonly id: string;
  readonly basedOn: number | null;
  readonly state: DashboardState;
  readonly applied: number;
  readonly duplicates: number;
  readonly redelivered: number;
}

/**
 * Applies a batch of validated events (log order) to the dashboards: one read of the users' states, one
 * insert of the new samples, one bulk write of the documents. Users whose write lost a revision race are
 * re-read and recomputed until every write lands, so nothing is lost or counted twice.
 */
export async function projectEvents(
  stores: ProjectionStores,
  events: readonly FoldEvent[],
  now: Date,
): Promise<ProjectionOutcome> {
  const byUser = groupByUser(events);
  const outcome: ProjectionOutcome = {
    applied: 0,
    duplicates: 0,
    redelivered: 0,
    documents: 0,
    conflicts: 0,
  };
  const attempt = await ClaimAttempt.open(stores.ledger.claims, offsetRanges(events));
  let pending = [...byUser.keys()];
  while (pending.length > 0) {
    const folded = await foldUsers(stores, pending, byUser, attempt);
    const changed = folded.filter((f) => f.applied + f.duplicates > 0);
    const writes = await materializeAll(stores.ledger.samples, changed, now);
    const conflicts = new Set(await writeDashboards(stores.dashboards, writes));
    for (const f of folded) {
      if (conflicts.has(f.id)) continue;
      outcome.applied += f.applied;
      outcome.duplicates += f.duplicates;
      outcome.redelivered += f.redelivered;
    }
    outcome.documents += writes.length - conflicts.size;
    outcome.conflicts += conflicts.size;
    pending = [...conflicts];
  }
  await attempt.close();
  return outcome;
}

function offsetRanges(events: readonly FoldEvent[]): Map<number, OffsetRange> {
  const ranges = new Map<number, OffsetRange>();
  for (const { partition, offset } of events) {
    const range = ranges.get(partition);
    ranges.set(partition, {
      from: Math.min(range?.from ?? offset, offset),
      to: Math.max(range?.to ?? offset, offset),
    });
  }
  return ranges;
}

function groupByUser(events: readonly FoldEvent[]): Map<string, FoldEvent[]> {
  const byUser = new Map<string, FoldEvent[]>();
  for (const input of events) {
    const id = dashboardId(input.event.tenant_id, input.event.user_id);
    const list = byUser.get(id);
    if (list) list.push(input);
    else byUser.set(id, [input]);
  }
  return byUser;
}

async function foldUsers(
  stores: ProjectionStores,
  ids: readonly string[],
  byUser: ReadonlyMap<string, readonly FoldEvent[]>,
  attempt: ClaimAttempt,
): Promise<Folded[]> {
  const stored = await loadStates(stores.dashboards, ids);
  const startOf = (id: string): DashboardState => {
    const [tenantId, userId] = id.split(':').map(Number);
    return stored.get(id)?.state ?? initialState(tenantId, userId);
  };
  const unapplied = new Map<string, FoldEvent[]>();
  for (const id of ids) {
    const state = startOf(id);
    unapplied.set(
      id,
      (byUser.get(id) ?? []).filter((e) => !isApplied(state, e)),
    );
  }
  const duplicates = await findDuplicateSamples(stores.ledger.samples, unapplied, attempt);
  return ids.map((id) => {
    const events = unapplied.get(id) ?? [];
    let state = startOf(id);
    let dups = 0;
    for (const input of events) {
      const duplicate = duplicates.has(input);
      if (duplicate) dups++;
      state = duplicate ? skip(state, input) : evolve(state, input);
    }
    const total = byUser.get(id)?.length ?? 0;
    return {
      id,
      basedOn: stored.get(id)?.revision ?? null,
      state,
      applied: events.length - dups,
      duplicates: dups,
      redelivered: total - events.length,
    };
  });
}

/** Rebuilds the periods of users whose zone changed (their history queries side by side), then renders views. */
async function materializeAll(
  samples: Collection<SampleDocument>,
  folded: readonly Folded[],
  now: Date,
): Promise<DashboardWrite[]> {
  const rezoned = folded.filter((f) => f.state.rebucket_pending);
  const history = await historyOf(samples, rezoned, now);
  return folded.map((f) => {
    const state = f.state.rebucket_pending ? rebucket(f.state, history.get(f.id) ?? []) : f.state;
    const { state: pruned, view, nextBoundaryAt } = materialize(state, now);
    return { id: f.id, basedOn: f.basedOn, state: pruned, view, nextBoundaryAt };
  });
}

/** Applied samples only: a stored sample past the user's position is a leftover of an unfinished attempt. */
async function historyOf(
  samples: Collection<SampleDocument>,
  users: readonly Folded[],
  now: Date,
): Promise<Map<string, SampleDocument[]>> {
  const histories = await Promise.all(
    users.map(async ({ id, state }) => {
      const docs = await loadSampleHistory(samples, id, historyNeededSince(state.bucket_zone, now));
      const applied = docs.filter((doc) => {
        const position = state.positions[doc.partition];
        return position !== undefined && doc.offset <= position;
      });
      return [id, applied] as const;
    }),
  );
  return new Map(histories);
}
