import { startApp, type AppProcess } from '../../test/support/app-process';
import { mongoUri } from '../../test/support/env';
import { freePort } from '../../test/support/free-port';
import { startApi, TEST_JWT_SECRET } from '../../test/support/system';
import { loadEndpoint, type HttpLoad } from '../measure/http-load';
import { stopApp, tracked } from '../measure/stop-app';
import { hs256Tokens, rs256Signer } from '../measure/tokens';
import type { BenchOptions } from '../options';
import type { BenchSystem } from '../system';

export interface QueryResult {
  readonly users: number;
  readonly hs256: { readonly dashboard: HttpLoad; readonly health: HttpLoad };
  readonly rs256: { readonly dashboard: HttpLoad; readonly health: HttpLoad };
}

const DASHBOARD = '/api/v1/dashboard';
const HEALTH = '/health/live';

/** An API that verifies RS256 tokens with `JWT_PUBLIC_KEY` (the test helper starts HS256 ones). */
async function startRs256Api(system: BenchSystem, publicKeyPem: string): Promise<AppProcess> {
  const port = await freePort();
  return startApp('api', port, {
    MONGODB_URI: mongoUri(),
    MONGODB_DATABASE: system.names.database,
    LOG_LEVEL: 'warn',
    PORT: String(port),
    READ_MODEL_POLL_MS: '200',
    JWT_PUBLIC_KEY: publicKeyPem,
  });
}

async function assertServes(api: AppProcess, token: string): Promise<void> {
  const response = await fetch(api.url + DASHBOARD, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`dashboard answered ${response.status} before the load`);
}

/** The same endpoint pair on one API: the dashboard (users' tokens in turn) and the liveness probe. */
async function loadApi(api: AppProcess, tokens: readonly string[], options: BenchOptions) {
  await assertServes(api, tokens[0]);
  const common = { connections: options.connections, seconds: options.querySeconds };
  const health = await loadEndpoint({ ...common, url: api.url + HEALTH });
  const dashboard = await loadEndpoint({ ...common, url: api.url + DASHBOARD, tokens });
  return { dashboard, health };
}

/** Query throughput over the users' documents already projected into `system`'s database. */
export async function measureQuery(
  system: BenchSystem,
  users: number,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<QueryResult> {
  const hsApi = tracked(await startApi(system.names));
  let hs256;
  try {
    hs256 = await loadApi(hsApi, hs256Tokens(TEST_JWT_SECRET, users), options);
  } finally {
    await stopApp(hsApi);
  }
  log(
    `query: HS256 dashboard ${Math.round(hs256.dashboard.rps)} req/s, health ${Math.round(hs256.health.rps)}`,
  );
  const signer = rs256Signer();
  const rsApi = tracked(await startRs256Api(system, signer.publicKeyPem));
  let rs256;
  try {
    rs256 = await loadApi(rsApi, signer.tokens(users), options);
  } finally {
    await stopApp(rsApi);
  }
  log(
    `query: RS256 dashboard ${Math.round(rs256.dashboard.rps)} req/s, health ${Math.round(rs256.health.rps)}`,
  );
  return { users, hs256, rs256 };
}
