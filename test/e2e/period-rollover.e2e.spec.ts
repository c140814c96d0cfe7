import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppProcess } from '../support/app-process';
import { testKafka } from '../support/kafka-client';
import { produce } from '../support/produce';
import { readDashboards } from '../support/read-model';
import { freshNames, startProjector } from '../support/system';

/** Local midnight of Monday 1 June 2026 in Kathmandu (+05:45): a new day, week and month at once. */
const BOUNDARY = new Date('2026-05-31T18:15:00.000Z');
const KEY = '7:1';

const envelope = (type: string, data: Record<string, unknown>) => ({
  key: KEY,
  value: JSON.stringify({
    event_id: randomUUID(),
    type,
    version: 1,
    occurred_at: '2026-05-31T17:00:00Z',
    tenant_id: 7,
    user_id: 1,
    data,
  }),
});

interface MetricAverages {
  avg_today: number | null;
  avg_yesterday: number | null;
  avg_this_week: number | null;
  avg_last_week: number | null;
  avg_this_month: number | null;
  avg_last_month: number | null;
}

async function storedView(
  database: string,
): Promise<{ as_of: string; metrics: MetricAverages[] } | undefined> {
  return (await readDashboards(database)).get(KEY)?.view as
    { as_of: string; metrics: MetricAverages[] } | undefined;
}

async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  done: (value: T) => boolean,
  ms: number,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${ms} ms; last: ${JSON.stringify(value)}`);
    await sleep(250);
  }
}

describe('the period rollover of a user who sends nothing', () => {
  const names = freshNames('rollover');
  let projector: AppProcess;

  afterAll(async () => {
    await projector?.kill();
  });

  it('moves today into yesterday, this week and month into last, soon after local midnight', async () => {
    projector = await startProjector(names, {
      CLOCK_START_AT: new Date(BOUNDARY.getTime() - 25_000).toISOString(),
      ROLLOVER_INTERVAL_MS: '500',
    });
    await produce(testKafka('rollover'), names.eventsTopic, [
      envelope('UserRegistered', {
        uuid: randomUUID(),
        email: 'k@example.invalid',
        timezone: 'Asia/Kathmandu',
      }),
      envelope('MetricRegistered', {
        id: 1,
        uuid: randomUUID(),
        device_id: 1,
        type: 'heartRate',
        unit: 'bpm',
      }),
      envelope('QuantitySampleRecorded', {
        sample_id: randomUUID(),
        metric_id: 1,
        start_date: '2026-05-31T17:00:00Z',
        end_date: '2026-05-31T17:00:01Z',
        quantity: 42,
      }),
    ]);

    const before = await waitFor(
      () => storedView(names.database),
      (v) => v.metrics.length === 1,
      20_000,
    );
    expect(new Date(before.as_of).getTime()).toBeLessThan(BOUNDARY.getTime());
    expect(before.metrics[0]).toMatchObject({
      avg_today: 42,
      avg_yesterday: null,
      avg_this_week: 42,
      avg_this_month: 42,
    });

    const after = await waitFor(
      () => storedView(names.database),
      (v) => new Date(v.as_of).getTime() >= BOUNDARY.getTime(),
      45_000,
    );
    expect(new Date(after.as_of).getTime() - BOUNDARY.getTime()).toBeLessThan(60_000);
    expect(after.metrics[0]).toMatchObject({
      avg_today: null,
      avg_yesterday: 42,
      avg_this_week: null,
      avg_last_week: 42,
      avg_this_month: null,
      avg_last_month: 42,
    });
  }, 90_000);
});
