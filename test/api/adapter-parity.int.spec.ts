import type { AddressInfo } from 'node:net';
import { sign } from 'jsonwebtoken';
import { HTTP_ADAPTERS } from '../../apps/api/src/api.config';
import { dashboardsIn, startApi, storedDocument, type ApiUnderTest } from './api-harness';

const SECRET = 'parity-secret-0123456789-abcdefghijk';
const bearer = (sub: number) =>
  `Bearer ${sign({ tenant_id: 3, sub }, SECRET, { algorithm: 'HS256', expiresIn: 600 })}`;
const [known, unknown] = [bearer(2), bearer(404)];

/** What is asked, then method, path, headers and body. */
type Probe = [what: string, method: string, path: string, headers?: Record<string, string>, body?: string];

/** Requests whose answers, headers included, must not tell the adapters apart. */
const PROBES: Probe[] = [
  ['a dashboard', 'GET', '/api/v1/dashboard', { authorization: known }],
  [
    'a dashboard with a JSON content type',
    'GET',
    '/api/v1/dashboard',
    { authorization: known, 'content-type': 'application/json' },
  ],
  ['a dashboard by HEAD', 'HEAD', '/api/v1/dashboard', { authorization: known }],
  [
    'a dashboard in other case, slash and query',
    'GET',
    '/API/v1/Dashboard/?tenant_id=4',
    { authorization: known },
  ],
  ['a missing dashboard', 'GET', '/api/v1/dashboard', { authorization: unknown }],
  ['a dashboard without a token', 'GET', '/api/v1/dashboard'],
  ['a dashboard with a malformed token', 'GET', '/api/v1/dashboard', { authorization: 'Bearer not.a.jwt' }],
  ['a dashboard with another scheme', 'GET', '/api/v1/dashboard', { authorization: `Basic ${known}` }],
  [
    'a POST with a broken body',
    'POST',
    '/api/v1/dashboard',
    { 'content-type': 'application/json' },
    '{not json',
  ],
  ['an OPTIONS', 'OPTIONS', '/health/live'],
  ['liveness', 'GET', '/health/live'],
  ['readiness', 'GET', '/health/ready'],
  ['a doubled slash', 'GET', '//health/live'],
  ['an unknown route', 'GET', '/no/such/route'],
  ['a path that does not decode', 'GET', '/api/%zz/dashboard'],
];

let apis: ApiUnderTest[] = [];

beforeAll(async () => {
  apis = await Promise.all(
    HTTP_ADAPTERS.map((adapter) => startApi('api_parity', adapter, { JWT_SECRET: SECRET })),
  );
  for (const api of apis) await dashboardsIn(api.db).insertOne(storedDocument(3, 2));
}, 60_000);

afterAll(async () => {
  await Promise.all(apis.map((api) => api.close()));
});

/** Status, headers but the date, and body text of one request. */
async function answer(api: ApiUnderTest, [, method, path, headers, body]: Probe) {
  const { port } = api.http.address() as AddressInfo;
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers, body });
  const { date: _date, ...rest } = Object.fromEntries(res.headers);
  return { status: res.status, headers: rest, body: await res.text() };
}

describe(`${HTTP_ADAPTERS.join(' and ')} adapters`, () => {
  it.each(PROBES)('answer %s alike', async (...probe) => {
    const [first, ...others] = await Promise.all(apis.map((api) => answer(api, probe)));
    for (const other of others) expect(other).toEqual(first);
  });

  it('count those requests alike in their metrics', async () => {
    const counts = await Promise.all(
      apis.map(async (api) => {
        const metrics = (await answer(api, ['metrics', 'GET', '/metrics'])).body;
        return metrics.split('\n').filter((line) => line.startsWith('http_request_duration_seconds_count'));
      }),
    );
    expect(counts[0]).toContain(
      'http_request_duration_seconds_count{method="GET",route="/api/v1/dashboard",status_code="200"} 3',
    );
    for (const other of counts.slice(1)) expect(other).toEqual(counts[0]);
  });
});
