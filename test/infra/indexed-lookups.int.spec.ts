import type { Document } from 'mongodb';
import type { FreshDatabase } from '../support/fresh-database';
import { freshDatabase } from '../support/fresh-database';

jest.setTimeout(60_000);

/** The plan's access paths: MongoDB's stages, or the PostgreSQL nodes FerretDB reports. */
function accessPaths(explained: Document): string[] {
  const text = JSON.stringify(explained.queryPlanner);
  return [...text.matchAll(/"(?:stage|Node Type)":"([^"]+)"/g)].map((m) => m[1]);
}

const indexed = (paths: string[]) => paths.some((p) => /IXSCAN|IDHACK|EXPRESS|Index Scan/.test(p));

/**
 * The projector and the API look documents up by `_id` and the ledger by `user`; at the collection sizes the
 * benchmarks reach, a scan per lookup is the difference between seconds and hours. On the local FerretDB
 * this holds only through the companion GIN indexes its PostgreSQL adds (scripts/infra/README.md).
 */
describe('lookups the projection depends on', () => {
  let fresh: FreshDatabase;

  beforeAll(async () => {
    fresh = await freshDatabase('infra_lookups');
    const coll = fresh.db.collection<{ _id: string; user: string; v: number }>('docs');
    await coll.createIndex({ user: 1, v: 1 }, { name: 'user_v' });
    // Enough rows that a planner prefers an index wherever one applies.
    await coll.insertMany(
      Array.from({ length: 3_000 }, (_, i) => ({ _id: `u${i}`, user: `x${i % 300}`, v: i })),
    );
  });

  afterAll(async () => {
    await fresh.close();
  });

  const plan = (filter: Document) => fresh.db.collection('docs').find(filter).explain();

  it('finds a document by _id through an index', async () => {
    expect(indexed(accessPaths(await plan({ _id: 'u7' })))).toBe(true);
  });

  it("finds documents by an indexed field's value through an index", async () => {
    expect(indexed(accessPaths(await plan({ user: 'x1' })))).toBe(true);
  });

  it('scans for a field without an index (the check above can fail)', async () => {
    expect(indexed(accessPaths(await plan({ v: 3 })))).toBe(false);
  });
});
