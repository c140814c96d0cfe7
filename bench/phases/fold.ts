import { produce } from '../../test/support/produce';
import { endOf, roundsFor, simulatedRecords, type Workload } from '../load/simulated-stream';
import { drainWithBaseline } from '../measure/baseline-drain';
import type { Drain } from '../measure/drain';
import { drainWithProjector, type ProjectorDrain } from '../measure/projector-drain';
import type { BenchOptions } from '../options';
import { benchProjectorEnv } from '../projector-env';
import type { BenchSystem } from '../system';

export interface FoldResult {
  readonly events: number;
  readonly produceRate: number;
  readonly raw: Drain;
  readonly projector: ProjectorDrain;
  /** The projector again with `--compare-env` overrides, on a database of its own. */
  readonly variant?: ProjectorDrain;
  readonly naive: Drain;
  /** The instant the projector's clock was fixed at (after the last reading). */
  readonly clock: Date;
}

/** Readings of the backlog start here; the projector's clock is fixed just after the last one. */
export const BACKLOG_START = new Date('2025-03-03T06:00:00Z');

/** Drains a copy of the backlog into a database and group of its own, with projector overrides. */
function variantOf(system: BenchSystem): BenchSystem {
  const { names } = system;
  return {
    ...system,
    names: { ...names, database: `${names.database}_variant`, group: `${names.group}.variant` },
  };
}

/** One backlog in `system`, drained in turn by the raw consumer, the real projector and the naive one. */
export async function measureFold(
  system: BenchSystem,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<FoldResult> {
  const workload: Workload = {
    seed: options.seed,
    users: options.users,
    metrics: options.metrics,
    start: BACKLOG_START,
  };
  const rounds = roundsFor(workload, options.events);
  const t0 = performance.now();
  const backlog = simulatedRecords(workload, options.events, rounds);
  const events = await produce(system.kafka, system.names.eventsTopic, backlog);
  const produceRate = events / ((performance.now() - t0) / 1000);
  log(`fold: produced a backlog of ${events} events (${Math.round(produceRate)}/s)`);
  const raw = await drainWithBaseline('raw-consumer', system, events);
  log(`fold: raw consumer ${Math.round(raw.rate)}/s`);
  const clock = endOf(workload, rounds);
  const env = benchProjectorEnv({ overrides: options.projectorEnv });
  const projector = await drainWithProjector(system, events, clock, env, log);
  log(`fold: projector ${Math.round(projector.rate)}/s`);
  const variant =
    Object.keys(options.compareEnv).length > 0
      ? await drainWithProjector(variantOf(system), events, clock, { ...env, ...options.compareEnv }, log)
      : undefined;
  if (variant)
    log(`fold: projector with ${JSON.stringify(options.compareEnv)} ${Math.round(variant.rate)}/s`);
  const naive = await drainWithBaseline('naive-projector', system, events, options.baselineCapSeconds * 1000);
  log(`fold: naive projector ${Math.round(naive.rate)}/s over ${naive.events} events`);
  return { events, produceRate, raw, projector, variant, naive, clock };
}
