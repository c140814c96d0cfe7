import { DUPLICATE_KEY } from '@app/mongo';
import type { Logger } from '@app/platform';
import { MongoServerError, type Collection, type Db } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

export const REPLAY_LOCKS_COLLECTION = 'read_model_locks';
const LOCK_ID = 'replay';

interface LockDocument {
  _id: string;
  owner: string;
  host: string;
  pid: number;
  acquired_at: Date;
  expires_at: Date;
}

/** Another replay (or a `--drop-old`) holds the lock: the message says who and until when. */
export class LockHeld extends Error {
  constructor(holder: LockDocument) {
    super(
      `another replay holds the lock: ${holder.host} pid ${holder.pid}, since ` +
        `${holder.acquired_at.toISOString()}, heartbeat valid until ${holder.expires_at.toISOString()}. ` +
        'Wait for it to finish; if it died, run again after that instant (or at once on the same host).',
    );
    this.name = 'LockHeld';
  }
}

export class LockLost extends Error {
  constructor() {
    super('lost the replay lock (missed heartbeats or taken over): stopping; run again to resume');
    this.name = 'LockLost';
  }
}

const pidIsAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * One replay at a time: a lock document with an owner and an expiry that a heartbeat pushes forward
 * every third of `ttlMs`. An expired lock, or one whose owner process is gone from this host, is taken
 * over, so a killed replay blocks the next one for at most `ttlMs`.
 */
export class ReplayLock {
  private timer: NodeJS.Timeout | undefined;
  private lost = false;
  /** Until when the last successful heartbeat keeps others out (by this host's clock). */
  private validUntil = 0;

  private constructor(
    private readonly locks: Collection<LockDocument>,
    private readonly owner: string,
    private readonly ttlMs: number,
    private readonly logger: Logger,
  ) {}

  static async acquire(db: Db, ttlMs: number, logger: Logger): Promise<ReplayLock> {
    const locks = db.collection<LockDocument>(REPLAY_LOCKS_COLLECTION);
    const lock = new ReplayLock(locks, `${hostname()}:${process.pid}:${randomUUID()}`, ttlMs, logger);
    await lock.take();
    lock.timer = setInterval(() => void lock.heartbeat(), Math.max(200, Math.floor(ttlMs / 3)));
    lock.timer.unref();
    return lock;
  }

  /** Throws `LockLost` once a heartbeat found the lock gone: check before every step that changes state. */
  assertHeld(): void {
    if (this.lost || Date.now() > this.validUntil) throw new LockLost();
  }

  async release(): Promise<void> {
    clearInterval(this.timer);
    await this.locks.deleteOne({ _id: LOCK_ID, owner: this.owner });
  }

  private document(): LockDocument {
    const now = new Date();
    this.validUntil = now.getTime() + this.ttlMs;
    return {
      _id: LOCK_ID,
      owner: this.owner,
      host: hostname(),
      pid: process.pid,
      acquired_at: now,
      expires_at: new Date(now.getTime() + this.ttlMs),
    };
  }

  private async take(): Promise<void> {
    try {
      await this.locks.insertOne(this.document());
      return;
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
    }
    const holder = await this.locks.findOne({ _id: LOCK_ID });
    if (!holder) return this.take();
    const abandoned =
      holder.expires_at.getTime() < Date.now() || (holder.host === hostname() && !pidIsAlive(holder.pid));
    if (!abandoned) throw new LockHeld(holder);
    // Conditional on the old owner, so two replays taking over at once cannot both win.
    const taken = await this.locks.replaceOne({ _id: LOCK_ID, owner: holder.owner }, this.document());
    if (taken.matchedCount !== 1) return this.take();
    this.logger.warn({ previous: holder.owner }, 'took over an abandoned replay lock');
  }

  private async heartbeat(): Promise<void> {
    try {
      const until = Date.now() + this.ttlMs;
      const result = await this.locks.updateOne(
        { _id: LOCK_ID, owner: this.owner },
        { $set: { expires_at: new Date(until) } },
      );
      if (result.matchedCount === 0) this.lost = true;
      else this.validUntil = until;
    } catch (err) {
      this.logger.warn({ err }, 'replay lock heartbeat failed, retrying');
    }
  }
}
