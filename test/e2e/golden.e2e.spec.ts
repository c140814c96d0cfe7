import type { Kafka } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { firstDifference } from '../support/close-to';
import { goldenExpected, goldenRecords, rejectExamples } from '../support/spec-examples';
import type { AppProcess } from '../support/app-process';
import { consumeUntil, type Received } from '../support/consume';
import { devToken } from '../support/dev-token';
import { testKafka } from '../support/kafka-client';
import { produce, type RawRecord } from '../support/produce';
import { freshNames, startApi, startProjector, TEST_JWT_SECRET } from '../support/system';

const expected = goldenExpected();
const rejects = rejectExamples();

/** The golden stream with one reject after every 34th record: valid records around rejects still apply. */
function interleaved(): RawRecord[] {
  const golden = goldenRecords().map((r) => ({ key: r.key, value: JSON.stringify(r.value) }));
  const out: RawRecord[] = [];
  const every = Math.floor(golden.length / rejects.length);
  golden.forEach((record, i) => {
    out.push(record);
    const reject = rejects[i / every];
    if (i % every === 0 && reject) out.push({ key: reject.key, value: reject.value });
  });
  return out;
}

async function dashboardOf(api: AppProcess, tenant: number, user: number): Promise<Response> {
  return fetch(`${api.url}/api/v1/dashboard`, {
    headers: { authorization: `Bearer ${devToken(TEST_JWT_SECRET, tenant, user)}` },
  });
}

describe('the system on the real servers, driven by the contract examples', () => {
  const names = freshNames('golden');
  let kafka: Kafka;
  let projector: AppProcess;
  let api: AppProcess;

  beforeAll(async () => {
    kafka = testKafka('golden-e2e');
    projector = await startProjector(names, { CLOCK_FIXED_AT: expected.as_of });
    api = await startApi(names);
    await produce(kafka, names.eventsTopic, interleaved());
  }, 120_000);

  afterAll(async () => {
    await Promise.all([projector?.kill(), api?.kill()]);
  });

  it('serves exactly golden.expected.json for the golden stream with rejects interleaved', async () => {
    let difference: string | null = 'no document yet';
    for (let attempt = 0; attempt < 150 && difference !== null; attempt++) {
      const response = await dashboardOf(api, 3, 2);
      if (response.status === 200) {
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        difference = firstDifference(await response.json(), expected);
      }
      if (difference !== null) await sleep(200);
    }
    expect(difference).toBeNull();
  }, 60_000);

  it('dead-letters every rejected record with its reason, its original bytes and the contract headers', async () => {
    const consumer = kafka.consumer({ groupId: `${names.group}.dlq-reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: names.dlqTopic, fromBeginning: true });
    const dead = await consumeUntil(consumer, rejects.length, 60_000);
    await consumer.disconnect();
    expect(dead).toHaveLength(rejects.length);
    for (const reject of rejects) {
      const copy = dead.find((d: Received) => d.value === reject.value && d.key === reject.key);
      expect(copy).toBeDefined();
      const headers = copy?.headers ?? {};
      expect(headers['x-dlq-reason']).toBe(reject.reason);
      expect(headers['x-dlq-source-topic']).toBe(names.eventsTopic);
      expect(headers['x-dlq-source-partition']).toMatch(/^\d+$/);
      expect(headers['x-dlq-source-offset']).toMatch(/^\d+$/);
      expect(headers['x-dlq-failed-at']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(Buffer.byteLength(headers['x-dlq-error'] ?? '')).toBeGreaterThan(0);
      expect(Buffer.byteLength(headers['x-dlq-error'] ?? '')).toBeLessThanOrEqual(1024);
    }
  }, 90_000);

  it('creates no document for a user whose only record was rejected', async () => {
    const response = await dashboardOf(api, 3, 9);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ statusCode: 404 });
  });
});
