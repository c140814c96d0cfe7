import { initialState, materialize } from '@app/dashboard';
import {
  ensureDashboardIndexes,
  boundaryHour,
  findDueDashboards,
  loadStates,
  writeDashboards,
  type DashboardDocument,
  type DashboardWrite,
} from '@app/mongo';
import type { Collection } from 'mongodb';
import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';

const NOW = new Date('2022-01-16T20:45:00.000Z');

function write(userId: number, basedOn: number | null, marker: string): DashboardWrite {
  const { state, view, nextBoundaryAt } = materialize(initialState(3, userId), NOW);
  return { id: `3:${userId}`, basedOn, state: { ...state, bucket_zone: marker }, view, nextBoundaryAt };
}

describe('the dashboard store on the real server', () => {
  let database: FreshDatabase;
  let dashboards: Collection<DashboardDocument>;

  beforeEach(async () => {
    database = await freshDatabase('store');
    dashboards = database.db.collection<DashboardDocument>('dashboards');
    await ensureDashboardIndexes(dashboards);
  });

  afterEach(async () => {
    await database.close();
  });

  it('inserts new documents and reads their states back by id', async () => {
    expect(await writeDashboards(dashboards, [write(1, null, 'UTC'), write(2, null, 'UTC')])).toEqual([]);
    const states = await loadStates(dashboards, ['3:1', '3:2', '3:3']);
    expect([...states.keys()].sort()).toEqual(['3:1', '3:2']);
    expect(states.get('3:1')).toEqual({ state: write(1, null, 'UTC').state, revision: 1 });
  });

  it('stores the served view as the exact JSON text the API sends', async () => {
    await writeDashboards(dashboards, [write(1, null, 'UTC')]);
    const stored = await dashboards.findOne({ _id: '3:1' });
    expect(JSON.parse(stored?.view_json ?? 'null')).toEqual({
      as_of: NOW.toISOString(),
      metrics: [],
      user: null,
    });
  });

  it('refuses a write based on an older revision and reports it, while the others of the batch land', async () => {
    await writeDashboards(dashboards, [write(1, null, 'UTC'), write(2, null, 'UTC')]);
    await writeDashboards(dashboards, [write(1, 1, 'Europe/London')]);
    const conflicts = await writeDashboards(dashboards, [
      write(1, 1, 'Asia/Tokyo'),
      write(2, 1, 'Asia/Tokyo'),
    ]);
    expect(conflicts).toEqual(['3:1']);
    const states = await loadStates(dashboards, ['3:1', '3:2']);
    expect(states.get('3:1')).toMatchObject({ revision: 2, state: { bucket_zone: 'Europe/London' } });
    expect(states.get('3:2')).toMatchObject({ revision: 2, state: { bucket_zone: 'Asia/Tokyo' } });
  });

  it('reports a new document that someone else created first as a conflict', async () => {
    await writeDashboards(dashboards, [write(1, null, 'UTC')]);
    expect(await writeDashboards(dashboards, [write(1, null, 'Asia/Tokyo'), write(2, null, 'UTC')])).toEqual([
      '3:1',
    ]);
    expect((await loadStates(dashboards, ['3:1'])).get('3:1')?.state.bucket_zone).toBe('UTC');
  });

  it('replaces 150 documents in one call (an update command of 100 statements hangs FerretDB 1.24)', async () => {
    const users = Array.from({ length: 150 }, (_, i) => i + 1);
    expect(
      await writeDashboards(
        dashboards,
        users.map((u) => write(u, null, 'UTC')),
      ),
    ).toEqual([]);
    expect(
      await writeDashboards(
        dashboards,
        users.map((u) => write(u, 1, 'Asia/Tokyo')),
      ),
    ).toEqual([]);
    const states = await loadStates(
      dashboards,
      users.map((u) => `3:${u}`),
    );
    expect([...states.values()].every((s) => s.revision === 2 && s.state.bucket_zone === 'Asia/Tokyo')).toBe(
      true,
    );
  }, 60_000);

  it('lists the documents whose next period boundary has passed', async () => {
    await writeDashboards(dashboards, [write(1, null, 'UTC')]);
    expect(await findDueDashboards(dashboards, NOW, 10)).toEqual([]);
    const due = await findDueDashboards(dashboards, new Date('2022-01-17T00:00:00.000Z'), 10);
    expect(due.map((d) => d._id)).toEqual(['3:1']);
  });

  it('looks only at the hours from the one it is given, one equality query per hour', async () => {
    await writeDashboards(dashboards, [write(4, null, 'UTC')]);
    const midnight = new Date('2022-01-17T00:00:00.000Z');
    const later = new Date('2022-01-17T05:30:00.000Z');
    const due = async (fromHour: number) =>
      (await findDueDashboards(dashboards, later, 10, fromHour)).map((d) => d._id);
    expect(await due(boundaryHour(midnight) - 3)).toContain('3:4');
    expect(await due(boundaryHour(midnight))).toContain('3:4');
    expect(await due(boundaryHour(midnight) + 1)).not.toContain('3:4');
  });
});
