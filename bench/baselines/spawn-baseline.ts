import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { JOINED_LINE } from './baseline-process';

export type BaselineName = 'raw-consumer' | 'naive-projector';

export interface BaselineProcess {
  /** `performance.now()` when the process said it had joined its group. */
  readonly joinedAt: number;
  /** SIGTERM (default), then SIGKILL after 10 s. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `bench/baselines/<name>.ts` as a process and resolves once it has joined its consumer group. */
export function spawnBaseline(
  name: BaselineName,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<BaselineProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, `${name}.ts`)], {
    cwd: join(__dirname, '../..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const handle = {
    joinedAt: 0,
    kill: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(force);
    },
  };
  return new Promise<BaselineProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not join in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const watch = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-10_000);
      if (handle.joinedAt === 0 && output.includes(JOINED_LINE)) {
        handle.joinedAt = performance.now();
        clearTimeout(timer);
        resolve(handle);
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${output}`));
    });
  });
}
