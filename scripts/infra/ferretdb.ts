import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildFerretdb, ferretdbBinary, ferretdbBuilt } from './ferretdb-provision';
import { ferretdbInstanceDir } from './paths';
import { spawnDetached } from './processes';
import type { LocalServer } from './server';

/** FerretDB with its SQLite backend on 127.0.0.1:`port`; telemetry off, no unix socket, no debug listener. */
export function localFerretdb(opts: { port: number }): LocalServer {
  const dir = ferretdbInstanceDir(opts.port);
  const dataDir = join(dir, 'data');
  const stateDir = join(dir, 'state');
  const pidFile = join(dir, 'ferretdb.pid');
  const logFile = join(dir, 'ferretdb.log');

  return {
    name: 'ferretdb',
    address: `mongodb://127.0.0.1:${opts.port}`,
    ports: [opts.port],
    pidFile,
    logFile,
    marker: dataDir,
    isProvisioned: ferretdbBuilt,
    provision: buildFerretdb,
    async start(): Promise<number> {
      mkdirSync(dataDir, { recursive: true });
      mkdirSync(stateDir, { recursive: true });
      const args = [
        '--handler=sqlite',
        // WAL with synchronous=NORMAL: no fsync per commit (a crash of this local server may lose the last
        // commits, never corrupt them); without it every write waits for the disk.
        `--sqlite-url=file:${dataDir}/?_pragma=synchronous(normal)`,
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
