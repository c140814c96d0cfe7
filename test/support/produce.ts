import type { Kafka } from 'kafkajs';
import { testProducer } from './kafka-client';

export interface RawRecord {
  readonly key: string | null;
  readonly value: string | Buffer | null;
}

/** Publishes the records in order (per key), in chunks, and waits for every acknowledgement. */
export async function produce(kafka: Kafka, topic: string, records: Iterable<RawRecord>): Promise<number> {
  const producer = testProducer(kafka);
  await producer.connect();
  let sent = 0;
  let chunk: RawRecord[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    await producer.send({ topic, acks: -1, messages: chunk.map((r) => ({ key: r.key, value: r.value })) });
    sent += chunk.length;
    chunk = [];
  };
  try {
    for (const record of records) {
      chunk.push(record);
      if (chunk.length >= 2000) await flush();
    }
    await flush();
  } finally {
    await producer.disconnect();
  }
  return sent;
}
