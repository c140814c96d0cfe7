import { mkdirSync } from 'node:fs';
import { readConfig } from './config';
import type { BroughtUp } from './bring-up';
import { bringUp, stopServer } from './bring-up';
import type { Log } from './log';
import { stderrLog } from './log';
import { cacheRoot } from './paths';
import { livePid } from './processes';
import type { ServerName, Service } from './services';
import { services } from './services';

export type { ServerName } from './services';

export interface UpOptions {
  /** Progress lines; default: stderr. */
  log?: Log;
  /** How long to wait for each server to answer; default 90 s. */
  timeoutMs?: number;
  /** Where to read ports and overrides from; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Only the MongoDB-protocol server (and its storage), for work that never touches Kafka. */
  withoutKafka?: boolean;
}

export interface UpResult {
  /** Empty with `withoutKafka`. */
  kafkaBrokers: string;
  mongoUri: string;
  /** The servers this call started; pass them to `down` to stop exactly those. */
  started: ServerName[];
}

/** Brings Kafka and FerretDB (over PostgreSQL) up, reusing servers that already answer. Idempotent. */
export async function up(opts: UpOptions = {}): Promise<UpResult> {
  const log = opts.log ?? stderrLog;
  const env = opts.env ?? process.env;
  mkdirSync(cacheRoot, { recursive: true });
  const all = services(readConfig(env)).filter((s) => !(opts.withoutKafka && s.local.name === 'kafka'));
  const timeoutMs = opts.timeoutMs ?? 90_000;
  // Independent servers come up in parallel; one that needs another waits for it.
  const pending = new Map<ServerName, Promise<BroughtUp>>();
  for (const svc of all) {
    const before = svc.after ? pending.get(svc.after) : undefined;
    const name = svc.local.name;
    const needed = before?.catch(() => {
      throw new Error(`${name}: not started, because ${svc.after} did not come up`);
    });
    pending.set(
      name,
      (needed ?? Promise.resolve()).then(() => bringUp(svc, log, timeoutMs)),
    );
  }
  const results = await Promise.allSettled(pending.values());
  const ready: { name: ServerName; value: BroughtUp }[] = [];
  const failures: string[] = [];
  results.forEach((r, i) =>
    r.status === 'fulfilled'
      ? ready.push({ name: all[i].local.name, value: r.value })
      : failures.push(r.reason instanceof Error ? r.reason.message : String(r.reason)),
  );
  const started = ready.filter((u) => u.value.started).map((u) => u.name);
  if (failures.length > 0) {
    // Leave nothing half-up behind: stop what this call started before reporting.
    await down(started, { log, env });
    throw new Error(failures.join('\n\n'));
  }
  const address = (name: ServerName) => ready.find((u) => u.name === name)?.value.address ?? '';
  return { kafkaBrokers: address('kafka'), mongoUri: address('ferretdb'), started };
}

/** Stops the given local servers (default: all) that have a live pid file: SIGTERM, then SIGKILL. */
export async function down(
  which?: readonly ServerName[],
  opts: Pick<UpOptions, 'log' | 'env'> = {},
): Promise<void> {
  const log = opts.log ?? stderrLog;
  const targets = services(readConfig(opts.env ?? process.env)).filter(
    (s) => !which || which.includes(s.local.name),
  );
  const stop = async ({ local }: Service): Promise<void> => {
    const pid = livePid(local.pidFile, local.marker);
    if (await stopServer(local)) log(`${local.name}: stopped (pid ${pid})`);
    else log(`${local.name}: not running (nothing to stop)`);
  };
  // A server another one needs goes last, so that its clients leave first.
  const needed = new Set(targets.map((s) => s.after));
  await Promise.all(targets.filter((s) => !needed.has(s.local.name)).map(stop));
  await Promise.all(targets.filter((s) => needed.has(s.local.name)).map(stop));
}

export interface ServerStatus {
  name: ServerName;
  address: string;
  external: boolean;
  provisioned: boolean;
  pid?: number;
  answering: boolean;
}

/** For each server: provisioned, running (pid) and answering. */
export async function status(opts: Pick<UpOptions, 'env'> = {}): Promise<ServerStatus[]> {
  return Promise.all(
    services(readConfig(opts.env ?? process.env)).map(async (svc) => {
      const address = svc.external ?? svc.local.address;
      return {
        name: svc.local.name,
        address,
        external: svc.external !== undefined,
        provisioned: svc.local.isProvisioned(),
        pid: livePid(svc.local.pidFile, svc.local.marker),
        answering: await svc.answers(address),
      };
    }),
  );
}
