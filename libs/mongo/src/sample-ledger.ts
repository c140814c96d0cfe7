import type { Collection, Db } from 'mongodb';
import type { ClaimAttempt, ClaimRangeDocument } from './claim-attempt';
import { duplicateKeyIndexes } from './duplicate-keys';

export const SAMPLES_COLLECTION = 'samples';

/**
 * One applied reading: the record of its `sample_id` (first one wins) and the raw history from which
 * periods are recomputed when a user's zone changes. `_id` is `"<tenant>:<user>:<sample_id>"`.
 */
export interface SampleDocument {
  _id: string;
  user: string;
  metric_id: number;
  epoch_ms: number;
  quantity: number | null;
  start_date: string;
  results_str: string | null;
  partition: number;
  offset: number;
}

export async function ensureSampleIndexes(samples: Collection<SampleDocument>): Promise<void> {
  await samples.createIndex({ user: 1, epoch_ms: 1 }, { name: 'user_time' });
}

/** A ledger of samples and the journal of the attempts that claim into it (see `ClaimAttempt`). */
export interface SampleLedger {
  readonly samples: Collection<SampleDocument>;
  readonly claims: Collection<ClaimRangeDocument>;
}

const claimsName = (samplesName: string): string => `${samplesName}_claims`;

export function sampleLedger(db: Db, name = SAMPLES_COLLECTION): SampleLedger {
  return {
    samples: db.collection<SampleDocument>(name),
    claims: db.collection<ClaimRangeDocument>(claimsName(name)),
  };
}

/**
 * Drops a version's dashboards collection and its ledger (samples and claims journal); one that does not
 * exist is fine. Tries every collection before it throws the first failure.
 */
export async function dropVersionCollections(
  db: Db,
  version: { readonly collection: string; readonly samples: string },
): Promise<void> {
  let failure: unknown;
  for (const name of [version.collection, version.samples, claimsName(version.samples)])
    await db
      .collection(name)
      .drop()
      .catch((error: { codeName?: string }) => {
        if (error.codeName !== 'NamespaceNotFound') failure ??= error;
      });
  if (failure) throw failure;
}

/**
 * Records the samples whose id has not been seen and returns the `_id`s that are new. A duplicate key is
 * still new when the stored copy came from this very record (an earlier attempt that wrote the sample
 * but not the dashboard); otherwise it is a duplicate. Only collisions inside the range of another open
 * attempt are looked up (see `ClaimAttempt`). `samples` must already be free of in-batch repeats.
 */
export async function claimSamples(
  collection: Collection<SampleDocument>,
  samples: readonly SampleDocument[],
  attempt: ClaimAttempt,
): Promise<Set<string>> {
  const undecided = samples.filter((s) => attempt.decided(s._id) === undefined);
  let collisions: SampleDocument[] = [];
  if (undecided.length > 0) {
    try {
      await collection.insertMany([...undecided], { ordered: false });
    } catch (error) {
      collisions = duplicateKeyIndexes(error).map((i) => undecided[i]);
    }
  }
  const colliding = new Set(collisions.map((c) => c._id));
  for (const s of undecided) if (!colliding.has(s._id)) attempt.decide(s._id, true);
  const uncertain = await attempt.mayBeAnEarlierAttempt(collisions);
  const uncertainIds = new Set(uncertain.map((c) => c._id));
  for (const c of collisions) if (!uncertainIds.has(c._id)) attempt.decide(c._id, false);
  // One lookup per uncertain sample; the journal keeps them rare, since on a FerretDB without an index that
  // serves them (SQLite, or PostgreSQL without the companion indexes of scripts/infra) each one scans.
  const stored = await Promise.all(
    uncertain.map((d) => collection.findOne({ _id: d._id }, { projection: { partition: 1, offset: 1 } })),
  );
  for (const [i, candidate] of uncertain.entries()) {
    const previous = stored[i];
    attempt.decide(
      candidate._id,
      previous?.partition === candidate.partition && previous.offset === candidate.offset,
    );
  }
  return new Set(samples.filter((s) => attempt.decided(s._id) === true).map((s) => s._id));
}

/**
 * The numeric samples of one user taken at or after `sinceMs`, for recomputing periods. One query per user
 * (callers run them side by side): FerretDB pushes a plain equality into its SQL, never an `$in`, so one
 * query for several users would decode the whole ledger.
 */
export function loadSampleHistory(
  collection: Collection<SampleDocument>,
  user: string,
  sinceMs: number,
): Promise<SampleDocument[]> {
  return collection.find({ user, epoch_ms: { $gte: sinceMs }, quantity: { $ne: null } }).toArray();
}
