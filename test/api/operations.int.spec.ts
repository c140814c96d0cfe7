import { sign } from 'jsonwebtoken';
import request from 'supertest';
import { forEachAdapter, startApi, storedDocument, type ApiUnderTest, dashboardsIn } from './api-harness';

const SECRET = 'operations-secret-0123456789-abcdefg';
let api: ApiUnderTest;

forEachAdapter('operational endpoints on %s', (adapter) => {
  beforeAll(async () => {
    api = await startApi('api_ops', adapter, { JWT_SECRET: SECRET });
    await dashboardsIn(api.db).insertOne(storedDocument(3, 2));
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  it('reports liveness without a token', async () => {
    const res = await request(api.http).get('/health/live');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.text).toBe('{"status":"ok"}');
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
    await request(api.http).get('/no/%zz').expect(400);

    const res = await request(api.http).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8; version=0.0.4');
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
    expect(res.text).toMatch(
      /^http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="400"\} 1$/m,
    );
    expect(res.text).not.toMatch(/no\/such\/route/);
  });

  it('answers unknown routes and other methods with a JSON 404, leaving any request body unread', async () => {
    const res = await request(api.http).get('/api/v1/nothing');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.text).toBe('{"message":"Cannot GET /api/v1/nothing","error":"Not Found","statusCode":404}');
    const post = await request(api.http)
      .post('/api/v1/dashboard')
      .set('Content-Type', 'application/json')
      .send('{not json');
    expect(post.status).toBe(404);
    expect(post.body).toEqual({
      message: 'Cannot POST /api/v1/dashboard',
      error: 'Not Found',
      statusCode: 404,
    });
  });

  it('matches paths case-insensitively and with an optional trailing slash', async () => {
    expect((await request(api.http).get('/Health/LIVE/')).status).toBe(200);
    expect((await request(api.http).get('//health/live')).status).toBe(404);
  });

  it('answers a path that does not percent-decode with a JSON 400 naming the segment', async () => {
    const res = await request(api.http).get('/api/v1/dashboard%zz');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({
      message: "Failed to decode param 'dashboard%zz'",
      error: 'Bad Request',
      statusCode: 400,
    });
  });
});
