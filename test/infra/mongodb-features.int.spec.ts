import type { FreshDatabase } from '../support/fresh-database';
import { freshDatabase } from '../support/fresh-database';

jest.setTimeout(30_000);

interface Doc {
  _id: string;
  revision: number;
  view?: { steps: number };
  state?: { buckets: Record<string, number> };
  next_boundary_at?: Date | null;
  touched?: number;
}

/**
 * The query and update shapes the projector and the API use, checked against the test server. FerretDB 1.24
 * passes all of these; its gaps are pinned down in `ferretdb-gaps.int.spec.ts`.
 */
describe('the MongoDB features the apps rely on', () => {
  let fresh: FreshDatabase;
  let n = 0;

  beforeAll(async () => {
    fresh = await freshDatabase('infra_features');
  });

  afterAll(async () => {
    await fresh.close();
  });

  async function seeded() {
    const coll = fresh.db.collection<Doc>(`c${++n}`);
    await coll.insertMany([
      {
        _id: 'a',
        revision: 1,
        view: { steps: 1 },
        state: { buckets: { d1: 1 } },
        next_boundary_at: new Date('2025-01-01'),
      },
      {
        _id: 'b',
        revision: 5,
        view: { steps: 2 },
        state: { buckets: {} },
        next_boundary_at: new Date('2025-06-01'),
      },
      { _id: 'c', revision: 1, view: { steps: 3 }, next_boundary_at: null },
      { _id: 'd', revision: 1, view: { steps: 4 } },
    ]);
    return coll;
  }

  it('finds by $in with find and findOne', async () => {
    const coll = await seeded();
    const found = await coll.find({ _id: { $in: ['a', 'c', 'missing'] } }).toArray();
    expect(found.map((d) => d._id).sort()).toEqual(['a', 'c']);
    expect(await coll.findOne({ _id: { $in: ['missing', 'b'] } })).toMatchObject({ _id: 'b' });
  });

  it('applies revision-guarded updates with $set and $inc, a stale revision matching nothing', async () => {
    const coll = await seeded();
    const guarded = (id: string, revision: number, steps: number) => ({
      updateOne: {
        filter: { _id: id, revision },
        update: { $set: { view: { steps } }, $inc: { revision: 1 } },
      },
    });

    const result = await coll.bulkWrite([guarded('a', 1, 10), guarded('b', 1, 20), guarded('c', 1, 30)], {
      ordered: false,
    });

    expect([result.matchedCount, result.modifiedCount]).toEqual([2, 2]);
    const docs = await coll.find({ _id: { $in: ['a', 'b', 'c'] } }, { sort: { _id: 1 } }).toArray();
    expect(docs.map((d) => [d._id, d.revision, d.view?.steps])).toEqual([
      ['a', 2, 10],
      ['b', 5, 2],
      ['c', 2, 30],
    ]);
  });

  it('sets and increments dotted paths under keys chosen at run time', async () => {
    const coll = await seeded();
    await coll.updateOne({ _id: 'a' }, { $inc: { 'state.buckets.d1': 2, 'state.buckets.2025-W01': 1.5 } });
    expect((await coll.findOne({ _id: 'a' }))?.state).toEqual({ buckets: { d1: 3, '2025-W01': 1.5 } });
  });

  it('replaces a document with upsert, inserting first and replacing after', async () => {
    const coll = await seeded();
    const inserted = await coll.replaceOne(
      { _id: 'r' },
      { revision: 1, view: { steps: 1 } },
      { upsert: true },
    );
    const replaced = await coll.replaceOne(
      { _id: 'r' },
      { revision: 2, view: { steps: 2 } },
      { upsert: true },
    );
    expect([inserted.upsertedCount, replaced.matchedCount, replaced.modifiedCount]).toEqual([1, 1, 1]);
    expect(await coll.findOne({ _id: 'r' })).toEqual({ _id: 'r', revision: 2, view: { steps: 2 } });
  });

  it('finds one and updates it, returning the updated or upserted document', async () => {
    const coll = await seeded();
    const after = await coll.findOneAndUpdate(
      { _id: 'a' },
      { $inc: { revision: 1 }, $set: { touched: 1 } },
      { returnDocument: 'after' },
    );
    const upserted = await coll.findOneAndUpdate(
      { _id: 'new' },
      { $setOnInsert: { revision: 0 }, $set: { touched: 2 } },
      { returnDocument: 'after', upsert: true },
    );
    const byOrder = await coll.findOneAndUpdate(
      { revision: 1 },
      { $set: { touched: 3 } },
      { sort: { _id: -1 }, returnDocument: 'after' },
    );
    expect(after).toMatchObject({ _id: 'a', revision: 2, touched: 1 });
    expect(upserted).toEqual({ _id: 'new', revision: 0, touched: 2 });
    expect(byOrder).toMatchObject({ _id: 'd', touched: 3 });
  });

  it('creates compound, sparse and unique indexes', async () => {
    const coll = await seeded();
    await coll.createIndex({ next_boundary_at: 1, _id: 1 });
    await coll.createIndex({ 'view.steps': 1 }, { sparse: true });
    await coll.createIndex({ revision: 1, 'view.steps': -1 }, { unique: true, name: 'revision_steps' });
    const names = (await coll.listIndexes().toArray()).map((i) => i.name as string);
    expect(names).toEqual(
      expect.arrayContaining(['next_boundary_at_1__id_1', 'view.steps_1', 'revision_steps']),
    );
  });

  it('compares Date fields with $lte, leaving out missing and null ones', async () => {
    const coll = await seeded();
    await coll.createIndex({ next_boundary_at: 1 });
    const due = await coll
      .find({ next_boundary_at: { $lte: new Date('2025-03-01') } }, { projection: { _id: 1 } })
      .toArray();
    expect(due).toEqual([{ _id: 'a' }]);
  });

  it('projects only the stored view', async () => {
    const coll = await seeded();
    expect(await coll.findOne({ _id: 'a' }, { projection: { view: 1 } })).toEqual({
      _id: 'a',
      view: { steps: 1 },
    });
    expect(await coll.findOne({ _id: 'a' }, { projection: { _id: 0, view: 1 } })).toEqual({
      view: { steps: 1 },
    });
  });
});
