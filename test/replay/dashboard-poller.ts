import type { Producer } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { devToken } from '../support/dev-token';
import { TEST_JWT_SECRET } from '../support/system';

const TENANT = 1;
/** Later than every simulated reading and before AS_OF: the probes are always a metric's latest sample. */
const PROBE_START = Date.parse('2026-03-30T00:00:00.000Z');

/**
 * Keeps writing a rising reading (quantity = sequence number) to metric 1 of the probe users, so that a
 * document older than one already served shows as a smaller `latest_value`.
 */
export class ProbeWriter {
  private seq = 1000;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
    private readonly users: readonly number[],
  ) {}

  start(): void {
    this.running = (async () => {
      while (!this.stopped) {
        const user = this.users[this.seq % this.users.length];
        const at = new Date(PROBE_START + this.seq * 1000).toISOString();
        const value = {
          event_id: `10000000-0000-4000-8000-${String(this.seq).padStart(12, '0')}`,
          type: 'QuantitySampleRecorded',
          version: 1,
          occurred_at: at,
          tenant_id: TENANT,
          user_id: user,
          data: {
            sample_id: `20000000-0000-4000-8000-${String(this.seq).padStart(12, '0')}`,
            metric_id: 1,
            start_date: at,
            end_date: at,
            quantity: this.seq,
          },
        };
        await this.producer.send({
          topic: this.topic,
          acks: -1,
          messages: [{ key: `${TENANT}:${user}`, value: JSON.stringify(value) }],
        });
        this.seq++;
        await sleep(20);
      }
    })();
  }

  async stop(): Promise<number> {
    this.stopped = true;
    await this.running;
    return this.seq - 1000;
  }
}

interface Served {
  metrics: { id: number; latest_value: number | null }[];
}

/** Polls `GET /api/v1/dashboard` of the probe users round robin and records anything a reader must never see. */
export class DashboardPoller {
  private readonly seen = new Map<number, number>();
  readonly problems: string[] = [];
  requests = 0;
  /** Responses that showed a newer probe than the last one seen: proof the documents kept moving. */
  advances = 0;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly apiUrl: string,
    private readonly users: readonly number[],
  ) {}

  start(): void {
    this.running = (async () => {
      for (let i = 0; !this.stopped; i++) await this.check(this.users[i % this.users.length]);
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async check(user: number): Promise<void> {
    this.requests++;
    const response = await fetch(`${this.apiUrl}/api/v1/dashboard`, {
      headers: { authorization: `Bearer ${devToken(TEST_JWT_SECRET, TENANT, user)}` },
    }).catch((error: unknown) => error as Error);
    if (response instanceof Error) return void this.problems.push(`user ${user}: ${response.message}`);
    if (response.status !== 200) return void this.problems.push(`user ${user}: HTTP ${response.status}`);
    const body = (await response.json()) as Served;
    const latest = body.metrics.find((m) => m.id === 1)?.latest_value ?? -1;
    const before = this.seen.get(user) ?? -Infinity;
    if (latest < before) this.problems.push(`user ${user}: latest_value ${latest} after ${before}`);
    if (latest > before && before >= 1000) this.advances++;
    this.seen.set(user, Math.max(before, latest));
  }
}
