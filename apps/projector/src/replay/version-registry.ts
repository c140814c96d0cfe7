import { DEFAULT_DASHBOARDS_COLLECTION, SAMPLES_COLLECTION } from '@app/mongo';
import type { Collection, Db } from 'mongodb';
import type { BoundVersion } from './projected-version';

export const READ_MODEL_VERSIONS_COLLECTION = 'read_model_versions';

/**
 * The bookkeeping of read-model versions beside the metadata pointer: which one a replay is building
 * (so a killed replay resumes it) and which previous ones are retained. The pointer in `read_model_meta`
 * alone decides what is active; this registry never does.
 */
export interface VersionRecord {
  _id: string;
  version: number;
  group: string;
  samples: string;
  status: 'building' | 'retired';
  created_at: Date;
  retired_at?: Date;
}

const versionNumberOf = (collection: string): number => {
  if (collection === DEFAULT_DASHBOARDS_COLLECTION) return 1;
  const match = /_v(\d+)$/.exec(collection);
  return match ? Number(match[1]) : 1;
};

export class VersionRegistry {
  private readonly records: Collection<VersionRecord>;

  constructor(db: Db) {
    this.records = db.collection<VersionRecord>(READ_MODEL_VERSIONS_COLLECTION);
  }

  /** The version an interrupted replay was building, unless it has meanwhile become the active one. */
  async building(active: BoundVersion): Promise<VersionRecord | null> {
    const found = await this.records.findOne({ status: 'building' });
    if (found?._id !== active.collection) return found;
    // The switch completed but the registry was not updated (killed in between).
    await this.records.deleteOne({ _id: found._id });
    return null;
  }

  /** Registers the next version: `dashboards_v<N>`, group `<CONSUMER_GROUP>.v<N>`, ledger `samples_v<N>`. */
  async createNext(active: BoundVersion, baseGroup: string): Promise<VersionRecord> {
    const known = await this.records.find({}, { projection: { version: 1 } }).toArray();
    const version = Math.max(versionNumberOf(active.collection), ...known.map((r) => r.version)) + 1;
    const record: VersionRecord = {
      _id: `${DEFAULT_DASHBOARDS_COLLECTION}_v${version}`,
      version,
      group: `${baseGroup}.v${version}`,
      samples: `${SAMPLES_COLLECTION}_v${version}`,
      status: 'building',
      created_at: new Date(),
    };
    await this.records.insertOne(record);
    return record;
  }

  /** After a switch: the new version is active (no longer listed), the old one is retained. */
  async recordSwitch(from: BoundVersion, to: VersionRecord): Promise<void> {
    await this.records.deleteOne({ _id: to._id });
    await this.records.replaceOne(
      { _id: from.collection },
      {
        version: versionNumberOf(from.collection),
        group: from.group,
        samples: from.samples,
        status: 'retired',
        created_at: new Date(),
        retired_at: new Date(),
      },
      { upsert: true },
    );
  }

  /** Retained previous versions, newest first. */
  async retired(): Promise<VersionRecord[]> {
    const records = await this.records.find({ status: 'retired' }).toArray();
    return records.sort((a, b) => b.version - a.version);
  }

  async forget(collection: string): Promise<void> {
    await this.records.deleteOne({ _id: collection });
  }
}
