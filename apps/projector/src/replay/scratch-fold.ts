import type { FoldEvent } from '@app/dashboard';
import {
  dropVersionCollections,
  loadStates,
  sampleLedger,
  type DashboardDocument,
  type StoredState,
} from '@app/mongo';
import type { Db } from 'mongodb';
import { randomBytes } from 'node:crypto';
import { projectEvents, type ProjectionStores } from '../dashboard-projection/project-events';

/**
 * The live fold (`projectEvents`, same chunking) into scratch collections of its own, for rebuilding one
 * document: its `sample_id` ledger holds only what this rebuild applied, so first-wins and the history for
 * a time-zone change are decided by this user's events alone, never by the shared ledger.
 */
export class ScratchFold {
  private constructor(
    private readonly db: Db,
    private readonly stores: ProjectionStores,
    private readonly chunkSize: number,
  ) {}

  static open(db: Db, chunkSize: number): ScratchFold {
    const base = `rebuild_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    return new ScratchFold(
      db,
      {
        dashboards: db.collection<DashboardDocument>(`${base}_dashboards`),
        ledger: sampleLedger(db, `${base}_samples`),
      },
      chunkSize,
    );
  }

  async fold(events: readonly FoldEvent[], now: Date): Promise<void> {
    for (let from = 0; from < events.length; from += this.chunkSize)
      await projectEvents(this.stores, events.slice(from, from + this.chunkSize), now);
  }

  async state(id: string): Promise<StoredState | undefined> {
    return (await loadStates(this.stores.dashboards, [id])).get(id);
  }

  async drop(): Promise<void> {
    const { dashboards, ledger } = this.stores;
    // Best effort: a scratch fold left behind is only clutter.
    await dropVersionCollections(this.db, {
      collection: dashboards.collectionName,
      samples: ledger.samples.collectionName,
    }).catch(() => undefined);
  }
}
