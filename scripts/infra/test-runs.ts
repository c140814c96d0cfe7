import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerName, UpOptions, UpResult } from './infra';
import { down, up } from './infra';
import { withLock } from './lock';
import { stderrLog } from './log';
import { cacheRoot } from './paths';

/*
 * Several test runs (two terminals, an editor's runner) may share the servers. Each run holds a lease (a file
 * named after its pid); servers started by a test run are listed as "started for tests"; the last run to
 * finish stops them. Servers brought up by `infra up` are never stopped by a test run.
 */
const leasesDir = join(cacheRoot, 'test-runs');
const startedFile = join(cacheRoot, 'started-for-tests.json');
const lockFile = join(cacheRoot, 'test-runs.lock');

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function liveLeases(): number[] {
  if (!existsSync(leasesDir)) return [];
  return readdirSync(leasesDir)
    .map(Number)
    .filter((pid) => {
      if (alive(pid)) return true;
      rmSync(join(leasesDir, String(pid)), { force: true });
      return false;
    });
}

const readStarted = (): ServerName[] =>
  existsSync(startedFile) ? (JSON.parse(readFileSync(startedFile, 'utf8')) as ServerName[]) : [];
const writeStarted = (names: readonly ServerName[]): void =>
  writeFileSync(startedFile, JSON.stringify([...new Set(names)]));

/** `up` for a test run: takes a lease and remembers which servers it had to start. */
export async function upForTestRun(opts: UpOptions = {}): Promise<UpResult> {
  mkdirSync(leasesDir, { recursive: true });
  return withLock(lockFile, async () => {
    const result = await up(opts);
    writeStarted([...readStarted(), ...result.started]);
    writeFileSync(join(leasesDir, String(process.pid)), '');
    return result;
  });
}

/** Ends this run's lease; when no other run holds one, stops the servers that test runs started. */
export async function downForTestRun(opts: Pick<UpOptions, 'log' | 'env'> = {}): Promise<void> {
  const log = opts.log ?? stderrLog;
  await withLock(lockFile, async () => {
    rmSync(join(leasesDir, String(process.pid)), { force: true });
    const others = liveLeases();
    const started = readStarted();
    if (started.length === 0) return;
    if (others.length > 0) {
      log(`leaving ${started.join(', ')} up for the test run(s) still going (pid ${others.join(', ')})`);
      return;
    }
    await down(started, { ...opts, log });
    writeStarted([]);
  });
}

/** `infra up` adopts the servers it returns: no test run will stop them any more. */
export async function adoptServers(names: readonly ServerName[]): Promise<void> {
  mkdirSync(cacheRoot, { recursive: true });
  await withLock(lockFile, async () => writeStarted(readStarted().filter((n) => !names.includes(n))));
}
