import type { Admin } from 'kafkajs';

/** Per partition, an offset: the next one to read, or the end (high watermark). */
export type Offsets = ReadonlyMap<number, number>;

export interface TopicRange {
  /** Earliest offset still in the log (the low watermark). */
  readonly starts: Offsets;
  /** Offset the next produced record will get (the high watermark). */
  readonly ends: Offsets;
}

export async function topicRange(admin: Admin, topic: string): Promise<TopicRange> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return {
    starts: new Map(offsets.map((o) => [o.partition, Number(o.low)])),
    ends: new Map(offsets.map((o) => [o.partition, Number(o.high)])),
  };
}

/** A group's committed offsets; a partition it never committed reads from `fallback` (the log start). */
export async function committedOffsets(
  admin: Admin,
  groupId: string,
  topic: string,
  fallback: Offsets,
): Promise<Map<number, number>> {
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const byPartition = new Map(committed.partitions.map((p) => [p.partition, Number(p.offset)]));
  return new Map(
    [...fallback].map(([partition, start]) => {
      const offset = byPartition.get(partition) ?? -1;
      return [partition, offset < 0 ? start : Math.max(offset, start)];
    }),
  );
}

/** Records between `positions` and `ends`, per partition. */
export function lagOf(positions: Offsets, ends: Offsets): Map<number, number> {
  return new Map([...ends].map(([p, end]) => [p, Math.max(0, end - (positions.get(p) ?? 0))]));
}

export const total = (perPartition: ReadonlyMap<number, number>): number =>
  [...perPartition.values()].reduce((sum, n) => sum + n, 0);

export function hasReached(positions: Offsets, ends: Offsets): boolean {
  return total(lagOf(positions, ends)) === 0;
}

/** `describeGroups` state: a group with no members is `Empty`, one that never existed is `Dead`. */
export async function groupHasMembers(admin: Admin, groupId: string): Promise<boolean> {
  const { groups } = await admin.describeGroups([groupId]);
  const state = groups[0]?.state ?? 'Dead';
  return state !== 'Empty' && state !== 'Dead';
}
