import type { Collection, Db, Document } from 'mongodb';

/**
 * The read model can exist in several versions (a replay builds a new one beside the live one). A small
 * metadata document names the active dashboards collection; readers follow it, so a switch is one atomic
 * update of that document and needs no restart.
 */
export const READ_MODEL_META_COLLECTION = 'read_model_meta';
export const READ_MODEL_META_ID = 'dashboards';
export const DEFAULT_DASHBOARDS_COLLECTION = 'dashboards';

interface ReadModelMeta {
  _id: string;
  active_collection: string;
  switched_at?: Date;
}

export async function readActiveCollectionName(db: Db): Promise<string> {
  const meta = await db
    .collection<ReadModelMeta>(READ_MODEL_META_COLLECTION)
    .findOne({ _id: READ_MODEL_META_ID });
  return meta?.active_collection ?? DEFAULT_DASHBOARDS_COLLECTION;
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
