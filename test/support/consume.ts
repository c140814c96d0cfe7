import type { Consumer, EachMessagePayload } from 'kafkajs';

export interface Received {
  topic: string;
  partition: number;
  offset: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

const text = (buf: Buffer | null): string => (buf ? buf.toString('utf8') : '');

/** The next offset to read per partition, i.e. what a group commits after processing `received`. */
function nextOffsets(received: readonly Received[]) {
  const next = new Map<string, { topic: string; partition: number; offset: string }>();
  for (const r of received) {
    const offset = String(Number(r.offset) + 1);
    const key = `${r.topic}/${r.partition}`;
    if (Number(next.get(key)?.offset ?? -1) < Number(offset))
      next.set(key, { topic: r.topic, partition: r.partition, offset });
  }
  return [...next.values()];
}

/**
 * Runs `consumer` (connected and subscribed) until `count` messages have arrived, commits their offsets
 * explicitly (kafkajs' auto-commit may not run before a stop), stops it and returns them in arrival order.
 */
export function consumeUntil(consumer: Consumer, count: number, timeoutMs = 30_000): Promise<Received[]> {
  const received: Received[] = [];
  return new Promise<Received[]>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`got ${received.length} of ${count} messages`)),
      timeoutMs,
    );
    consumer
      .run({
        eachMessage: async ({ topic, partition, message }: EachMessagePayload) => {
          received.push({
            topic,
            partition,
            offset: message.offset,
            key: text(message.key),
            value: text(message.value),
            headers: Object.fromEntries(
              Object.entries(message.headers ?? {}).map(([name, v]) => [name, String(v ?? '')]),
            ),
          });
          if (received.length === count) {
            clearTimeout(timer);
            await consumer.commitOffsets(nextOffsets(received));
            resolve(received);
          }
        },
      })
      .catch(reject);
  }).then(async (messages) => {
    await consumer.stop();
    return messages;
  });
}
