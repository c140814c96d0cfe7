import type { Kafka } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { mongoUri } from '../test/support/env';
import { testKafka } from '../test/support/kafka-client';
import { freshNames, type SystemNames } from '../test/support/system';

/** One measured system: fresh topic, database and group names on the bench servers. */
export interface BenchSystem {
  readonly names: SystemNames;
  readonly kafka: Kafka;
  /** Deletes the topics and drops the database, so FerretDB's files do not grow run after run. */
  dispose(): Promise<void>;
}

export async function freshSystem(prefix: string, partitions: number): Promise<BenchSystem> {
  const names = freshNames(`bench-${prefix}`);
  const kafka = testKafka('bench');
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [names.eventsTopic, names.dlqTopic].map((topic) => ({ topic, numPartitions: partitions })),
    });
  } finally {
    await admin.disconnect();
  }
  return {
    names,
    kafka,
    dispose: async () => {
      const cleanup = kafka.admin();
      await cleanup.connect();
      await cleanup.deleteTopics({ topics: [names.eventsTopic, names.dlqTopic] }).catch(() => undefined);
      await cleanup.disconnect();
      // Baselines write to databases named after this one.
      const client = await new MongoClient(mongoUri()).connect();
      const { databases } = await client.db().admin().listDatabases({ nameOnly: true });
      for (const { name } of databases.filter((d) => d.name.startsWith(names.database))) {
        await client.db(name).dropDatabase();
      }
      await client.close();
    },
  };
}
