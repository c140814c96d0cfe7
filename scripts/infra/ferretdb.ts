import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildFerretdb, ferretdbBinary, ferretdbBuilt } from './ferretdb-provision';
import { ferretdbInstanceDir } from './paths';
import { spawnDetached } from './processes';
import type { LocalServer } from './server';

/**
 * FerretDB on 127.0.0.1:`port` storing into the PostgreSQL at `postgresUrl`; telemetry off, no unix socket,
 * no debug listener. PostgreSQL rather than SQLite because FerretDB pushes equality filters on any field into
 * PostgreSQL's SQL, while with SQLite only `_id` is, and every other query decodes the whole collection.
 */
export function localFerretdb(opts: { port: number; postgresUrl: string }): LocalServer {
  const dir = ferretdbInstanceDir(opts.port);
  const stateDir = join(dir, 'state');
  const pidFile = join(dir, 'ferretdb.pid');
  const logFile = join(dir, 'ferretdb.log');

  return {
    name: 'ferretdb',
    address: `mongodb://127.0.0.1:${opts.port}`,
    ports: [opts.port],
    pidFile,
    logFile,
    marker: stateDir,
    isProvisioned: ferretdbBuilt,
    provision: buildFerretdb,
    async start(): Promise<number> {
      mkdirSync(stateDir, { recursive: true });
      const args = [
        '--handler=postgresql',
        // FerretDB holds one connection per statement of an update command until the command ends; with its
        // default pool of 50, commands adding up to 50 statements never answer. PostgreSQL allows 300.
        `--postgresql-url=${opts.postgresUrl}?pool_max_conns=250`,
        `--listen-addr=127.0.0.1:${opts.port}`,
        '--listen-unix=',
        '--debug-addr=-',
        '--telemetry=disable',
        `--state-dir=${stateDir}`,
        '--log-level=warn',
      ];
      // DO_NOT_TRACK is FerretDB's other opt-out; both are set so nothing ever tries to leave the machine.
      const env = { ...process.env, DO_NOT_TRACK: '1', FERRETDB_TELEMETRY: 'disable' };
      return spawnDetached(ferretdbBinary, args, { cwd: dir, env, logFile, pidFile });
    },
  };
}
