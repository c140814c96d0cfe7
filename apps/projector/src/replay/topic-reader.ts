import type { SourceRecord } from '@app/kafka';
import type { Admin, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';

/** Offsets `[from, to)` of one partition. */
export interface PartitionRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Reads offset ranges of a topic outside any projector's group: a throwaway group that commits nothing
 * and is deleted afterwards. `onRecords` gets each fetched batch's in-range records, in offset order per
 * partition; partitions without a range are paused.
 */
export async function readRanges(
  kafka: Kafka,
  admin: Admin,
  topic: string,
  ranges: ReadonlyMap<number, PartitionRange>,
  onRecords: (records: SourceRecord[]) => Promise<void> | void,
  groupPrefix: string,
): Promise<void> {
  const pending = new Set([...ranges].filter(([, r]) => r.from < r.to).map(([p]) => p));
  if (pending.size === 0) return;
  const groupId = `${groupPrefix}.${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });
  let settle: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) settle?.reject(payload.error);
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const range = ranges.get(batch.partition);
        if (!range || !pending.has(batch.partition)) return;
        const records: SourceRecord[] = batch.messages
          .filter((m) => Number(m.offset) >= range.from && Number(m.offset) < range.to)
          .map((m) => ({ ...m, topic, partition: batch.partition }));
        if (records.length > 0) await onRecords(records);
        if (Number(batch.lastOffset()) + 1 >= range.to) {
          pending.delete(batch.partition);
          consumer.pause([{ topic, partitions: [batch.partition] }]);
          if (pending.size === 0) settle?.resolve();
        }
      },
    });
    const partitions = (await admin.fetchTopicOffsets(topic)).map((o) => o.partition);
    const idle = partitions.filter((p) => !pending.has(p));
    if (idle.length > 0) consumer.pause([{ topic, partitions: idle }]);
    for (const p of pending) consumer.seek({ topic, partition: p, offset: String(ranges.get(p)?.from ?? 0) });
    await done;
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
}
