import { materialize, type FoldEvent } from '@app/dashboard';
import {
  activeVersionOf,
  dashboardId,
  loadStates,
  readReadModelMeta,
  writeDashboards,
  type DashboardDocument,
} from '@app/mongo';
import { decodeRecords } from '../dashboard-projection/decode-records';
import type { CliRuntime } from './cli-runtime';
import { partitionForKey } from './partition-for-key';
import { ScratchFold } from './scratch-fold';
import { committedOffsets, topicRange } from './topic-offsets';
import { readRanges } from './topic-reader';

export interface UserRebuild {
  readonly id: string;
  readonly collection: string;
  readonly partition: number;
  /** Last offset folded (the document's position on its partition after the rebuild). */
  readonly upTo: number;
  readonly events: number;
  readonly revision: number;
  readonly attempts: number;
  /** Whether the served view differs from the one stored before (both evaluated at the same now). */
  readonly changed: boolean;
}

const MAX_ATTEMPTS = 20;

/**
 * `npm run replay -- --user <tenant>:<user>`: rebuilds one document in place from its partition, safe
 * while the live projector runs. The rebuild folds the user's events up to what the live projector has
 * already taken in (the document's position, or its group's committed offset if that is further), so
 * every sample it applies is already in the shared ledger and later duplicates are still recognised.
 * The write is guarded by the document's revision: if the live projector wrote meanwhile, re-read,
 * fold the further events, try again. The live projector, if its own write then loses, re-reads the
 * rebuilt state and applies only what lies beyond its position.
 */
export async function rebuildUser(
  runtime: CliRuntime,
  tenantId: number,
  userId: number,
): Promise<UserRebuild | null> {
  const { admin, kafka, config, mongo, clock } = runtime;
  const id = dashboardId(tenantId, userId);
  const topic = config.EVENTS_TOPIC;
  const partition = await partitionForKey(admin, topic, id);
  const scratch = ScratchFold.open(mongo.db, config.BATCH_CHUNK_SIZE);
  const events: FoldEvent[] = [];
  let readFrom = (await topicRange(admin, topic)).starts.get(partition) ?? 0;
  let folded = -1;
  try {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const meta = await readReadModelMeta(mongo.db);
      const active = activeVersionOf(meta);
      const dashboards = mongo.db.collection<DashboardDocument>(active.collection);
      const live = (await loadStates(dashboards, [id])).get(id);
      const { starts } = await topicRange(admin, topic);
      const committed = await committedOffsets(admin, active.group ?? config.CONSUMER_GROUP, topic, starts);
      const limit = Math.max(live?.state.positions[partition] ?? -1, (committed.get(partition) ?? 0) - 1);

      if (limit >= readFrom) {
        const range = new Map([[partition, { from: readFrom, to: limit + 1 }]]);
        await readRanges(
          kafka,
          admin,
          topic,
          range,
          (records) => {
            const own = records.filter((r) => r.key?.toString('utf8') === id);
            for (const e of decodeRecords(own).events)
              if (dashboardId(e.event.tenant_id, e.event.user_id) === id) events.push(e);
          },
          `${config.CONSUMER_GROUP}.rebuild`,
        );
        readFrom = limit + 1;
      }
      const now = clock.now();
      await scratch.fold(
        events.filter((e) => e.offset > folded && e.offset <= limit),
        now,
      );
      folded = Math.max(folded, limit);

      const rebuilt = await scratch.state(id);
      if (!rebuilt) return null;
      const next = materialize(rebuilt.state, now);
      const before = live ? JSON.stringify(materialize(live.state, now).view) : null;
      const write = { id, basedOn: live?.revision ?? null, ...next };
      if ((await writeDashboards(dashboards, [write])).length > 0) continue;
      // A switch of versions meanwhile: the write went to a version nobody reads any more; redo it.
      if (activeVersionOf(await readReadModelMeta(mongo.db)).collection !== active.collection) continue;
      return {
        id,
        collection: active.collection,
        partition,
        upTo: next.state.positions[partition] ?? -1,
        events: events.filter((e) => e.offset <= limit).length,
        revision: (live?.revision ?? 0) + 1,
        attempts: attempt,
        changed: before !== JSON.stringify(next.view),
      };
    }
    throw new Error(`could not write ${id} in ${MAX_ATTEMPTS} attempts: the live projector kept writing it`);
  } finally {
    await scratch.drop();
  }
}
