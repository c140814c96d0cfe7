import type { Collection, Db, Document } from 'mongodb';
import { SAMPLES_COLLECTION } from './sample-ledger';

/**
 * The read model can exist in several versions (a replay builds a new one beside the live one). A small
 * metadata document names the active version: the dashboards collection readers use and the consumer
 * group that keeps it current (with its `sample_id` ledger). Readers follow it, so a switch is one atomic
 * update of that document and needs no restart.
 */
export const READ_MODEL_META_COLLECTION = 'read_model_meta';
export const READ_MODEL_META_ID = 'dashboards';
export const DEFAULT_DASHBOARDS_COLLECTION = 'dashboards';

/**
 * One version of the read model: its dashboards collection, the consumer group whose committed offsets
 * belong to it (`null`: the projector's configured `CONSUMER_GROUP`) and its samples ledger. Each version
 * has a ledger of its own, so a replay claims every sample on the fast path (a shared ledger would make
 * each replayed sample a duplicate to look up).
 */
export interface ReadModelVersion {
  readonly collection: string;
  readonly group: string | null;
  readonly samples: string;
}

/**
 * A switch asked for by a replay: live projectors pause after their batch in hand while it is present.
 * Past `deadline` a paused projector may cancel it and resume on the active version (the replay died).
 */
export interface PendingSwitch {
  readonly id: string;
  readonly to: ReadModelVersion;
  readonly requested_at: Date;
  readonly deadline: Date;
}

export interface ReadModelMeta {
  _id: string;
  active_collection: string;
  active_group?: string | null;
  active_samples?: string;
  switching?: PendingSwitch;
  switched_at?: Date;
}

const metaCollection = (db: Db): Collection<ReadModelMeta> =>
  db.collection<ReadModelMeta>(READ_MODEL_META_COLLECTION);

/** The metadata document, or `null` before the first switch (the default version is active). */
export function readReadModelMeta(db: Db): Promise<ReadModelMeta | null> {
  return metaCollection(db).findOne({ _id: READ_MODEL_META_ID });
}

export function activeVersionOf(meta: ReadModelMeta | null): ReadModelVersion {
  return {
    collection: meta?.active_collection ?? DEFAULT_DASHBOARDS_COLLECTION,
    group: meta?.active_group ?? null,
    samples: meta?.active_samples ?? SAMPLES_COLLECTION,
  };
}

export async function readActiveCollectionName(db: Db): Promise<string> {
  return activeVersionOf(await readReadModelMeta(db)).collection;
}

/** Marks a switch to `to` as requested (live projectors pause); the caller must hold the replay lock. */
export async function requestSwitch(
  db: Db,
  request: { id: string; to: ReadModelVersion; deadline: Date },
): Promise<void> {
  const switching: PendingSwitch = { ...request, requested_at: new Date() };
  await metaCollection(db).updateOne(
    { _id: READ_MODEL_META_ID },
    { $set: { switching }, $setOnInsert: { active_collection: DEFAULT_DASHBOARDS_COLLECTION } },
    { upsert: true },
  );
}

/**
 * Makes the requested version active in one update of the metadata document, unless the request was
 * cancelled meanwhile. Returns whether the switch happened.
 */
export async function completeSwitch(db: Db, switchId: string, to: ReadModelVersion): Promise<boolean> {
  const result = await metaCollection(db).updateOne(
    { _id: READ_MODEL_META_ID, 'switching.id': switchId },
    {
      $set: {
        active_collection: to.collection,
        active_group: to.group,
        active_samples: to.samples,
        switched_at: new Date(),
      },
      $unset: { switching: '' },
    },
  );
  return result.matchedCount === 1;
}

/** Withdraws a switch request unless it completed meanwhile. Returns whether it was withdrawn. */
export async function cancelSwitch(db: Db, switchId: string): Promise<boolean> {
  const result = await metaCollection(db).updateOne(
    { _id: READ_MODEL_META_ID, 'switching.id': switchId },
    { $unset: { switching: '' } },
  );
  return result.matchedCount === 1;
}

/**
 * Keeps the active collection name in memory and refreshes it every `pollMs` (default 1000 ms), so the
 * read path stays one lookup. A failed refresh keeps the last known name and is retried on the next tick.
 */
export class ActiveCollectionFollower<T extends Document> {
  private name = DEFAULT_DASHBOARDS_COLLECTION;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly pollMs = 1000,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    this.name = await readActiveCollectionName(this.db);
    this.timer = setInterval(() => void this.refresh(), this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  collection(): Collection<T> {
    return this.db.collection<T>(this.name);
  }

  private async refresh(): Promise<void> {
    try {
      this.name = await readActiveCollectionName(this.db);
    } catch (error) {
      this.onError(error);
    }
  }
}
