import type { CliRuntime } from '../replay/cli-runtime';
import { newestFirst, type DeadLetter } from './dead-letter';
import { readDeadLetters } from './read-dead-letters';
import { RedriveCheckpoints } from './redrive-checkpoints';

export interface DeadLetterListing {
  readonly total: number;
  /** Reason → count, most frequent first. */
  readonly byReason: ReadonlyMap<string, number>;
  readonly newest: readonly DeadLetter[];
  /** Ids of DLQ records already redriven. */
  readonly redriven: ReadonlySet<string>;
}

/** `npm run dlq -- list`: counts per reason and the newest records, read-only. */
export async function listDeadLetters(runtime: CliRuntime, limit: number): Promise<DeadLetterListing> {
  const letters = await readDeadLetters(runtime);
  const counts = new Map<string, number>();
  for (const l of letters) counts.set(l.reason, (counts.get(l.reason) ?? 0) + 1);
  const checkpoints = await new RedriveCheckpoints(runtime.mongo.db, runtime.config.DLQ_TOPIC).all();
  return {
    total: letters.length,
    byReason: new Map([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
    newest: [...letters].sort(newestFirst).slice(0, limit),
    redriven: new Set([...checkpoints.values()].filter((c) => c.status === 'sent').map((c) => c._id)),
  };
}
