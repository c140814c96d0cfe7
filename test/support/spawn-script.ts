import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

export interface SpawnedScript {
  readonly child: ChildProcess;
  /** The last `keepChars` characters the process printed (stdout and stderr interleaved). */
  output(): string;
}

/** Runs a TypeScript entry point of this repository (path from its root) as a real process, no terminal. */
export function spawnScript(
  path: string,
  args: readonly string[],
  env: Record<string, string>,
  keepChars: number,
): SpawnedScript {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-keepChars);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => output };
}
