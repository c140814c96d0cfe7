import type { CliRuntime } from './cli-runtime';
import type { ProgressSnapshot } from './progress-reporter';
import { lagOf, topicRange } from './topic-offsets';
import type { VersionBuilder } from './version-builder';

/** Where a version build stands against the topic as it is now (done counts from the log start). */
export async function builderProgress(
  runtime: CliRuntime,
  builder: VersionBuilder,
  phase: string,
): Promise<ProgressSnapshot> {
  const { starts, ends } = await topicRange(runtime.admin, runtime.config.EVENTS_TOPIC);
  const positions = builder.handler.positions;
  let done = 0;
  let total = 0;
  for (const [partition, end] of ends) {
    const start = starts.get(partition) ?? 0;
    total += end - start;
    done += Math.min(end, Math.max(start, positions.get(partition) ?? start)) - start;
  }
  return { phase, done, total, foldedThisRun: builder.handler.counts.records, lag: lagOf(positions, ends) };
}
