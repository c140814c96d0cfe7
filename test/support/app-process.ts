import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = join(__dirname, '../..');

export interface AppProcess {
  readonly port: number;
  readonly url: string;
  /** The last lines the process printed (for failure messages). */
  output(): string;
  /** Sends a signal and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `apps/<app>` as a real process with `env` on top of this one's, and waits until its
 * `readyPath` answers 200 (the projector is ready once it has joined its consumer group).
 */
export async function startApp(
  app: 'api' | 'projector',
  port: number,
  env: Record<string, string>,
  readyPath = '/health/ready',
): Promise<AppProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join('apps', app, 'src', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const handle: AppProcess = {
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  await waitReady(child, handle, readyPath);
  return handle;
}

async function waitReady(
  child: ChildProcess,
  app: AppProcess,
  path: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${app.output()}`);
    const ok = await fetch(app.url + path)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await sleep(200);
  }
  await app.kill('SIGKILL');
  throw new Error(`app not ready after ${timeoutMs} ms:\n${app.output()}`);
}
