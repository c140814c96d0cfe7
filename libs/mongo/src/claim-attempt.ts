import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';

/** Offsets `[from, to]` of one partition that one attempt at a batch claims samples for. */
export interface ClaimRangeDocument {
  _id: string;
  attempt: string;
  partition: number;
  from: number;
  to: number;
  opened_at: Date;
}

export interface OffsetRange {
  readonly from: number;
  readonly to: number;
}

/**
 * One attempt at claiming the samples of a batch. A sample id already in the ledger is a duplicate unless
 * the stored copy came from an earlier, unfinished attempt at the very same record (a crash or a lost
 * partition between the ledger insert and the document write); telling the two apart needs the stored
 * copy, and on a server where a lookup by `_id` scans the ledger (FerretDB 1.x) one lookup per duplicate
 * costs more than the rest of the batch. So an attempt registers its offset ranges in a small journal
 * before it inserts anything and removes them once its documents are written: a collision needs the
 * lookup only inside the range of another attempt that is unfinished or running at the same time. Such an
 * attempt registered its range before its own inserts, and the journal is read after ours, so a collision
 * with its sample cannot go unnoticed. Decisions are kept for the attempt's later passes (a user re-read
 * after a lost revision race collides with its own claims).
 */
export class ClaimAttempt {
  private readonly decisions = new Map<string, boolean>();

  private constructor(
    private readonly journal: Collection<ClaimRangeDocument>,
    private readonly id: string,
    private readonly ranges: ReadonlyMap<number, OffsetRange>,
  ) {}

  static async open(
    journal: Collection<ClaimRangeDocument>,
    ranges: ReadonlyMap<number, OffsetRange>,
  ): Promise<ClaimAttempt> {
    const attempt = new ClaimAttempt(journal, randomUUID(), ranges);
    if (ranges.size > 0)
      await journal.insertMany(
        [...ranges].map(([partition, { from, to }]) => ({
          _id: `${attempt.id}:${partition}`,
          attempt: attempt.id,
          partition,
          from,
          to,
          opened_at: new Date(),
        })),
      );
    return attempt;
  }

  /** Whether this attempt already decided the sample: `true` fresh, `false` duplicate. */
  decided(sampleId: string): boolean | undefined {
    return this.decisions.get(sampleId);
  }

  decide(sampleId: string, fresh: boolean): void {
    this.decisions.set(sampleId, fresh);
  }

  /** The colliding samples whose record lies in another open attempt's range: only these need a lookup. */
  async mayBeAnEarlierAttempt<T extends { partition: number; offset: number }>(
    collisions: readonly T[],
  ): Promise<T[]> {
    if (collisions.length === 0) return [];
    const others = await this.journal.find({ attempt: { $ne: this.id } }).toArray();
    return collisions.filter((s) =>
      others.some((r) => r.partition === s.partition && r.from <= s.offset && s.offset <= r.to),
    );
  }

  /**
   * After the attempt's documents are written every record up to its ranges' ends is applied, so no later
   * attempt claims them again: this attempt's ranges and any older ones below them leave the journal.
   */
  async close(): Promise<void> {
    for (const [partition, { to }] of this.ranges)
      await this.journal.deleteMany({ partition, to: { $lte: to } });
  }
}
