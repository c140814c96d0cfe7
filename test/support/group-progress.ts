import type { Kafka } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';

/** True when `group` has committed the end offset of every partition of `topic`. */
export async function groupCaughtUp(kafka: Kafka, group: string, topic: string): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    const byPartition = new Map(committed.partitions.map((p) => [p.partition, Number(p.offset)]));
    return ends.every((e) => Number(e.high) === 0 || byPartition.get(e.partition) === Number(e.high));
  } finally {
    await admin.disconnect();
  }
}

export async function waitCaughtUp(
  kafka: Kafka,
  group: string,
  topic: string,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await groupCaughtUp(kafka, group, topic))) {
    if (Date.now() > deadline)
      throw new Error(`group ${group} did not catch up with ${topic} in ${timeoutMs} ms`);
    await sleep(250);
  }
}
