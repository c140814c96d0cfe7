import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { sign } from 'jsonwebtoken';
import { mongoUri } from '../support/env';
import { freshDatabase, type FreshDatabase } from '../support/fresh-database';
import { dashboardsIn, forEachAdapter, storedDocument } from './api-harness';

const ROOT = join(__dirname, '..', '..');
const MAIN = ['-r', '@swc-node/register', 'apps/api/src/main.ts'];
const SECRET = 'process-secret-0123456789-abcdefghij';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

function apiEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const name of [
    'JWT_SECRET',
    'JWT_PUBLIC_KEY',
    'JWT_PUBLIC_KEY_FILE',
    'JWT_JWKS_URI',
    'JWT_ALGORITHMS',
  ]) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

async function waitForLine(output: () => string, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(output())) {
    if (Date.now() > deadline) throw new Error(`no line matching ${pattern} in:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the api process', () => {
  it('refuses to start without a JWT key source, explaining why on stderr', () => {
    const run = spawnSync(process.execPath, MAIN, {
      cwd: ROOT,
      env: apiEnv({}),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid configuration');
    expect(run.stderr).toContain('no JWT key source: set JWT_SECRET');
  });

  it('refuses an HMAC algorithm next to a JWKS URL', () => {
    const run = spawnSync(process.execPath, MAIN, {
      cwd: ROOT,
      env: apiEnv({ JWT_JWKS_URI: 'https://id.example/jwks.json', JWT_ALGORITHMS: 'RS256,HS256' }),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('HS256 is refused with JWT_JWKS_URI (algorithm confusion)');
  });

  forEachAdapter('when running on %s', (adapter) => {
    let database: FreshDatabase;
    let child: ChildProcess;
    let stdout = '';
    let port: number;

    beforeAll(async () => {
      database = await freshDatabase('api_process');
      await dashboardsIn(database.db).insertOne(storedDocument(3, 2));
      port = await freePort();
      child = spawn(process.execPath, MAIN, {
        cwd: ROOT,
        env: apiEnv({
          JWT_SECRET: SECRET,
          PORT: String(port),
          MONGODB_URI: mongoUri(),
          MONGODB_DATABASE: database.name,
          LOG_LEVEL: 'info',
          HTTP_ADAPTER: adapter,
        }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      await waitForLine(() => stdout, new RegExp(`api listening on port ${port} \\(${adapter},`));
    }, 60_000);

    afterAll(async () => {
      if (child && child.exitCode === null) child.kill('SIGKILL');
      await database?.close();
    });

    it('logs each request as JSON with its id, method, url, status and duration, and never the bearer token', async () => {
      const token = sign({ tenant_id: 3, sub: '2' }, SECRET, { algorithm: 'HS256', expiresIn: 600 });
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/dashboard`, {
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'X-Request-Id': 'trace-42',
        },
      });
      expect(res.status).toBe(200);
      await waitForLine(() => stdout, /"url":"\/api\/v1\/dashboard"/);
      const line = stdout.split('\n').find((l) => l.includes('"url":"/api/v1/dashboard"')) as string;
      expect(JSON.parse(line)).toMatchObject({
        app: 'api',
        req: { id: 'trace-42', method: 'GET', url: '/api/v1/dashboard' },
        res: { status: 200 },
        duration_ms: expect.any(Number),
      });
      expect(stdout).not.toContain(token);
      expect(stdout).not.toContain(token.split('.')[2]);
      expect(stdout.toLowerCase()).not.toContain('authorization');
    });

    it('shuts down cleanly on SIGTERM, closing its MongoDB connection', async () => {
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.once('close', (code, signal) => resolve({ code, signal })),
      );
      child.kill('SIGTERM');
      // 'close' also waits for stdout to drain.
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(stdout).toContain('MongoDB connection closed');
    }, 30_000);
  });
});
