import { HTTP_ADAPTERS, type HttpAdapterName } from '../../apps/api/src/api.config';
import { startApp, type AppProcess } from '../../test/support/app-process';
import { mongoUri } from '../../test/support/env';
import { freePort } from '../../test/support/free-port';
import { startApi, TEST_JWT_SECRET } from '../../test/support/system';
import { loadEndpoint, type HttpLoad } from '../measure/http-load';
import { stopApp, tracked } from '../measure/stop-app';
import { hs256Tokens, rs256Signer } from '../measure/tokens';
import type { BenchOptions } from '../options';
import type { BenchSystem } from '../system';

export type QueryAuth = 'HS256' | 'RS256';

/** One API process (one adapter, one way of verifying tokens) under load. */
export interface QueryRun {
  readonly auth: QueryAuth;
  readonly adapter: HttpAdapterName;
  readonly dashboard: HttpLoad;
  /** The same app's liveness probe: the ceiling of its HTTP stack. */
  readonly health: HttpLoad;
}

export interface QueryResult {
  readonly users: number;
  /** By auth, then by adapter (each auth's adapters side by side). */
  readonly runs: readonly QueryRun[];
}

const DASHBOARD = '/api/v1/dashboard';
const HEALTH = '/health/live';

/** An API that verifies RS256 tokens with `JWT_PUBLIC_KEY` (the test helper starts HS256 ones). */
async function startRs256Api(
  system: BenchSystem,
  publicKeyPem: string,
  adapter: HttpAdapterName,
): Promise<AppProcess> {
  const port = await freePort();
  return startApp('api', port, {
    MONGODB_URI: mongoUri(),
    MONGODB_DATABASE: system.names.database,
    LOG_LEVEL: 'warn',
    PORT: String(port),
    READ_MODEL_POLL_MS: '200',
    JWT_PUBLIC_KEY: publicKeyPem,
    HTTP_ADAPTER: adapter,
  });
}

async function assertServes(api: AppProcess, token: string): Promise<void> {
  const response = await fetch(api.url + DASHBOARD, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`dashboard answered ${response.status} before the load`);
}

/** The same endpoint pair on one API, which is stopped afterwards: the liveness probe, then the dashboard. */
async function loadApi(api: AppProcess, tokens: readonly string[], options: BenchOptions) {
  try {
    await assertServes(api, tokens[0]);
    const common = { connections: options.connections, seconds: options.querySeconds };
    const health = await loadEndpoint({ ...common, url: api.url + HEALTH });
    const dashboard = await loadEndpoint({ ...common, url: api.url + DASHBOARD, tokens });
    return { dashboard, health };
  } finally {
    await stopApp(api);
  }
}

/** Query throughput over the users' documents already projected into `system`'s database. */
export async function measureQuery(
  system: BenchSystem,
  users: number,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<QueryResult> {
  const signer = rs256Signer();
  const auths: Record<QueryAuth, { tokens: string[]; start(adapter: HttpAdapterName): Promise<AppProcess> }> =
    {
      HS256: {
        tokens: hs256Tokens(TEST_JWT_SECRET, users),
        start: (adapter) => startApi(system.names, { HTTP_ADAPTER: adapter }),
      },
      RS256: {
        tokens: signer.tokens(users),
        start: (adapter) => startRs256Api(system, signer.publicKeyPem, adapter),
      },
    };
  const runs: QueryRun[] = [];
  for (const auth of ['HS256', 'RS256'] as const) {
    for (const adapter of HTTP_ADAPTERS) {
      const { tokens, start } = auths[auth];
      const run = { auth, adapter, ...(await loadApi(tracked(await start(adapter)), tokens, options)) };
      log(
        `query: ${auth} on ${adapter}: dashboard ${Math.round(run.dashboard.rps)} req/s, ` +
          `health ${Math.round(run.health.rps)}`,
      );
      runs.push(run);
    }
  }
  return { users, runs };
}
