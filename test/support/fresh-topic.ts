import { testKafka } from './kafka-client';
import { uniqueName } from './unique-name';

/** Creates a uniquely named topic with `partitions` partitions (leaders elected) and returns its name. */
export async function freshTopic(prefix: string, partitions = 1): Promise<string> {
  const topic = uniqueName(prefix, '-');
  const admin = testKafka('fresh-topic').admin();
  await admin.connect();
  try {
    const created = await admin.createTopics({
      topics: [{ topic, numPartitions: partitions }],
      waitForLeaders: true,
    });
    if (!created) throw new Error(`topic ${topic} already existed`);
    return topic;
  } finally {
    await admin.disconnect();
  }
}
