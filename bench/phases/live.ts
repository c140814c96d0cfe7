import { waitCaughtUp } from '../../test/support/group-progress';
import { produce } from '../../test/support/produce';
import { startApi, startProjector, TEST_JWT_SECRET } from '../../test/support/system';
import { devToken } from '../../test/support/dev-token';
import { liveReadings } from '../load/live-readings';
import { startPacedLoad } from '../load/paced-producer';
import { probeRegistration } from '../load/probe-user';
import { setupEvents, simulatedRecords, type Workload } from '../load/simulated-stream';
import { probeFreshness, type Freshness } from '../measure/freshness-probe';
import { stopApp, tracked } from '../measure/stop-app';
import { TENANT } from '../measure/tokens';
import type { BenchOptions } from '../options';
import { benchProjectorEnv } from '../projector-env';
import { freshSystem, type BenchSystem } from '../system';
import { measureSustained, type Sustained } from './sustained';

export interface FreshnessLevel {
  /** Share of the maximum fold rate offered as background load (0 = idle). */
  readonly share: number;
  readonly offeredRate: number;
  readonly freshness: Freshness;
  /** False when the projector had not caught up with the level's load 60 s after it stopped. */
  readonly caughtUp: boolean;
}

export interface LiveResult {
  /** The rate the levels are shares of: the sustained fold rate, else the backlog drain rate. */
  readonly maxRate: number;
  readonly maxRateSource: 'sustained' | 'backlog';
  readonly levels: FreshnessLevel[];
  readonly sustained?: Sustained;
}

export const FRESHNESS_SHARES = [0, 0.1, 0.5, 0.9] as const;
const CATCH_UP_AFTER_SUSTAINED_MS = 180_000;
const CATCH_UP_AFTER_LEVEL_MS = 30_000;

/** Waits (bounded) until the projector has committed everything produced so far. */
const caughtUp = (system: BenchSystem, timeoutMs: number): Promise<boolean> =>
  waitCaughtUp(system.kafka, system.names.group, system.names.eventsTopic, timeoutMs).then(
    () => true,
    () => false,
  );

async function registerUsers(system: BenchSystem, workload: Workload, probeUser: number): Promise<void> {
  const prologue = simulatedRecords(workload, setupEvents(workload));
  await produce(system.kafka, system.names.eventsTopic, [
    ...prologue,
    ...probeRegistration(probeUser, new Date()),
  ]);
}

/**
 * A live system (running clock): first the sustained rate (offered 1.5 × the backlog drain rate), then
 * freshness at shares of it. Draining a backlog folds many events per document write; live batches
 * are smaller, so the rate the projector keeps up with live is the maximum the shares refer to.
 */
export async function measureLive(
  options: BenchOptions,
  backlogRate: number,
  log: (line: string) => void,
): Promise<LiveResult> {
  const workload: Workload = {
    seed: options.seed + 1,
    users: options.users,
    metrics: options.metrics,
    start: new Date(),
  };
  const probeUser = options.users + 1;
  const system = await freshSystem('live', options.partitions);
  const { kafka, names } = system;
  await registerUsers(system, workload, probeUser);
  const env = benchProjectorEnv({ overrides: options.projectorEnv });
  const projector = tracked(await startProjector(names, env));
  const api = tracked(await startApi(names));
  try {
    await waitCaughtUp(kafka, names.group, names.eventsTopic, 300_000);
    const sustained =
      options.duration > 0
        ? await measureSustained(
            { kafka, topic: names.eventsTopic, projectorUrl: projector.url },
            workload,
            backlogRate,
            options.duration,
            log,
          )
        : undefined;
    const maxRate = sustained && sustained.foldRate > 0 ? sustained.foldRate : backlogRate;
    if (sustained) await caughtUp(system, CATCH_UP_AFTER_SUSTAINED_MS);
    const levels: FreshnessLevel[] = [];
    for (const share of FRESHNESS_SHARES) {
      const offeredRate = Math.max(1, Math.round(share * maxRate));
      const load =
        share > 0
          ? await startPacedLoad(kafka, names.eventsTopic, liveReadings(workload, offeredRate), offeredRate)
          : undefined;
      const freshness = await probeFreshness({
        kafka,
        topic: names.eventsTopic,
        apiUrl: api.url,
        token: devToken(TEST_JWT_SECRET, TENANT, probeUser),
        user: probeUser,
        seconds: options.freshnessSeconds,
      });
      await load?.stop();
      levels.push({
        share,
        offeredRate: share > 0 ? offeredRate : 0,
        freshness,
        caughtUp: await caughtUp(system, CATCH_UP_AFTER_LEVEL_MS),
      });
      log(
        `freshness at ${share * 100} %: p50 ${freshness.p50Ms.toFixed(0)} ms, p99 ${freshness.p99Ms.toFixed(0)} ms`,
      );
    }
    return { maxRate, maxRateSource: maxRate === backlogRate ? 'backlog' : 'sustained', levels, sustained };
  } finally {
    await stopApp(api);
    await stopApp(projector);
    await system.dispose();
  }
}
