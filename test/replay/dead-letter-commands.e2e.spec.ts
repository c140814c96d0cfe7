import type { Kafka } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppProcess } from '../support/app-process';
import { consumeUntil } from '../support/consume';
import { testKafka } from '../support/kafka-client';
import { produce } from '../support/produce';
import { cliEnv, runCli } from '../support/run-cli';
import { freshNames, startProjector } from '../support/system';

const envelope = (user: number, data: Record<string, unknown>) =>
  JSON.stringify({
    event_id: '00000000-0000-4000-8000-000000000001',
    type: 'UserRegistered',
    version: 1,
    occurred_at: '2026-03-01T00:00:00.000Z',
    tenant_id: 1,
    user_id: user,
    data,
  });

const rejects = [
  { key: '1:1', value: '{not json' },
  { key: '1:2', value: '[]' },
  { key: '1:3', value: envelope(4, { uuid: '00000000-0000-4000-8000-000000000004' }) },
];

describe('the dead-letter commands', () => {
  const names = freshNames('dlq-cmd');
  let kafka: Kafka;
  let projector: AppProcess;

  beforeAll(async () => {
    kafka = testKafka('dlq-commands');
    projector = await startProjector(names);
    await produce(kafka, names.eventsTopic, rejects);
  }, 120_000);

  afterAll(async () => {
    await projector?.kill();
  }, 30_000);

  it('lists the dead letters per reason with the newest ones and their headers', async () => {
    let listing = { code: null as number | null, output: '' };
    for (let i = 0; i < 60 && !listing.output.includes('3 dead letters'); i++) {
      if (i > 0) await sleep(500);
      listing = await runCli('dead-letters/dlq.cli.ts', ['list'], cliEnv(names), 60_000);
    }
    expect(listing.code).toBe(0);
    expect(listing.output).toContain(`${names.dlqTopic}: 3 dead letters (0 redriven)`);
    expect(listing.output).toMatch(/invalid_json +2/);
    expect(listing.output).toMatch(/key_mismatch +1/);
    expect(listing.output).toContain('x-dlq-source-topic');
  }, 90_000);

  it('selects by reason and by dead-lettering time, sends nothing on a dry run, refuses an unknown reason', async () => {
    const env = cliEnv(names);
    const dry = (...args: string[]) =>
      runCli('dead-letters/dlq.cli.ts', ['redrive', '--dry-run', ...args], env);
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    expect((await dry('--since', hourAgo)).output).toContain('would redrive 3 of 3 selected');
    expect((await dry('--since', inAnHour)).output).toContain('would redrive 0 of 0 selected');
    expect((await dry('--reason', 'invalid_json', '--since', hourAgo)).output).toContain(
      'would redrive 2 of 2 selected',
    );
    const unknown = await dry('--reason', 'schema_violation');
    expect(unknown.code).toBe(2);
    expect(unknown.output).toContain('unknown --reason schema_violation (one of too_large, invalid_json');
    const badSince = await dry('--since', 'yesterday');
    expect(badSince.code).toBe(2);
    expect(badSince.output).toContain('--since must be an ISO 8601 instant');
    const badOption = await dry('--reasons', 'invalid_json');
    expect(badOption.code).toBe(2);
    expect(badOption.output).toContain("dlq: Unknown option '--reasons'");
  }, 120_000);

  it('redrives the selected records once, however often it runs', async () => {
    // Stopped, so that the republished (still invalid) record is not dead-lettered again as a new record.
    await projector.kill();
    const env = cliEnv(names);
    const first = await runCli('dead-letters/dlq.cli.ts', ['redrive', '--reason', 'key_mismatch'], env);
    expect(first.output).toContain('redrove 1 of 1 selected');
    const again = await runCli('dead-letters/dlq.cli.ts', ['redrive', '--reason', 'key_mismatch'], env);
    expect(again.output).toContain('redrove 0 of 1 selected');
    expect(again.output).toContain('(1 redriven before');

    const admin = kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(names.eventsTopic).finally(() => admin.disconnect());
    expect(ends.reduce((sum, e) => sum + Number(e.high), 0)).toBe(rejects.length + 1);
    const consumer = kafka.consumer({ groupId: `${names.group}.check` });
    await consumer.connect();
    await consumer.subscribe({ topic: names.eventsTopic, fromBeginning: true });
    const events = await consumeUntil(consumer, rejects.length + 1, 30_000);
    await consumer.disconnect();
    const copies = events.filter((e) => e.headers['x-redrive-of']);
    expect(copies.map((c) => c.value).sort()).toEqual([rejects[2].value]);
    expect(copies.every((c) => !Object.keys(c.headers).some((h) => h.startsWith('x-dlq-')))).toBe(true);
  }, 120_000);
});
