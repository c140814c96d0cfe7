import { spawnBaseline, type BaselineName } from '../baselines/spawn-baseline';
import type { BenchSystem } from '../system';
import { measureDrain, type Drain } from './drain';
import { GroupOffsets } from './group-offsets';
import { tracked, untrack } from './stop-app';

/** Drains the system's backlog with a baseline process in a group of its own (at most `capMs`). */
export async function drainWithBaseline(
  name: BaselineName,
  system: BenchSystem,
  target: number,
  capMs?: number,
): Promise<Drain> {
  const group = `${system.names.group}.${name}`;
  const offsets = await GroupOffsets.open(system.kafka, group, system.names.eventsTopic);
  const baseline = tracked(
    await spawnBaseline(name, {
      EVENTS_TOPIC: system.names.eventsTopic,
      CONSUMER_GROUP: group,
      MONGODB_DATABASE: `${system.names.database}_${name.replace(/-/g, '_')}`,
    }),
  );
  try {
    return await measureDrain(offsets, target, { capMs, joinedAt: baseline.joinedAt });
  } finally {
    untrack(baseline);
    await baseline.kill();
    await offsets.close();
  }
}
