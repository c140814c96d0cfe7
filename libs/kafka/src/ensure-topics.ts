import type { Admin } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface TopicSpec {
  readonly topic: string;
  readonly partitions: number;
  /** `-1` lets the broker's `default.replication.factor` decide. */
  readonly replicationFactor?: number;
  readonly config?: Readonly<Record<string, string>>;
}

/** A broker that has just started may not yet know a topic it has just created (UNKNOWN_TOPIC_OR_PARTITION). */
const ATTEMPTS = 20;
const RETRY_AFTER_MS = 500;

const isRetriable = (error: unknown): boolean => (error as { retriable?: unknown }).retriable === true;

/**
 * Creates the topics that do not exist yet and returns once every one of them has a leader; existing
 * topics are left exactly as they are. Retriable broker errors are retried for about ten seconds.
 */
export async function ensureTopics(admin: Admin, specs: readonly TopicSpec[]): Promise<string[]> {
  let present = new Set(await admin.listTopics());
  const missing = specs.filter((s) => !present.has(s.topic));
  if (missing.length === 0) return [];
  for (let attempt = 1; ; attempt++) {
    try {
      // A retry re-lists: the failed attempt may have created some of them.
      if (attempt > 1) present = new Set(await admin.listTopics());
      const toCreate = missing.filter((s) => !present.has(s.topic));
      if (toCreate.length > 0)
        await admin.createTopics({
          waitForLeaders: true,
          topics: toCreate.map((s) => ({
            topic: s.topic,
            numPartitions: s.partitions,
            replicationFactor: s.replicationFactor ?? -1,
            configEntries: Object.entries(s.config ?? {}).map(([name, value]) => ({ name, value })),
          })),
        });
      await admin.fetchTopicMetadata({ topics: missing.map((s) => s.topic) });
      return missing.map((s) => s.topic);
    } catch (error) {
      if (!isRetriable(error) || attempt >= ATTEMPTS) throw error;
      await sleep(RETRY_AFTER_MS);
    }
  }
}

/** The event store and its dead letters are kept forever: the topic is the source of every replay. */
export const UNLIMITED_RETENTION = { 'retention.ms': '-1', 'retention.bytes': '-1' } as const;
