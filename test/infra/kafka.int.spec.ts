import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type { Admin } from 'kafkajs';
import { consumeUntil } from '../support/consume';
import { kafkaBrokers } from '../support/env';
import { freshTopic } from '../support/fresh-topic';
import { testKafka, testProducer } from '../support/kafka-client';
import { uniqueName } from '../support/unique-name';

jest.setTimeout(60_000);

describe('the Kafka broker', () => {
  let kafka: Kafka;
  let admin: Admin;

  beforeAll(async () => {
    kafka = testKafka('infra-kafka-spec');
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin.disconnect();
  });

  async function produce(topic: string, records: { key: string; value: string }[]): Promise<void> {
    const producer = testProducer(kafka);
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages: records });
    } finally {
      await producer.disconnect();
    }
  }

  it('creates a topic with several partitions, each with a leader', async () => {
    const topic = await freshTopic('infra-partitions', 3);

    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });

    expect(topics[0].partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2]);
    expect(topics[0].partitions.every((p) => p.leader >= 0)).toBe(true);
  });

  it('refuses to create topics implicitly', async () => {
    const quiet = new Kafka({
      clientId: 'infra-missing',
      brokers: kafkaBrokers(),
      logLevel: logLevel.NOTHING,
    });
    const producer = quiet.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: 1 },
    });
    await producer.connect();
    const missing = uniqueName('infra-missing', '-');
    try {
      await expect(producer.send({ topic: missing, messages: [{ value: 'x' }] })).rejects.toThrow();
    } finally {
      await producer.disconnect();
    }
    expect(await admin.listTopics()).not.toContain(missing);
  });

  it('delivers keyed records to a consumer group in per-key order, one partition per key', async () => {
    const topic = await freshTopic('infra-order', 3);
    const keys = ['tenant-a:user-1', 'tenant-a:user-2', 'tenant-b:user-1', 'tenant-b:user-7'];
    const records = Array.from({ length: 40 }, (_, i) => ({ key: keys[i % keys.length], value: String(i) }));
    await produce(topic, records);

    const consumer = kafka.consumer({ groupId: uniqueName('infra-order', '-') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = await consumeUntil(consumer, records.length);
    await consumer.disconnect();

    for (const key of keys) {
      const mine = received.filter((r) => r.key === key);
      expect(mine.map((r) => r.value)).toEqual(records.filter((r) => r.key === key).map((r) => r.value));
      expect(new Set(mine.map((r) => r.partition)).size).toBe(1);
    }
  });

  it('resumes a consumer group from its committed offsets after a restart', async () => {
    const topic = await freshTopic('infra-resume', 2);
    const groupId = uniqueName('infra-resume', '-');
    const batch = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({ key: `k${(from + i) % 3}`, value: `v${from + i}` }));
    await produce(topic, batch(0, 6));

    const first = kafka.consumer({ groupId });
    await first.connect();
    await first.subscribe({ topic, fromBeginning: true });
    expect((await consumeUntil(first, 6)).map((r) => r.value).sort()).toEqual(
      batch(0, 6)
        .map((r) => r.value)
        .sort(),
    );
    await first.disconnect();

    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    // A partition without a commit reports -1.
    const total = committed[0].partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    expect(total).toBe(6);

    await produce(topic, batch(6, 4));
    const second = kafka.consumer({ groupId });
    await second.connect();
    await second.subscribe({ topic, fromBeginning: true });
    const resumed = await consumeUntil(second, 4);
    // Give a wrongly re-delivered old record the chance to show up before looking.
    await new Promise((r) => setTimeout(r, 500));
    await second.disconnect();

    expect(resumed.map((r) => r.value).sort()).toEqual(['v6', 'v7', 'v8', 'v9']);
  });
});
