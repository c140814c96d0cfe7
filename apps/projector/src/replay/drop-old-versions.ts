import { activeVersionOf, readReadModelMeta } from '@app/mongo';
import type { CliRuntime } from './cli-runtime';
import { boundVersionOf } from './projected-version';
import { ReplayLock } from './replay-lock';
import { dropRetiredVersions } from './retention';
import { VersionRegistry } from './version-registry';

/** `npm run replay -- --drop-old`: drops every retained previous version (never the active one). */
export async function dropOldVersions(runtime: CliRuntime): Promise<string[]> {
  const { mongo, admin, config, logger } = runtime;
  const lock = await ReplayLock.acquire(mongo.db, config.REPLAY_LOCK_TTL_MS, logger);
  try {
    const active = activeVersionOf(await readReadModelMeta(mongo.db));
    const registry = new VersionRegistry(mongo.db);
    const retention = { db: mongo.db, admin, registry, logger };
    return await dropRetiredVersions(retention, 0, boundVersionOf(active, config.CONSUMER_GROUP));
  } finally {
    await lock.release();
  }
}
