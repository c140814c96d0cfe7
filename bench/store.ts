// `npm run bench:store -- [options]`: times the dashboard store's operations against a collection of a
// given size, on the bench's own FerretDB or the server `MONGODB_URI` names. Prints a markdown table.
import { parseArgs } from 'node:util';
import { MongoClient, type Collection } from 'mongodb';
import {
  boundaryHour,
  findDueDashboards,
  loadStates,
  writeDashboards,
  type DashboardDocument,
  type DashboardWrite,
} from '@app/mongo';
import { int, kb, ms, table } from './format';
import { documentStoreName } from './machine';
import { startServers } from './servers';
import { foldedDashboard } from './store/dashboard-fixture';

const HELP = `usage: npm run bench:store -- [--documents N] [--batch N]
  --documents N  dashboards in the collection (default 10000)
  --batch N      users one projector batch touches (default 200)`;

const log = (line: string): void => void process.stderr.write(`[bench:store] ${line}\n`);

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/**
 * `documents` copies of one folded dashboard under distinct ids, inserted 500 at a time; returns the size of
 * one (`view_json` + `state_json`).
 */
async function seed(dashboards: Collection<DashboardDocument>, documents: number): Promise<number> {
  const template = foldedDashboard(5, 200, new Date());
  for (let from = 0; from < documents; from += 500) {
    const ids = Array.from({ length: Math.min(500, documents - from) }, (_, i) => `1:${from + i + 1}`);
    const lost = await writeDashboards(
      dashboards,
      ids.map((id) => ({ ...template, id })),
    );
    if (lost.length > 0) throw new Error(`seeding lost ${lost.length} inserts`);
  }
  return JSON.stringify(template.view).length + JSON.stringify(template.state).length;
}

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: { documents: { type: 'string' }, batch: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return void process.stdout.write(`${HELP}\n`);
  const documents = Number(values.documents ?? 10_000);
  const batch = Number(values.batch ?? 200);
  if (!Number.isInteger(documents) || !Number.isInteger(batch) || batch < 1 || documents < batch)
    throw new Error('--documents and --batch must be whole numbers with 1 ≤ batch ≤ documents');

  const servers = await startServers(log, { withoutKafka: true });
  const client = await new MongoClient(servers.mongoUri).connect();
  const db = client.db(`bench_store_${Date.now()}`);
  try {
    const dashboards = db.collection<DashboardDocument>('dashboards');
    log(`seeding ${int(documents)} documents`);
    const documentBytes = await seed(dashboards, documents);
    const step = Math.floor(documents / batch);
    const ids = Array.from({ length: batch }, (_, i) => `1:${i * step + 1}`);
    const stored = await loadStates(dashboards, ids);
    const writes: DashboardWrite[] = ids.map((id) => ({
      ...foldedDashboard(5, 200, new Date()),
      id,
      basedOn: stored.get(id)?.revision ?? null,
    }));
    const projection = { state_json: 1, revision: 1 };
    // [operation, work, users it serves (0: a whole-collection query, not per user)]
    const rows: [string, () => Promise<unknown>, number][] = [
      [
        'one `$in` query for the batch',
        () => dashboards.find({ _id: { $in: ids } }, { projection }).toArray(),
        batch,
      ],
      ['`loadStates`: one `_id` lookup per user, side by side', () => loadStates(dashboards, ids), batch],
      ['`writeDashboards`: revision-guarded replaces', () => writeDashboards(dashboards, writes), batch],
      [
        'API read path: `findOne` by `_id`, one after another',
        async () => {
          for (const _id of ids) await dashboards.findOne({ _id }, { projection: { view_json: 1 } });
        },
        batch,
      ],
      [
        'first rollover tick, nothing due: `findDueDashboards` over every boundary',
        () => findDueDashboards(dashboards, new Date(), 500),
        0,
      ],
      [
        'later rollover tick, nothing due: `findDueDashboards` from the last tick’s hour',
        () => findDueDashboards(dashboards, new Date(), 500, boundaryHour(new Date())),
        0,
      ],
    ];
    const measured: string[][] = [];
    for (const [name, work, users] of rows) {
      const elapsed = await timed(work);
      measured.push([name, ms(elapsed), users > 0 ? `${(elapsed / users).toFixed(2)} ms` : '–']);
    }
    const server = documentStoreName(await db.admin().command({ buildInfo: 1 }), servers.storage);
    process.stdout.write(
      `${server}, ${int(documents)} dashboards of ${kb(documentBytes)}, ${int(batch)} users per batch\n\n` +
        `${table(['operation', 'batch', 'per user'], measured)}\n`,
    );
  } finally {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
    await servers.stop();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    log(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
