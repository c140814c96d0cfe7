import { readReadModelMeta } from '@app/mongo';
import type { Kafka } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { firstDifference } from '../support/close-to';
import type { AppProcess } from '../support/app-process';
import { mongoUri } from '../support/env';
import { freshTopic } from '../support/fresh-topic';
import { waitCaughtUp } from '../support/group-progress';
import { testKafka, testProducer } from '../support/kafka-client';
import { produce } from '../support/produce';
import { readDashboards } from '../support/read-model';
import { cliEnv, runCli } from '../support/run-cli';
import { freshNames, startProjector, type SystemNames } from '../support/system';
import { AS_OF, gatewayStream } from './replay-fixtures';

const USERS = 500;
// 16 partitions: each partition's share is about one fetch, so each document is rewritten about once per
// pass (on FerretDB every guarded write scans the collection, so rewrites set the pace).
const PARTITIONS = 16;
const stream = gatewayStream({ seed: 11, users: USERS, metrics: 2, readings: 48 });

describe('a full replay of the events topic', () => {
  let kafka: Kafka;
  let names: SystemNames;
  let projector: AppProcess;

  beforeAll(async () => {
    kafka = testKafka('replay-equals-live');
    names = { ...freshNames('replay-eq'), eventsTopic: await freshTopic('replay-eq.events', PARTITIONS) };
    await produce(kafka, names.eventsTopic, stream);
    projector = await startProjector(names, { CLOCK_FIXED_AT: AS_OF });
    await waitCaughtUp(kafka, names.group, names.eventsTopic, 240_000);
  }, 300_000);

  afterAll(async () => {
    await projector?.kill();
  }, 30_000);

  it('builds a new version equal, document for document, to the live projection, and switches to it', async () => {
    expect(stream.length).toBeGreaterThanOrEqual(50_000);
    const run = await runCli('replay/replay.cli.ts', [], cliEnv(names, { CLOCK_FIXED_AT: AS_OF }), 240_000);
    expect({ code: run.code, output: run.code === 0 ? '' : run.output }).toEqual({ code: 0, output: '' });
    expect(run.output).toContain('"msg":"replay finished"');

    const client = await new MongoClient(mongoUri()).connect();
    const meta = await readReadModelMeta(client.db(names.database)).finally(() => client.close());
    expect(meta).toMatchObject({ active_collection: 'dashboards_v2', active_group: `${names.group}.v2` });

    const live = await readDashboards(names.database, 'dashboards');
    const replayed = await readDashboards(names.database, 'dashboards_v2');
    expect(live.size).toBe(USERS);
    expect([...replayed.keys()].sort()).toEqual([...live.keys()].sort());
    const differing = [...live].flatMap(([id, doc]) => {
      const other = replayed.get(id);
      const difference = firstDifference(
        { view: other?.view, state: other?.state },
        { view: doc.view, state: doc.state },
      );
      return difference ? [`${id} ${difference}`] : [];
    });
    expect(differing).toEqual([]);
  }, 300_000);

  it('leaves the live projector folding new events into the new version, from where the replay stopped', async () => {
    const [registration] = stream;
    const producer = testProducer(kafka);
    await producer.connect();
    const [sent] = await producer.send({
      topic: names.eventsTopic,
      acks: -1,
      messages: [{ key: registration.key, value: registration.value }],
    });
    await producer.disconnect();
    await waitCaughtUp(kafka, `${names.group}.v2`, names.eventsTopic, 60_000);

    const state = (await readDashboards(names.database, 'dashboards_v2')).get(registration.key ?? '')
      ?.state as {
      positions: Record<string, number>;
    };
    expect(state.positions[String(sent.partition)]).toBe(Number(sent.baseOffset));
    const old = (await readDashboards(names.database, 'dashboards')).get(registration.key ?? '')?.state as {
      positions: Record<string, number>;
    };
    expect(old.positions[String(sent.partition)]).toBeLessThan(Number(sent.baseOffset));
  }, 90_000);
});
