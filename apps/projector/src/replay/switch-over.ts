import { cancelSwitch, completeSwitch, requestSwitch } from '@app/mongo';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { PeriodRollover } from '../dashboard-projection/period-rollover';
import type { CliRuntime } from './cli-runtime';
import type { BoundVersion } from './projected-version';
import { committedOffsets, groupHasMembers, topicRange } from './topic-offsets';
import type { VersionBuilder } from './version-builder';

/** The switch did not happen; the live version stays active and the replay may try again. */
export class SwitchCancelled extends Error {
  constructor(reason: string) {
    super(`read-model switch cancelled: ${reason}`);
    this.name = 'SwitchCancelled';
  }
}

/** The replay gives up this long before the deadline the live projector enforces (clock skew). */
const DEADLINE_MARGIN_MS = 2000;

/**
 * Hands the live projection over to the version the replay built, so that no reader ever sees a document
 * older than before the switch and no partition is ever written by two writers at once:
 * 1. ask the live projectors to pause (`switching` in read_model_meta) and wait until their group is empty,
 *    i.e. no live write is in flight any more;
 * 2. fold up to the topic end as it is now: every new document is at least as new as its live twin;
 * 3. bring documents past a period boundary up to date, then stop the replay's consumer;
 * 4. set the new group's offsets to where the live group stopped: the live projector resumes there on the
 *    new version, re-reading what the replay folded beyond it (a no-op: documents record their positions)
 *    and dead-lettering the rejects in that range, which the replay never sends;
 * 5. point read_model_meta at the new collection and group in one update, conditional on the request
 *    still standing (a paused projector cancels it past the deadline, so a dead replay cannot stall it).
 */
export async function switchOver(
  deps: {
    runtime: CliRuntime;
    builder: VersionBuilder;
    /** Throws to give up (lock lost, interrupted). */
    guard: () => void;
    onPhase: (phase: string) => void;
  },
  from: BoundVersion,
  to: BoundVersion,
): Promise<void> {
  const { runtime, builder } = deps;
  const { admin, config, mongo } = runtime;
  const topic = config.EVENTS_TOPIC;
  const id = randomUUID();
  const deadline = Date.now() + config.REPLAY_SWITCH_TIMEOUT_MS;
  const check = () => {
    deps.guard();
    if (Date.now() > deadline - DEADLINE_MARGIN_MS)
      throw new SwitchCancelled(
        `not done within REPLAY_SWITCH_TIMEOUT_MS (${config.REPLAY_SWITCH_TIMEOUT_MS} ms)`,
      );
  };

  check();
  await requestSwitch(mongo.db, { id, to, deadline: new Date(deadline) });
  try {
    deps.onPhase('switching: pausing the live projector');
    while (await groupHasMembers(admin, from.group)) {
      check();
      await sleep(200);
    }
    const { starts, ends } = await topicRange(admin, topic);
    const handOver = await committedOffsets(admin, from.group, topic, starts);

    deps.onPhase('switching: final catch-up');
    await builder.waitUntilReached(ends, check);
    await new PeriodRollover(
      () => builder.dashboards(),
      runtime.clock,
      1,
      runtime.metrics,
      runtime.logger,
    ).tick();
    await builder.stop();
    await admin.setOffsets({
      groupId: to.group,
      topic,
      partitions: [...handOver].map(([partition, offset]) => ({ partition, offset: String(offset) })),
    });

    if (await groupHasMembers(admin, from.group))
      throw new SwitchCancelled(`a consumer joined ${from.group} during the switch`);
    check();
    if (!(await completeSwitch(mongo.db, id, to)))
      throw new SwitchCancelled('the request was withdrawn (the live projector gave up waiting)');
    runtime.logger.info({ from, to, handOver: Object.fromEntries(handOver) }, 'switched the read model');
  } catch (error) {
    await cancelSwitch(mongo.db, id).catch(() => undefined);
    throw error;
  }
}
