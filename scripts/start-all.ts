import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { down, up } from './infra/infra';

/**
 * `npm start`: the whole system on this machine. Brings the local Kafka and FerretDB up when they are not
 * running (or uses KAFKA_BROKERS / MONGODB_URI), then runs the projector and the API until Ctrl-C, which
 * stops both gracefully and then the servers this command started.
 */
const ROOT = join(__dirname, '..');
const KEY_SOURCES = ['JWT_SECRET', 'JWT_PUBLIC_KEY', 'JWT_PUBLIC_KEY_FILE', 'JWT_JWKS_URI'];

function startApp(app: 'api' | 'projector', env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', join('apps', app, 'src', 'main.ts')], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((r) => child.once('exit', r));
}

async function main(): Promise<void> {
  const servers = await up();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KAFKA_BROKERS: servers.kafkaBrokers,
    MONGODB_URI: servers.mongoUri,
  };
  if (!KEY_SOURCES.some((name) => env[name])) {
    env.JWT_SECRET = randomBytes(32).toString('hex');
    process.stderr.write(
      `[start] no JWT key configured: using a development secret for this run.\n` +
        `[start] get a token with: JWT_SECRET=${env.JWT_SECRET} npm run token -- --tenant 3 --user 2\n`,
    );
  }
  const apps = [startApp('projector', env), startApp('api', env)];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of apps) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(apps.map(exited));
    await down(servers.started);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  // If either app dies on its own, bring the rest down too rather than run half a system.
  for (const child of apps) void exited(child).then((code) => stop(code ?? 1));
}

main().catch((error: unknown) => {
  process.stderr.write(`[start] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
