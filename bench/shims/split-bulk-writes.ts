/*
 * Preloaded into the projector by the bench (NODE_OPTIONS --require), unless --no-split-shim.
 *
 * FerretDB 1.24.2 (SQLite backend) deadlocks on large `update` commands: each statement's query keeps
 * its SQLite connection until the whole command ends (handler/msg_update.go defers the iterator's
 * close inside the per-statement loop) and a database's pool holds 100 connections
 * (sqlite/metadata/pool/opendb.go). One command of 100 statements, or a few concurrent ones adding up
 * to about 100, then wait forever with the server idle (measured here: 99 answer in 0.1 s, 100 never;
 * 4 concurrent × 50 hang, 4 × 24 answer). The projector sends all replaced dashboards of a chunk in one
 * bulkWrite, 4 partitions at a time, so it stops for good once chunks touch enough existing users.
 * This shim sends the updates of a larger bulkWrite as consecutive bulkWrites of at most 20, merging their
 * counts and write errors (indexes mapped back), which is all the projector reads of them. It is the
 * change proposed for `writeDashboards` itself; a projector with that change is unaffected by it.
 */
import {
  Collection,
  MongoBulkWriteError,
  type AnyBulkWriteOperation,
  type BulkWriteOptions,
  type BulkWriteResult,
  type Document,
} from 'mongodb';

/** 4 partitions folded at once × 20 stays well under the pool of 100. */
export const MAX_STATEMENTS = 20;

interface MergedError {
  index: number;
  code: number | undefined;
  errmsg: string | undefined;
}

const original = Collection.prototype.bulkWrite;

const isUpdate = (op: AnyBulkWriteOperation<Document>): boolean =>
  'replaceOne' in op || 'updateOne' in op || 'updateMany' in op;

/** Original indexes, grouped: the other operations together, the updates by at most MAX_STATEMENTS. */
function pieces(operations: readonly AnyBulkWriteOperation<Document>[]): number[][] {
  const others: number[] = [];
  const updates: number[] = [];
  operations.forEach((op, i) => (isUpdate(op) ? updates : others).push(i));
  const result = others.length > 0 ? [others] : [];
  for (let from = 0; from < updates.length; from += MAX_STATEMENTS) {
    result.push(updates.slice(from, from + MAX_STATEMENTS));
  }
  return result;
}

async function splitBulkWrite<T extends Document>(
  this: Collection<T>,
  operations: readonly AnyBulkWriteOperation<T>[],
  options?: BulkWriteOptions,
): Promise<BulkWriteResult> {
  const groups = pieces(operations as readonly AnyBulkWriteOperation<Document>[]);
  if (groups.length <= 1) return original.call(this, operations, options);
  const results: BulkWriteResult[] = [];
  const errors: MergedError[] = [];
  let firstError: MongoBulkWriteError | undefined;
  for (const indexes of groups) {
    try {
      results.push(
        await original.call(
          this,
          indexes.map((i) => operations[i]),
          options,
        ),
      );
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error;
      firstError ??= error;
      const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      for (const e of writeErrors) errors.push({ index: indexes[e.index], code: e.code, errmsg: e.errmsg });
      results.push(error.result);
    }
  }
  const sum = (pick: (r: BulkWriteResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const merged = {
    ...results[0],
    insertedCount: sum((r) => r.insertedCount),
    matchedCount: sum((r) => r.matchedCount),
    modifiedCount: sum((r) => r.modifiedCount),
    deletedCount: sum((r) => r.deletedCount),
    upsertedCount: sum((r) => r.upsertedCount),
  } as BulkWriteResult;
  if (!firstError) return merged;
  throw new MongoBulkWriteError(
    { message: firstError.message, code: firstError.code, writeErrors: errors } as never,
    merged,
  );
}

Collection.prototype.bulkWrite = splitBulkWrite as typeof Collection.prototype.bulkWrite;
