import type { Collection, Db } from 'mongodb';
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

export function samplesCollection(db: Db): Collection<SampleDocument> {
  return db.collection<SampleDocument>(SAMPLES_COLLECTION);
}

export async function ensureSampleIndexes(samples: Collection<SampleDocument>): Promise<void> {
  await samples.createIndex({ user: 1, epoch_ms: 1 }, { name: 'user_time' });
}

/**
 * Records the samples whose id has not been seen and returns the `_id`s that are new. A duplicate key is
 * still new when the stored copy came from this very record (an earlier attempt that wrote the sample
 * but not the dashboard); otherwise it is a duplicate. `samples` must already be free of in-batch repeats.
 */
export async function claimSamples(
  collection: Collection<SampleDocument>,
  samples: readonly SampleDocument[],
): Promise<Set<string>> {
  const fresh = new Set(samples.map((s) => s._id));
  if (samples.length === 0) return fresh;
  let duplicates: SampleDocument[] = [];
  try {
    await collection.insertMany([...samples], { ordered: false });
  } catch (error) {
    duplicates = duplicateKeyIndexes(error).map((i) => samples[i]);
  }
  if (duplicates.length === 0) return fresh;
  // Duplicates are few; lookups by `_id` alone stay on the primary key on every MongoDB-protocol server.
  const stored = await Promise.all(
    duplicates.map((d) => collection.findOne({ _id: d._id }, { projection: { partition: 1, offset: 1 } })),
  );
  for (const [i, candidate] of duplicates.entries()) {
    const previous = stored[i];
    const ownEarlierWrite =
      previous?.partition === candidate.partition && previous.offset === candidate.offset;
    if (!ownEarlierWrite) fresh.delete(candidate._id);
  }
  return fresh;
}

/** The numeric samples of these users taken at or after `sinceMs`, for recomputing periods. */
export function loadSampleHistory(
  collection: Collection<SampleDocument>,
  users: readonly string[],
  sinceMs: number,
): Promise<SampleDocument[]> {
  return collection
    .find({ user: { $in: [...users] }, epoch_ms: { $gte: sinceMs }, quantity: { $ne: null } })
    .toArray();
}
