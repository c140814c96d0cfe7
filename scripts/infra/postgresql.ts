import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from './log';
import { postgresqlInstanceDir } from './paths';
import { installPostgres, postgresAccount, postgresBinDir, postgresInstalled } from './postgresql-provision';
import { run, spawnDetached, tail } from './processes';
import type { LocalServer } from './server';

/** The role FerretDB connects as (trust authentication on loopback; there is no password to keep). */
const role = 'ferretdb';

/** Installed into every new cluster; see the file for why. */
const companionIndexesSql = join(__dirname, 'postgresql-companion-indexes.sql');

function binary(name: string): string {
  const dir = postgresBinDir();
  if (!dir) throw new Error('PostgreSQL is not installed (infra up installs it first)');
  return join(dir, name);
}

/**
 * A cluster owned by `account`, with the companion-index trigger in its `postgres` database. Single-user
 * mode runs the SQL before any server listens, but it exits 0 whatever fails, so its output is checked.
 */
async function createCluster(
  dataDir: string,
  readyFile: string,
  logFile: string,
  account: { uid: number; gid: number } | undefined,
): Promise<void> {
  rmSync(dataDir, { recursive: true, force: true });
  await run(
    binary('initdb'),
    ['-D', dataDir, '-U', role, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
    { logFile, ...account },
  );
  const setupLog = `${readyFile}.log`;
  rmSync(setupLog, { force: true });
  await run(binary('postgres'), ['--single', '-j', '-D', dataDir, 'postgres'], {
    logFile: setupLog,
    stdinFile: companionIndexesSql,
    ...account,
  });
  if (/\bERROR:/.test(readFileSync(setupLog, 'utf8')))
    throw new Error(
      `postgresql: ${companionIndexesSql} failed; last lines of ${setupLog}:\n${tail(setupLog)}`,
    );
  writeFileSync(readyFile, `${new Date().toISOString()}\n`);
}

/**
 * PostgreSQL on 127.0.0.1:`port`, the storage behind the local FerretDB: a cluster of its own in the cache
 * (created on first start), TCP on loopback only, no unix socket.
 */
export function localPostgresql(opts: { port: number }): LocalServer {
  const dir = postgresqlInstanceDir(opts.port);
  const dataDir = join(dir, 'data');
  const readyFile = join(dir, 'cluster-ready');
  const logFile = join(dir, 'postgresql.log');
  const pidFile = join(dir, 'postgresql.pid');

  return {
    name: 'postgresql',
    address: `postgres://${role}@127.0.0.1:${opts.port}/postgres`,
    ports: [opts.port],
    pidFile,
    logFile,
    marker: dataDir,
    // Fast shutdown: SIGTERM would wait for FerretDB's pooled connections to go away by themselves.
    stopSignal: 'SIGINT',
    isProvisioned: postgresInstalled,
    provision: installPostgres,
    async start(log: Log): Promise<number> {
      const account = postgresAccount();
      mkdirSync(dir, { recursive: true });
      if (account) chownSync(dir, account.uid, account.gid);
      // `cluster-ready` is written last: a cluster whose creation was cut short is made again.
      if (!existsSync(readyFile)) {
        log(`postgresql: creating a cluster in ${dataDir}`);
        await createCluster(dataDir, readyFile, logFile, account);
      }
      const settings = [
        'listen_addresses=127.0.0.1',
        'unix_socket_directories=',
        // Commits do not wait for the WAL flush (it follows within 200 ms): a crash of this local server may
        // lose the last commits, never corrupt them; without it every write waits for the disk.
        'synchronous_commit=off',
        // FerretDB sends the field name as a parameter (`_jsonb -> $1`); only a plan made for the actual
        // value matches an index expression, and a cached generic plan would scan.
        'plan_cache_mode=force_custom_plan',
        // FerretDB's rows are mostly TOAST pointers, so the planner sees a small table and prices a scan as
        // cheap, but every row's JSON is then decompressed to evaluate the filter (20 ms a lookup at 2,000
        // dashboards, against 1 ms through the index). Where an index applies it is the cheaper path here;
        // a query without one still scans.
        'enable_seqscan=off',
        'shared_buffers=256MB',
        'max_connections=300',
      ];
      const args = ['-D', dataDir, '-p', String(opts.port), ...settings.flatMap((s) => ['-c', s])];
      return spawnDetached(binary('postgres'), args, { cwd: dir, logFile, pidFile, ...account });
    },
  };
}
