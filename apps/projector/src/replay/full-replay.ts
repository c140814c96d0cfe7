import { activeVersionOf, readReadModelMeta } from '@app/mongo';
import type { CliRuntime } from './cli-runtime';
import { boundVersionOf, type BoundVersion } from './projected-version';
import { builderProgress } from './builder-progress';
import { ProgressReporter } from './progress-reporter';
import { ReplayLock } from './replay-lock';
import { dropRetiredVersions, dropVersion } from './retention';
import { SwitchCancelled, switchOver } from './switch-over';
import { lagOf, topicRange, total } from './topic-offsets';
import { VersionBuilder } from './version-builder';
import { VersionRegistry } from './version-registry';

export interface ReplayOptions {
  /** Draw a progress bar (a terminal) rather than log lines. */
  readonly tty: boolean;
  /** Discard an interrupted replay's version and start a new one instead of resuming it. */
  readonly restart: boolean;
  readonly signal: AbortSignal;
}

export interface ReplaySummary {
  readonly collection: string;
  readonly group: string;
  readonly resumed: boolean;
  readonly records: number;
  readonly users: number;
  readonly rejects: number;
  readonly duplicates: number;
  readonly durationMs: number;
  readonly recordsPerSecond: number;
  readonly dropped: readonly string[];
}

const SWITCH_ATTEMPTS = 3;

/**
 * `npm run replay`: rebuilds every document from the first offset into a new read-model version while the
 * live projector keeps serving the current one, catches up with the live end, switches (switch-over.ts)
 * and applies the retention rule. Holds the replay lock throughout; resumes an interrupted replay.
 */
export async function runFullReplay(runtime: CliRuntime, options: ReplayOptions): Promise<ReplaySummary> {
  const { mongo, admin, config, logger } = runtime;
  const lock = await ReplayLock.acquire(mongo.db, config.REPLAY_LOCK_TTL_MS, logger);
  const guard = () => {
    options.signal.throwIfAborted();
    lock.assertHeld();
  };
  const startedAt = Date.now();
  const registry = new VersionRegistry(mongo.db);
  let builder: VersionBuilder | undefined;
  let reporter: ProgressReporter | undefined;
  try {
    const active = activeVersionOf(await readReadModelMeta(mongo.db));
    const from = boundVersionOf(active, config.CONSUMER_GROUP);
    let target = await registry.building(from);
    if (target && options.restart) {
      await dropVersion({ db: mongo.db, admin, registry, logger }, target);
      target = null;
    }
    const resumed = target !== null;
    target ??= await registry.createNext(from, config.CONSUMER_GROUP);
    const to: BoundVersion = { collection: target._id, group: target.group, samples: target.samples };
    logger.info({ from, to }, resumed ? 'resuming the replay' : 'replaying into a new read-model version');

    const version = new VersionBuilder(runtime, to);
    builder = version;
    let phase = 'replaying';
    reporter = new ProgressReporter(() => builderProgress(runtime, version, phase), {
      tty: options.tty,
      intervalMs: config.REPLAY_PROGRESS_INTERVAL_MS,
      logger,
    });
    reporter.start();
    await version.start();
    for (let attempt = 1; ; attempt++) {
      await catchUp(runtime, version, guard);
      try {
        await switchOver({ runtime, builder: version, guard, onPhase: (p) => (phase = p) }, from, to);
        break;
      } catch (error) {
        if (!(error instanceof SwitchCancelled) || attempt >= SWITCH_ATTEMPTS) throw error;
        logger.warn({ err: error, attempt }, 'switch cancelled, catching up again before the next attempt');
        phase = 'catching up';
        await version.start();
      }
    }
    await registry.recordSwitch(from, target);
    const retention = { db: mongo.db, admin, registry, logger };
    const dropped = await dropRetiredVersions(retention, config.REPLAY_RETAIN_VERSIONS, to);
    const durationMs = Date.now() - startedAt;
    const { counts } = version.handler;
    return {
      collection: to.collection,
      group: to.group,
      resumed,
      records: counts.records,
      users: await version.dashboards().countDocuments(),
      rejects: counts.rejects,
      duplicates: counts.duplicates,
      durationMs,
      recordsPerSecond: Math.round((counts.records * 1000) / Math.max(1, durationMs)),
      dropped,
    };
  } finally {
    await reporter?.stop();
    await builder?.stop();
    await lock.release();
  }
}

/** Folds until the lag behind the moving topic end is at most REPLAY_SWITCH_MAX_LAG records. */
async function catchUp(runtime: CliRuntime, builder: VersionBuilder, guard: () => void): Promise<void> {
  const { admin, config } = runtime;
  for (;;) {
    const { ends } = await topicRange(admin, config.EVENTS_TOPIC);
    await builder.waitUntilReached(ends, guard);
    const latest = await topicRange(admin, config.EVENTS_TOPIC);
    if (total(lagOf(builder.handler.positions, latest.ends)) <= config.REPLAY_SWITCH_MAX_LAG) return;
  }
}
