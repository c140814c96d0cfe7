import { dropVersionCollections } from '@app/mongo';
import type { Logger } from '@app/platform';
import type { Admin } from 'kafkajs';
import type { Db } from 'mongodb';
import type { BoundVersion } from './projected-version';
import type { VersionRecord, VersionRegistry } from './version-registry';

export interface RetentionDeps {
  readonly db: Db;
  readonly admin: Admin;
  readonly registry: VersionRegistry;
  readonly logger: Logger;
}

/**
 * Drops retired versions beyond the newest `keep`: the consumer group first, then the collection. A group
 * that still has members (a projector of an old release still on it) keeps its version for a later run.
 * Returns the dropped collections.
 */
export async function dropRetiredVersions(
  deps: RetentionDeps,
  keep: number,
  active: BoundVersion,
): Promise<string[]> {
  const dropped: string[] = [];
  for (const record of (await deps.registry.retired()).slice(keep)) {
    if (record._id === active.collection) {
      await deps.registry.forget(record._id);
      continue;
    }
    if (await dropVersion(deps, record)) dropped.push(record._id);
  }
  return dropped;
}

/** Deletes a version's group, collection and ledger and forgets it; false if its group still has members. */
export async function dropVersion(deps: RetentionDeps, record: VersionRecord): Promise<boolean> {
  if (!(await deleteGroup(deps, record.group))) return false;
  await dropVersionCollections(deps.db, { collection: record._id, samples: record.samples });
  await deps.registry.forget(record._id);
  deps.logger.info({ collection: record._id, group: record.group }, 'dropped a read-model version');
  return true;
}

async function deleteGroup(deps: RetentionDeps, group: string): Promise<boolean> {
  try {
    await deps.admin.deleteGroups([group]);
    return true;
  } catch (error) {
    const results = (error as { groups?: { error?: { type?: string } }[] }).groups ?? [];
    if (results.length > 0 && results.every((r) => r.error?.type === 'GROUP_ID_NOT_FOUND')) return true;
    deps.logger.warn({ err: error, group }, 'could not delete the group of a retired version, keeping it');
    return false;
  }
}
