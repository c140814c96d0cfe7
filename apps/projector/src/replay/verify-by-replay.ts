import { activeVersionOf, dropVersionCollections, readReadModelMeta } from '@app/mongo';
import { setTimeout as sleep } from 'node:timers/promises';
import { builderProgress } from './builder-progress';
import type { CliRuntime } from './cli-runtime';
import { compareVersions, type Comparison, type DocumentDifference } from './compare-versions';
import { boundVersionOf, type BoundVersion } from './projected-version';
import { ProgressReporter } from './progress-reporter';
import { committedOffsets, hasReached, topicRange, type Offsets } from './topic-offsets';
import { VersionBuilder } from './version-builder';

const SETTLE_ROUNDS = 5;
const LIVE_WAIT_MS = 30_000;

export interface VerifyOptions {
  readonly now: Date;
  readonly tty: boolean;
  /** Keep the scratch version (collection, ledger, group) for inspection. */
  readonly keep: boolean;
  readonly signal: AbortSignal;
}

/**
 * `npm run verify`: replays the topic into a scratch version and compares it with the active one. The live
 * version keeps moving meanwhile, so documents at different log positions are looked at again after both
 * have caught up with a newer end, up to five times; those still apart are reported as unsettled.
 */
export async function verifyByReplay(
  runtime: CliRuntime,
  options: VerifyOptions,
): Promise<Comparison & { active: string; scratch: string }> {
  const { mongo, admin, config } = runtime;
  const active = boundVersionOf(activeVersionOf(await readReadModelMeta(mongo.db)), config.CONSUMER_GROUP);
  const tag = `verify_${Date.now().toString(36)}`;
  const scratch: BoundVersion = {
    collection: `${tag}_dashboards`,
    group: `${config.CONSUMER_GROUP}.${tag}`,
    samples: `${tag}_samples`,
  };
  const builder = new VersionBuilder(runtime, scratch);
  const reporter = new ProgressReporter(() => builderProgress(runtime, builder, 'verify: replaying'), {
    tty: options.tty,
    intervalMs: config.REPLAY_PROGRESS_INTERVAL_MS,
    logger: runtime.logger,
  });
  const guard = () => options.signal.throwIfAborted();
  reporter.start();
  try {
    await builder.start();
    const differing: DocumentDifference[] = [];
    let ids: string[] | undefined;
    let compared = 0;
    let unsettled: string[] = [];
    for (let round = 0; round < SETTLE_ROUNDS; round++) {
      const { ends } = await topicRange(admin, config.EVENTS_TOPIC);
      await builder.waitUntilReached(ends, guard);
      await waitForLive(runtime, active.group, ends, guard);
      const result = await compareVersions(mongo.db, active.collection, scratch.collection, options.now, {
        settle: true,
        ids,
      });
      if (round === 0) compared = result.compared;
      differing.push(...result.differing);
      unsettled = result.unsettled;
      if (unsettled.length === 0) break;
      ids = unsettled;
    }
    return { active: active.collection, scratch: scratch.collection, compared, differing, unsettled };
  } finally {
    await reporter.stop();
    await builder.stop();
    if (!options.keep) await dropScratch(runtime, scratch);
  }
}

/** Best effort: gives the live projector a while to reach `ends` too. */
async function waitForLive(
  runtime: CliRuntime,
  group: string,
  ends: Offsets,
  guard: () => void,
): Promise<void> {
  const { admin, config } = runtime;
  const deadline = Date.now() + LIVE_WAIT_MS;
  while (Date.now() < deadline) {
    guard();
    const { starts } = await topicRange(admin, config.EVENTS_TOPIC);
    if (hasReached(await committedOffsets(admin, group, config.EVENTS_TOPIC, starts), ends)) return;
    await sleep(250);
  }
}

async function dropScratch(runtime: CliRuntime, scratch: BoundVersion): Promise<void> {
  const ignore = () => undefined;
  await runtime.admin.deleteGroups([scratch.group]).catch(ignore);
  await dropVersionCollections(runtime.mongo.db, scratch).catch(ignore);
}
