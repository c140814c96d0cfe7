import type { MongoBulkWriteError } from 'mongodb';
import type { FreshDatabase } from '../support/fresh-database';
import { freshDatabase } from '../support/fresh-database';

jest.setTimeout(30_000);

/**
 * Where FerretDB 1.24 (PostgreSQL backend) differs from MongoDB, pinned down so that nobody builds on it and so
 * that an upgrade which fixes one shows up here. Skipped against a real MongoDB (`MONGODB_URI`).
 */
describe('FerretDB 1.24 differences from MongoDB', () => {
  let fresh: FreshDatabase;
  let ferretdb = false;

  beforeAll(async () => {
    fresh = await freshDatabase('infra_gaps');
    ferretdb = 'ferretdbVersion' in (await fresh.db.admin().command({ buildInfo: 1 }));
  });

  afterAll(async () => {
    await fresh.close();
  });

  const onFerretdb = (name: string, fn: () => Promise<void>) =>
    it(name, async () => {
      if (ferretdb) await fn();
    });

  onFerretdb('ignores $slice, $sort and $position in $push without an error', async () => {
    const coll = fresh.db.collection<{ _id: string; latest: number[] }>('push');
    await coll.insertOne({ _id: 'a', latest: [1, 2, 3] });
    await coll.updateOne({ _id: 'a' }, { $push: { latest: { $each: [4, 5], $slice: -2 } } });
    expect((await coll.findOne({ _id: 'a' }))?.latest).toEqual([1, 2, 3, 4, 5]); // MongoDB: [4, 5]
  });

  onFerretdb('stops an unordered multi-update at a failed upsert and misreports it', async () => {
    const coll = fresh.db.collection<{ _id: string; revision: number }>('guarded_upserts');
    await coll.insertMany([
      { _id: 'a', revision: 1 },
      { _id: 'b', revision: 5 },
      { _id: 'c', revision: 1 },
    ]);
    const guarded = (id: string, revision: number) => ({
      updateOne: { filter: { _id: id, revision }, update: { $inc: { revision: 1 } }, upsert: true },
    });

    const error = (await coll
      .bulkWrite([guarded('a', 1), guarded('b', 1), guarded('c', 1)], { ordered: false })
      .catch((err: unknown) => err)) as MongoBulkWriteError;

    // MongoDB: error at index 1, 'a' and 'c' both updated, matchedCount 2.
    expect([error.writeErrors].flat().map((e) => [e.index, e.code])).toEqual([[0, 11000]]);
    expect(error.result.matchedCount).toBe(0);
    const revisions = (await coll.find({}, { sort: { _id: 1 } }).toArray()).map((d) => d.revision);
    expect(revisions).toEqual([2, 5, 1]);
  });

  onFerretdb('lets documents missing a uniquely indexed field coexist', async () => {
    const coll = fresh.db.collection<{ _id: number; k?: number }>('unique_missing');
    await coll.createIndex({ k: 1 }, { unique: true });
    await coll.insertMany([{ _id: 1 }, { _id: 2 }]); // MongoDB: duplicate key on k: null
    expect(await coll.countDocuments()).toBe(2);
  });

  onFerretdb(
    'rejects partial and TTL indexes, update pipelines, transactions and change streams',
    async () => {
      const coll = fresh.db.collection<{ _id: number; at?: Date }>('unsupported');
      await coll.insertOne({ _id: 1 });
      const notImplemented = { code: 238 };
      await expect(coll.createIndex({ at: 1 }, { expireAfterSeconds: 60 })).rejects.toMatchObject(
        notImplemented,
      );
      await expect(
        coll.createIndex({ at: 1 }, { partialFilterExpression: { at: { $exists: true } } }),
      ).rejects.toMatchObject(notImplemented);
      await expect(coll.updateOne({ _id: 1 }, [{ $set: { x: 1 } }])).rejects.toThrow();
      const session = fresh.client.startSession();
      try {
        await expect(
          session.withTransaction(async () => {
            await coll.insertOne({ _id: 2 }, { session });
          }),
        ).rejects.toThrow();
      } finally {
        await session.endSession();
      }
      const stream = coll.watch();
      await expect(stream.tryNext()).rejects.toMatchObject(notImplemented);
      await stream.close();
    },
  );
});
