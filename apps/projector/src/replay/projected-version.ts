import {
  DEFAULT_DASHBOARDS_COLLECTION,
  SAMPLES_COLLECTION,
  type DashboardDocument,
  sampleLedger,
  type ReadModelVersion,
  type SampleLedger,
} from '@app/mongo';
import type { Collection, Db } from 'mongodb';

/** A read-model version as a projector writes it: collection, the group whose offsets belong to it, ledger. */
export interface BoundVersion {
  readonly collection: string;
  readonly group: string;
  readonly samples: string;
}

/** A version from read_model_meta with its group resolved (`null` is the configured `CONSUMER_GROUP`). */
export function boundVersionOf(version: ReadModelVersion, defaultGroup: string): BoundVersion {
  return { collection: version.collection, group: version.group ?? defaultGroup, samples: version.samples };
}

/**
 * The version this projector process is writing. The version follower moves it (only while the consumer
 * is stopped); the fold and the clock loop read it on every write.
 */
export class ProjectedVersion {
  private bound: BoundVersion;

  constructor(
    private readonly db: Db,
    defaultGroup: string,
  ) {
    this.bound = {
      collection: DEFAULT_DASHBOARDS_COLLECTION,
      group: defaultGroup,
      samples: SAMPLES_COLLECTION,
    };
  }

  get current(): BoundVersion {
    return this.bound;
  }

  bind(version: BoundVersion): void {
    this.bound = version;
  }

  dashboards(): Collection<DashboardDocument> {
    return this.db.collection<DashboardDocument>(this.bound.collection);
  }

  ledger(): SampleLedger {
    return sampleLedger(this.db, this.bound.samples);
  }
}
