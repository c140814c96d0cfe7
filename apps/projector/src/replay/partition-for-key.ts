import { Partitioners, type Admin } from 'kafkajs';

/** The partition producers send `key` to: kafkajs' default (Java-compatible murmur2) partitioner. */
export async function partitionForKey(admin: Admin, topic: string, key: string): Promise<number> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  const partitionMetadata = topics[0]?.partitions ?? [];
  if (partitionMetadata.length === 0) throw new Error(`topic ${topic} has no partitions`);
  return Partitioners.DefaultPartitioner()({ topic, partitionMetadata, message: { key, value: null } });
}
