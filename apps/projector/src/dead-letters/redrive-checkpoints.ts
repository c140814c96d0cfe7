import { duplicateKeyIndexes } from '@app/mongo';
import type { Collection, Db } from 'mongodb';

export const REDRIVE_CHECKPOINTS_COLLECTION = 'dlq_redrives';

/**
 * One DLQ record taken for redrive. `sending` is written before the record is republished, `sent` after
 * the broker acknowledged it; `events_from` (the events topic's ends before sending) bounds the search
 * for the copy when a run died between the two.
 */
export interface RedriveCheckpoint {
  _id: string;
  dlq_topic: string;
  status: 'sending' | 'sent';
  events_from: Record<string, number>;
  claimed_at: Date;
  sent_at?: Date;
}

/** The redrive checkpoints of one DLQ topic: a record is claimed once, so it is republished once. */
export class RedriveCheckpoints {
  private readonly checkpoints: Collection<RedriveCheckpoint>;

  constructor(
    db: Db,
    private readonly dlqTopic: string,
  ) {
    this.checkpoints = db.collection<RedriveCheckpoint>(REDRIVE_CHECKPOINTS_COLLECTION);
  }

  async all(): Promise<Map<string, RedriveCheckpoint>> {
    const docs = await this.checkpoints.find({ dlq_topic: this.dlqTopic }).toArray();
    return new Map(docs.map((d) => [d._id, d]));
  }

  /** Claims the ids no run has claimed yet; returns those this call claimed. */
  async claim(ids: readonly string[], eventsFrom: ReadonlyMap<number, number>): Promise<Set<string>> {
    const claimed = new Set(ids);
    if (ids.length === 0) return claimed;
    const from = Object.fromEntries([...eventsFrom].map(([p, o]) => [String(p), o]));
    const docs = ids.map((_id) => ({
      _id,
      dlq_topic: this.dlqTopic,
      status: 'sending' as const,
      events_from: from,
      claimed_at: new Date(),
    }));
    try {
      await this.checkpoints.insertMany(docs, { ordered: false });
    } catch (error) {
      for (const i of duplicateKeyIndexes(error)) claimed.delete(ids[i]);
    }
    return claimed;
  }

  async markSent(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.checkpoints.updateMany(
      { _id: { $in: [...ids] } },
      { $set: { status: 'sent', sent_at: new Date() } },
    );
  }
}
