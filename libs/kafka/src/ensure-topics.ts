import type { Admin } from 'kafkajs';

export interface TopicSpec {
  readonly topic: string;
  readonly partitions: number;
  /** `-1` lets the broker's `default.replication.factor` decide. */
  readonly replicationFactor?: number;
  readonly config?: Readonly<Record<string, string>>;
}

/** Creates the topics that do not exist yet; existing topics are left exactly as they are. */
export async function ensureTopics(admin: Admin, specs: readonly TopicSpec[]): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((s) => !existing.has(s.topic));
  if (missing.length === 0) return [];
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((s) => ({
      topic: s.topic,
      numPartitions: s.partitions,
      replicationFactor: s.replicationFactor ?? -1,
      configEntries: Object.entries(s.config ?? {}).map(([name, value]) => ({ name, value })),
    })),
  });
  return missing.map((s) => s.topic);
}

/** The event store and its dead letters are kept forever: the topic is the source of every replay. */
export const UNLIMITED_RETENTION = { 'retention.ms': '-1', 'retention.bytes': '-1' } as const;
