import { MongoBulkWriteError, MongoServerError } from 'mongodb';
import type { FreshDatabase } from '../support/fresh-database';
import { freshDatabase } from '../support/fresh-database';

jest.setTimeout(30_000);

interface Dashboard {
  _id: string;
  revision: number;
  view: { steps: number };
}

interface Sample {
  _id: string;
  tenant: string;
  user: string;
  sample_id: string;
  offset: number;
}

describe('the MongoDB-protocol server', () => {
  let fresh: FreshDatabase;

  beforeAll(async () => {
    fresh = await freshDatabase('infra_mongo');
  });

  afterAll(async () => {
    await fresh.close();
  });

  it('answers a ping', async () => {
    expect(await fresh.db.command({ ping: 1 })).toMatchObject({ ok: 1 });
  });

  it('upserts documents in an unordered bulk write and finds them one by one', async () => {
    const dashboards = fresh.db.collection<Dashboard>('bulk_upserts');
    const upsert = (id: string, steps: number) => ({
      updateOne: {
        filter: { _id: id },
        update: { $set: { view: { steps } }, $inc: { revision: 1 } },
        upsert: true,
      },
    });

    const first = await dashboards.bulkWrite([upsert('t1:u1', 10), upsert('t1:u2', 20)], { ordered: false });
    const second = await dashboards.bulkWrite([upsert('t1:u1', 15), upsert('t1:u3', 30)], { ordered: false });

    expect([first.upsertedCount, first.matchedCount]).toEqual([2, 0]);
    expect([second.upsertedCount, second.matchedCount, second.modifiedCount]).toEqual([1, 1, 1]);
    expect(await dashboards.findOne({ _id: 't1:u1' })).toEqual({
      _id: 't1:u1',
      revision: 2,
      view: { steps: 15 },
    });
    expect(await dashboards.findOne({ _id: 't1:u3' })).toEqual({
      _id: 't1:u3',
      revision: 1,
      view: { steps: 30 },
    });
    expect(await dashboards.countDocuments()).toBe(3);
  });

  it('rejects a duplicate under a unique index with the duplicate-key error 11000', async () => {
    const samples = fresh.db.collection<Sample>('unique_samples');
    await samples.createIndex({ tenant: 1, user: 1, sample_id: 1 }, { unique: true });
    await samples.insertOne({ _id: 'a', tenant: 't1', user: 'u1', sample_id: 's1', offset: 1 });

    const duplicate = samples.insertOne({ _id: 'b', tenant: 't1', user: 'u1', sample_id: 's1', offset: 2 });

    await expect(duplicate).rejects.toBeInstanceOf(MongoServerError);
    await expect(duplicate).rejects.toMatchObject({ code: 11000 });
    expect(await samples.findOne({ _id: 'a' })).toMatchObject({ offset: 1 });
  });

  it('reports each duplicate of an unordered insertMany with its index while inserting the others', async () => {
    const samples = fresh.db.collection<Sample>('unordered_inserts');
    await samples.createIndex({ tenant: 1, user: 1, sample_id: 1 }, { unique: true });
    await samples.insertOne({ _id: 'seen', tenant: 't1', user: 'u1', sample_id: 's1', offset: 1 });
    const sample = (id: string, sampleId: string, offset: number): Sample => ({
      _id: id,
      tenant: 't1',
      user: 'u1',
      sample_id: sampleId,
      offset,
    });

    const error = await samples
      .insertMany(
        [
          sample('n1', 's2', 2),
          sample('n2', 's1', 3),
          sample('n3', 's3', 4),
          sample('n4', 's2', 5),
          sample('n5', 's4', 6),
        ],
        { ordered: false },
      )
      .catch((err: unknown) => err);

    expect(error).toBeInstanceOf(MongoBulkWriteError);
    const bulkError = error as MongoBulkWriteError;
    const writeErrors = [bulkError.writeErrors].flat();
    expect(writeErrors.map((e) => [e.index, e.code])).toEqual([
      [1, 11000],
      [3, 11000],
    ]);
    expect(bulkError.result.insertedCount).toBe(3);
    const ids = (await samples.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id).sort();
    expect(ids).toEqual(['n1', 'n3', 'n5', 'seen']);
  });
});
