import { produce } from '../../test/support/produce';
import { endOf, simulatedRecords, setupEvents, type Workload } from '../load/simulated-stream';
import { drainWithProjector } from '../measure/projector-drain';
import type { BenchOptions } from '../options';
import { benchProjectorEnv } from '../projector-env';
import { freshSystem } from '../system';
import { BACKLOG_START } from './fold';

export interface GrowthPoint {
  readonly users: number;
  readonly metrics: number;
  readonly events: number;
  readonly rate: number;
  readonly rssBytes: number;
  readonly meanDocumentBytes: number;
}

export interface GrowthResult {
  readonly points: GrowthPoint[];
}

/** Reading rounds per point: registration plus a few readings of every metric of every user. */
const ROUNDS = 3;

/** Fold rate, projector memory and document size as users grow, then as metrics per user grow. */
export async function measureGrowth(
  options: BenchOptions,
  log: (line: string) => void,
): Promise<GrowthResult> {
  const shapes = [
    ...options.growthUsers.map((users) => ({ users, metrics: options.metrics })),
    ...options.growthMetrics.map((metrics) => ({ users: options.growthUsers[0], metrics })),
  ];
  const points: GrowthPoint[] = [];
  for (const { users, metrics } of shapes) {
    const workload: Workload = { seed: options.seed, users, metrics, start: BACKLOG_START };
    const events = setupEvents(workload) + ROUNDS * users * metrics;
    const system = await freshSystem('growth', options.partitions);
    try {
      await produce(system.kafka, system.names.eventsTopic, simulatedRecords(workload, events, ROUNDS));
      const env = benchProjectorEnv({ overrides: options.projectorEnv });
      const drain = await drainWithProjector(system, events, endOf(workload, ROUNDS), env, log);
      points.push({
        users,
        metrics,
        events: drain.events,
        rate: drain.rate,
        rssBytes: drain.metrics.rssBytes,
        meanDocumentBytes: drain.meanDocumentBytes,
      });
      log(`growth: ${users} users × ${metrics} metrics: ${Math.round(drain.rate)}/s`);
    } finally {
      await system.dispose();
    }
  }
  return { points };
}
