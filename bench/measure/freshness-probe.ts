import type { Kafka } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { testProducer } from '../../test/support/kafka-client';
import { probeSample } from '../load/probe-user';
import { percentile } from './percentile';

export interface Freshness {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Probes not visible within the timeout after the window (not in the percentiles). */
  readonly timeouts: number;
}

export interface ProbeOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly apiUrl: string;
  readonly token: string;
  readonly user: number;
  readonly seconds: number;
  /** A probe reading is sent this often (default 250 ms), whether or not the previous one is visible. */
  readonly everyMs?: number;
  readonly pollMs?: number;
  readonly timeoutMs?: number;
}

interface DashboardBody {
  metrics?: { id: number; latest_timestamp: string | null }[];
}

async function latestOf(url: string, token: string): Promise<number> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (response.status === 404) return Number.NEGATIVE_INFINITY;
  const body = (await response.json()) as DashboardBody;
  const latest = body.metrics?.find((m) => m.id === 1)?.latest_timestamp;
  return latest ? Date.parse(latest) : Number.NEGATIVE_INFINITY;
}

interface Probe {
  readonly takenAt: number;
  readonly sentAt: number;
}

/**
 * Produce → visible, as a stream: a probe reading every `everyMs` with a strictly increasing `start_date`,
 * while a poller reads `GET /api/v1/dashboard` every `pollMs` (default 50 ms). The dashboard's
 * `latest_timestamp` only moves forward, so a poll that shows instant T makes every probe taken at or
 * before T visible at that moment. Probes overlap, so a slow projector yields many late samples instead
 * of a few timeouts; after the window the poller waits up to `timeoutMs` (default 30 s) for the rest.
 */
export async function probeFreshness(options: ProbeOptions): Promise<Freshness> {
  const { everyMs = 250, pollMs = 50, timeoutMs = 30_000 } = options;
  const url = `${options.apiUrl}/api/v1/dashboard`;
  const producer = testProducer(options.kafka);
  await producer.connect();
  const pending: Probe[] = [];
  const latencies: number[] = [];
  // Until the window ends the poller runs; then it waits at most `timeoutMs` for the probes in flight.
  let deadline = Number.POSITIVE_INFINITY;
  const poller = (async () => {
    while (performance.now() < deadline && (deadline === Number.POSITIVE_INFINITY || pending.length > 0)) {
      const latest = await latestOf(url, options.token);
      const seenAt = performance.now();
      while (pending.length > 0 && pending[0].takenAt <= latest)
        latencies.push(seenAt - (pending.shift() as Probe).sentAt);
      await sleep(pollMs);
    }
  })();
  try {
    let takenAt = 0;
    const end = performance.now() + options.seconds * 1000;
    while (performance.now() < end) {
      takenAt = Math.max(Date.now(), takenAt + 1);
      const sentAt = performance.now();
      pending.push({ takenAt, sentAt });
      await producer.send({
        topic: options.topic,
        acks: -1,
        messages: [probeSample(options.user, new Date(takenAt))],
      });
      await sleep(Math.max(0, everyMs - (performance.now() - sentAt)));
    }
  } finally {
    deadline = performance.now() + timeoutMs;
    await poller;
    await producer.disconnect();
  }
  return {
    samples: latencies.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    timeouts: pending.length,
  };
}
