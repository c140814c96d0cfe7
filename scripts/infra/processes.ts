import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Where and as whom a command runs (`uid`/`gid`: another account, when running as root). */
export interface SpawnOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
}

const spawnOptions = ({ cwd, env, uid, gid }: SpawnOptions): SpawnOptions => ({ cwd, env, uid, gid });

/**
 * Runs a command to completion, its output appended to `logFile` (its input read from `stdinFile`, if given);
 * on failure the error carries the log tail.
 */
export function run(
  command: string,
  args: readonly string[],
  opts: SpawnOptions & { logFile: string; stdinFile?: string },
): Promise<void> {
  const fd = openSync(opts.logFile, 'a');
  const input = opts.stdinFile === undefined ? 'ignore' : openSync(opts.stdinFile, 'r');
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { ...spawnOptions(opts), stdio: [input, fd, fd] });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) return resolve();
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      reject(
        new Error(
          `${command} ${args.join(' ')} failed (${how}); last lines of ${opts.logFile}:\n${tail(opts.logFile)}`,
        ),
      );
    });
  }).finally(() => {
    closeSync(fd);
    if (typeof input === 'number') closeSync(input);
  });
}

/** Starts a long-lived server that outlives this process; records its pid. */
export function spawnDetached(
  command: string,
  args: readonly string[],
  opts: SpawnOptions & { logFile: string; pidFile: string },
): number {
  const fd = openSync(opts.logFile, 'a');
  try {
    const child = spawn(command, args, {
      ...spawnOptions(opts),
      stdio: ['ignore', fd, fd],
      detached: true,
    });
    if (child.pid === undefined) throw new Error(`could not start ${command}`);
    child.unref();
    writeFileSync(opts.pidFile, `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

export function tail(file: string, lines = 40): string {
  if (!existsSync(file)) return `(no ${file})`;
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * The pid recorded in `pidFile` if that process is still alive and, where /proc exists, its command line
 * contains `marker` (a recycled pid must never be mistaken for our server).
 */
export function livePid(pidFile: string, marker: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  const cmdline = `/proc/${pid}/cmdline`;
  if (
    existsSync('/proc/self/cmdline') &&
    !(existsSync(cmdline) && readFileSync(cmdline, 'utf8').includes(marker))
  ) {
    return undefined;
  }
  return pid;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie (exited, not yet reaped by its parent) still answers signal 0.
  const stat = `/proc/${pid}/stat`;
  return !(existsSync(stat) && / Z /.test(readFileSync(stat, 'utf8').replace(/^.*\)/, ')')));
}

/**
 * `signal` (SIGTERM unless told), then SIGKILL once `graceMs` has passed; removes the pid file. Returns whether
 * a process was stopped.
 */
export async function stopProcess(
  pidFile: string,
  marker: string,
  opts: { signal?: NodeJS.Signals; graceMs?: number } = {},
): Promise<boolean> {
  const pid = livePid(pidFile, marker);
  const graceMs = opts.graceMs ?? 20_000;
  if (pid !== undefined) {
    process.kill(pid, opts.signal ?? 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (isAlive(pid) && Date.now() < deadline) await sleep(100);
    if (isAlive(pid)) {
      process.kill(pid, 'SIGKILL');
      while (isAlive(pid)) await sleep(50);
    }
  }
  rmSync(pidFile, { force: true });
  return pid !== undefined;
}
