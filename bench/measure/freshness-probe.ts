import type { Kafka } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { testProducer } from '../../test/support/kafka-client';
import { probeSample } from '../load/probe-user';
import { percentile } from './percentile';

export interface Freshness {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Probes not visible within the timeout (not in the percentiles). */
  readonly timeouts: number;
}

export interface ProbeOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly apiUrl: string;
  readonly token: string;
  readonly user: number;
  readonly seconds: number;
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

/**
 * Produce → visible: one reading of the probe user at a time, timed from just before the send until
 * `GET /api/v1/dashboard` shows it as the latest (polled every `pollMs`, default 50 ms).
 */
export async function probeFreshness(options: ProbeOptions): Promise<Freshness> {
  const { pollMs = 50, timeoutMs = 15_000 } = options;
  const url = `${options.apiUrl}/api/v1/dashboard`;
  const producer = testProducer(options.kafka);
  await producer.connect();
  const latencies: number[] = [];
  let timeouts = 0;
  let lastAt = 0;
  const end = performance.now() + options.seconds * 1000;
  try {
    while (performance.now() < end) {
      lastAt = Math.max(Date.now(), lastAt + 1);
      const t0 = performance.now();
      const sample = probeSample(options.user, new Date(lastAt));
      await producer.send({ topic: options.topic, acks: -1, messages: [sample] });
      let visible = false;
      while (!visible && performance.now() - t0 < timeoutMs) {
        visible = (await latestOf(url, options.token)) >= lastAt;
        if (!visible) await sleep(pollMs);
      }
      if (visible) latencies.push(performance.now() - t0);
      else timeouts++;
      await sleep(100);
    }
  } finally {
    await producer.disconnect();
  }
  return {
    samples: latencies.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    timeouts,
  };
}
