import type { Kafka } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { testProducer } from '../../test/support/kafka-client';
import type { RawRecord } from '../../test/support/produce';

export interface PacedLoad {
  /** Records acknowledged so far. */
  readonly sent: () => number;
  /** Stops after the send in flight; resolves with the records sent and the achieved rate. */
  stop(): Promise<{ sent: number; rate: number }>;
}

const TICK_MS = 100;
/** Records per send at most: a late tick catches up over several sends, under the broker's size limit. */
const MAX_SEND = 1000;

/**
 * Background load: sends `records` at `ratePerSecond`, a tick's worth every 100 ms (catching up when a
 * send took longer), until stopped or the records run out. A send that fails ends the load, and
 * `stop()` rethrows its error.
 */
export async function startPacedLoad(
  kafka: Kafka,
  topic: string,
  records: Iterator<RawRecord>,
  ratePerSecond: number,
): Promise<PacedLoad> {
  const producer = testProducer(kafka);
  await producer.connect();
  let sent = 0;
  let running = true;
  const t0 = performance.now();
  const loop = (async () => {
    while (running) {
      const due = Math.min(MAX_SEND, Math.floor((ratePerSecond * (performance.now() - t0)) / 1000) - sent);
      const batch: RawRecord[] = [];
      for (let i = 0; i < due; i++) {
        const next = records.next();
        if (next.done) {
          running = false;
          break;
        }
        batch.push(next.value);
      }
      if (batch.length > 0) {
        await producer.send({
          topic,
          acks: -1,
          messages: batch.map((r) => ({ key: r.key, value: r.value })),
        });
        sent += batch.length;
      }
      if (due < MAX_SEND) await sleep(TICK_MS);
    }
  })();
  // Surfaced by stop(); meanwhile a failed send just ends the load.
  loop.catch(() => undefined);
  return {
    sent: () => sent,
    stop: async () => {
      running = false;
      await loop;
      await producer.disconnect();
      return { sent, rate: sent / ((performance.now() - t0) / 1000) };
    },
  };
}
