import type { Kafka, Producer } from 'kafkajs';
import { readReadModelMeta } from '@app/mongo';
import { MongoClient } from 'mongodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { firstDifference } from '../support/close-to';
import type { AppProcess } from '../support/app-process';
import { mongoUri } from '../support/env';
import { freshTopic } from '../support/fresh-topic';
import { waitCaughtUp } from '../support/group-progress';
import { testKafka, testProducer } from '../support/kafka-client';
import { produce } from '../support/produce';
import { readDashboards } from '../support/read-model';
import { cliEnv, runCli, startCli } from '../support/run-cli';
import { freshNames, startApi, startProjector, type SystemNames } from '../support/system';
import { DashboardPoller, ProbeWriter } from './dashboard-poller';
import { AS_OF, gatewayStream } from './replay-fixtures';

const USERS = 100;
const PROBES = Array.from({ length: 20 }, (_, i) => 1 + i * 5);
const stream = gatewayStream({ seed: 23, users: USERS, metrics: 2, readings: 40 });

async function listGroups(kafka: Kafka): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.listGroups()).groups.map((g) => g.groupId);
  } finally {
    await admin.disconnect();
  }
}

async function equalVersions(database: string, left: string, right: string): Promise<string[]> {
  const [a, b] = await Promise.all([readDashboards(database, left), readDashboards(database, right)]);
  const ids = [...new Set([...a.keys(), ...b.keys()])];
  return ids.flatMap((id) => {
    const [x, y] = [a.get(id), b.get(id)];
    const difference = firstDifference(
      { view: y?.view, state: y?.state },
      { view: x?.view, state: x?.state },
    );
    return difference ? [`${id} ${difference}`] : [];
  });
}

describe('replays while the system serves and writes', () => {
  let kafka: Kafka;
  let names: SystemNames;
  let projector: AppProcess;
  let api: AppProcess;
  let producer: Producer;
  const env = () =>
    cliEnv(names, {
      CLOCK_FIXED_AT: AS_OF,
      REPLAY_PROGRESS_INTERVAL_MS: '200',
      REPLAY_SWITCH_TIMEOUT_MS: '30000',
    });

  beforeAll(async () => {
    kafka = testKafka('replay-under-load');
    names = { ...freshNames('replay-load'), eventsTopic: await freshTopic('replay-load.events', 8) };
    await produce(kafka, names.eventsTopic, stream);
    projector = await startProjector(names, { CLOCK_FIXED_AT: AS_OF, READ_MODEL_POLL_MS: '200' });
    api = await startApi(names, { READ_MODEL_POLL_MS: '200' });
    producer = testProducer(kafka);
    await producer.connect();
    await waitCaughtUp(kafka, names.group, names.eventsTopic, 120_000);
  }, 180_000);

  afterAll(async () => {
    await producer?.disconnect();
    await Promise.all([projector?.kill(), api?.kill()]);
  }, 30_000);

  it('never shows a reader a 404, an error or a document older than one it has seen, across the switch', async () => {
    const writer = new ProbeWriter(producer, names.eventsTopic, PROBES);
    const poller = new DashboardPoller(api.url, PROBES);
    writer.start();
    poller.start();
    await sleep(1000);
    const run = await runCli('replay/replay.cli.ts', [], env(), 150_000);
    await sleep(2000);
    await poller.stop();
    const written = await writer.stop();

    expect({ code: run.code, output: run.code === 0 ? '' : run.output }).toEqual({ code: 0, output: '' });
    expect(run.output).toContain('switched the read model');
    expect(poller.problems).toEqual([]);
    expect(poller.requests).toBeGreaterThan(100);
    expect(written).toBeGreaterThan(50);
    // Nothing lost at the hand-over: the live projector, now on the new version, takes in every probe.
    await waitCaughtUp(kafka, `${names.group}.v2`, names.eventsTopic, 60_000);
    const last = (await readDashboards(names.database, 'dashboards_v2')).get(
      `1:${PROBES[(999 + written) % 20]}`,
    );
    const metric = (last?.view as { metrics: { id: number; latest_value: number }[] }).metrics.find(
      (m) => m.id === 1,
    );
    expect(metric?.latest_value).toBe(999 + written);
    expect(poller.advances).toBeGreaterThan(20);
  }, 200_000);

  it('lets one replay run at a time, and finishes one killed with SIGKILL and started again with the same documents', async () => {
    const victim = startCli('replay/replay.cli.ts', [], { ...env(), BATCH_CHUNK_SIZE: '300' });
    const progressed = () =>
      victim
        .output()
        .split('\n')
        .some((line) => /"phase":"replaying".*"percent":([3-9]\d)/.test(line));
    for (let i = 0; i < 600 && !progressed(); i++) await sleep(50);
    expect(progressed()).toBe(true);
    const second = await runCli('replay/replay.cli.ts', [], env(), 60_000);
    expect(second.code).toBe(3);
    expect(second.output).toMatch(/another replay holds the lock: \S+ pid \d+, since /);
    victim.child.kill('SIGKILL');
    await victim.exited;

    const rerun = await runCli('replay/replay.cli.ts', [], env(), 150_000);
    expect({ code: rerun.code, output: rerun.code === 0 ? '' : rerun.output }).toEqual({
      code: 0,
      output: '',
    });
    expect(rerun.output).toContain('resuming the replay');
    expect(rerun.output).toContain('took over an abandoned replay lock');
    expect(await equalVersions(names.database, 'dashboards_v2', 'dashboards_v3')).toEqual([]);
  }, 200_000);

  it('verify finds no difference with a fresh replay, then reports one planted in a document', async () => {
    const clean = await runCli('replay/verify.cli.ts', [], env(), 120_000);
    expect({ code: clean.code, output: clean.code === 0 ? '' : clean.output }).toEqual({
      code: 0,
      output: '',
    });
    expect(clean.output).toMatch(/0 differing, 0 unsettled/);

    const client = await new MongoClient(mongoUri()).connect();
    try {
      const dashboards = client
        .db(names.database)
        .collection<{ _id: string; state_json: string }>('dashboards_v3');
      const doc = await dashboards.findOne({ _id: '1:42' });
      const state = JSON.parse(doc?.state_json ?? '{}');
      state.profile.fields.first_name = 'Planted';
      await dashboards.updateOne({ _id: '1:42' }, { $set: { state_json: JSON.stringify(state) } });
    } finally {
      await client.close();
    }
    const planted = await runCli('replay/verify.cli.ts', [], env(), 120_000);
    expect(planted.code).toBe(1);
    expect(planted.output).toContain('1 differing');
    expect(planted.output).toMatch(/ {2}1:42\n/);
    expect(planted.output).toContain('view.user.first_name: "Planted" ≠ "First42"');
    expect(planted.output).toContain('state.profile.fields.first_name');

    const against = await runCli('replay/verify.cli.ts', ['--against', 'dashboards_v2'], env(), 60_000);
    expect(against.code).toBe(1);
    expect(against.output).toContain('view.user.first_name');
  }, 300_000);

  it('rebuilds one user in place from its partition, repairing the planted difference', async () => {
    const rebuilt = await runCli('replay/replay.cli.ts', ['--user', '1:42'], env(), 60_000);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.output).toMatch(
      /"id":"1:42","collection":"dashboards_v3".*"changed":true.*"rebuilt one document"/,
    );
    const after = await runCli('replay/verify.cli.ts', ['--against', 'dashboards_v2'], env(), 60_000);
    expect({ code: after.code, output: after.code === 0 ? '' : after.output }).toEqual({
      code: 0,
      output: '',
    });
  }, 120_000);

  it('keeps the previous version until --drop-old, which never drops the active one', async () => {
    const client = await new MongoClient(mongoUri()).connect();
    const collections = async () =>
      (await client.db(names.database).listCollections({}, { nameOnly: true }).toArray())
        .map((c) => c.name)
        .filter((name) => /^(dashboards|samples)/.test(name))
        .sort();
    try {
      // REPLAY_RETAIN_VERSIONS=1: the third version's switch dropped the first and kept the second.
      expect(await collections()).toEqual([
        'dashboards_v2',
        'dashboards_v3',
        'samples_v2',
        'samples_v2_claims',
        'samples_v3',
        'samples_v3_claims',
      ]);
      const dropped = await runCli('replay/replay.cli.ts', ['--drop-old'], env(), 60_000);
      expect(dropped.code).toBe(0);
      expect(dropped.output).toContain('dropped dashboards_v2');
      expect(await collections()).toEqual(['dashboards_v3', 'samples_v3', 'samples_v3_claims']);
      const groups = await listGroups(kafka);
      expect(groups).toContain(`${names.group}.v3`);
      expect(groups).not.toContain(`${names.group}.v2`);
      const again = await runCli('replay/replay.cli.ts', ['--drop-old'], env(), 60_000);
      expect(again.output).toContain('no old version to drop');
      const meta = await readReadModelMeta(client.db(names.database));
      expect(meta?.active_collection).toBe('dashboards_v3');
    } finally {
      await client.close();
    }
  }, 120_000);
});
