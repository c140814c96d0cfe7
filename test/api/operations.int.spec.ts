import { sign } from 'jsonwebtoken';
import request from 'supertest';
import { startApi, storedDocument, type ApiUnderTest, dashboardsIn } from './api-harness';

const SECRET = 'operations-secret-0123456789-abcdefg';
let api: ApiUnderTest;

beforeAll(async () => {
  api = await startApi('api_ops', { JWT_SECRET: SECRET });
  await dashboardsIn(api.db).insertOne(storedDocument(3, 2));
}, 60_000);

afterAll(async () => {
  await api?.close();
});

describe('operational endpoints', () => {
  it('reports liveness without a token', async () => {
    const res = await request(api.http).get('/health/live');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('reports readiness when the database answers a ping', async () => {
    const res = await request(api.http).get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', mongodb: 'up' });
  });

  it('exposes Prometheus metrics with process metrics and request durations by route and status', async () => {
    const bearer = sign({ tenant_id: 3, sub: '2' }, SECRET, { algorithm: 'HS256', expiresIn: 600 });
    await request(api.http).get('/api/v1/dashboard').set('Authorization', `Bearer ${bearer}`).expect(200);
    await request(api.http).get('/api/v1/dashboard').expect(401);
    await request(api.http).get('/no/such/route').expect(404);

    const res = await request(api.http).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(res.text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(res.text).toMatch(/^nodejs_heap_size_used_bytes /m);
    expect(res.text).toMatch(
      /^http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/dashboard",status_code="200"\} 1$/m,
    );
    expect(res.text).toMatch(
      /^http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/dashboard",status_code="401"\} 1$/m,
    );
    expect(res.text).toMatch(
      /^http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\} 1$/m,
    );
    expect(res.text).not.toMatch(/no\/such\/route/);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await request(api.http).get('/api/v1/nothing');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
