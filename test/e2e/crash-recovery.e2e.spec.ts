import { simulateGateways } from '@app/simulator';
import type { Kafka } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { freshTopic } from '../support/fresh-topic';
import { waitCaughtUp } from '../support/group-progress';
import { testKafka } from '../support/kafka-client';
import { produce } from '../support/produce';
import { countDashboards, readDashboards } from '../support/read-model';
import { freshNames, startProjector, type SystemNames } from '../support/system';

const AS_OF = '2026-03-30T12:00:00.000Z';

/** ~10k events over 40 users: long enough that a kill lands mid-stream. */
const stream = () =>
  [
    ...simulateGateways({
      seed: 7,
      users: 40,
      metricsPerUser: 4,
      readingsPerMetric: 60,
      start: new Date('2026-03-28T00:00:00Z'),
      intervalMs: 60_000,
    }),
  ].map((r) => ({ key: r.key, value: JSON.stringify(r.value) }));

describe('a projector killed with SIGKILL mid-stream', () => {
  let kafka: Kafka;
  let uninterrupted: SystemNames;
  let crashed: SystemNames;

  beforeAll(async () => {
    kafka = testKafka('crash-e2e');
    const topic = await freshTopic('crash.events', 4);
    uninterrupted = { ...freshNames('calm'), eventsTopic: topic };
    crashed = { ...freshNames('crash'), eventsTopic: topic };
    await produce(kafka, topic, stream());
  }, 120_000);

  it('ends, once restarted, with documents identical to an uninterrupted run', async () => {
    const calm = await startProjector(uninterrupted, { CLOCK_FIXED_AT: AS_OF });
    await waitCaughtUp(kafka, uninterrupted.group, uninterrupted.eventsTopic);
    await calm.kill();

    let kills = 0;
    for (let round = 0; round < 3; round++) {
      const before = await countDashboards(crashed.database);
      const victim = await startProjector(crashed, { CLOCK_FIXED_AT: AS_OF, BATCH_CHUNK_SIZE: '300' });
      // Let it write something, then kill it without warning, whatever it is doing.
      for (let i = 0; i < 50 && (await countDashboards(crashed.database)) === before; i++) await sleep(20);
      await sleep(150 + round * 100);
      await victim.kill('SIGKILL');
      kills++;
    }
    const survivor = await startProjector(crashed, { CLOCK_FIXED_AT: AS_OF });
    await waitCaughtUp(kafka, crashed.group, crashed.eventsTopic);
    await survivor.kill();

    const expected = await readDashboards(uninterrupted.database);
    const actual = await readDashboards(crashed.database);
    expect(kills).toBe(3);
    expect(expected.size).toBe(40);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [id, doc] of expected) {
      expect({ id, view: actual.get(id)?.view, state: actual.get(id)?.state }).toEqual({
        id,
        view: doc.view,
        state: doc.state,
      });
    }
  }, 240_000);
});
