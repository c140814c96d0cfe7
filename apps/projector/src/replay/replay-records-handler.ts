import type { SourceRecord } from '@app/kafka';
import type { Clock } from '@app/platform';
import { decodeRecords } from '../dashboard-projection/decode-records';
import type { RecordsHandler } from '../dashboard-projection/events-consumer';
import { projectEvents, type ProjectionStores } from '../dashboard-projection/project-events';

export interface ReplayCounts {
  /** Records folded by this run (a resumed run does not count what an earlier one did). */
  records: number;
  rejects: number;
  duplicates: number;
  /** Events already applied to a document (re-read after a restart of the replay). */
  redelivered: number;
}

/**
 * The replay's fold: the live projector's decode and `projectEvents`, into the version being built.
 * Rejects are counted, not dead-lettered: the live projector already sent them, and the ones it has not
 * reached at the switch it will send itself (see switch-over.ts).
 */
export class ReplayRecordsHandler implements RecordsHandler {
  readonly counts: ReplayCounts = { records: 0, rejects: 0, duplicates: 0, redelivered: 0 };
  private readonly next = new Map<number, number>();

  constructor(
    private readonly stores: ProjectionStores,
    private readonly clock: Clock,
  ) {}

  /** Next offset to fold, per partition: seeded from the checkpoint, advanced by every chunk. */
  get positions(): ReadonlyMap<number, number> {
    return this.next;
  }

  seed(positions: ReadonlyMap<number, number>): void {
    for (const [partition, offset] of positions)
      this.next.set(partition, Math.max(offset, this.next.get(partition) ?? 0));
  }

  async handle(records: readonly SourceRecord[]): Promise<void> {
    if (records.length === 0) return;
    const { events, rejected } = decodeRecords(records);
    const outcome = await projectEvents(this.stores, events, this.clock.now());
    this.counts.records += records.length;
    this.counts.rejects += rejected.length;
    this.counts.duplicates += outcome.duplicates;
    this.counts.redelivered += outcome.redelivered;
    const { partition, offset } = records[records.length - 1];
    this.next.set(partition, Math.max(Number(offset) + 1, this.next.get(partition) ?? 0));
  }
}
