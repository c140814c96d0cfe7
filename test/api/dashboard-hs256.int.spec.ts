import { sign, type SignOptions } from 'jsonwebtoken';
import request from 'supertest';
import {
  craftToken,
  forEachAdapter,
  hmacSha256,
  nowS,
  sampleView,
  startApi,
  storedDocument,
  type ApiUnderTest,
  dashboardsIn,
} from './api-harness';

const SECRET = 'integration-secret-0123456789-abcdef';
const ISSUER = 'https://id.biometrics.test';
const AUDIENCE = 'dashboard-api';

/** Stored as the projector would never write it (indented, non-ASCII): re-encoding it would show. */
const verbatim = {
  ...storedDocument(6, 1),
  view_json: `{\n  "as_of": "2022-01-16T20:45:00.000Z",\n  "user": { "id": 1, "name": "Zoë Ğ 🫀" },\n  "n": 1.50\n}`,
};

let api: ApiUnderTest;

/** A valid token for the configured issuer and audience; an option set to undefined leaves its claim out. */
function token(payload: Record<string, unknown>, options: SignOptions = {}, secret = SECRET): string {
  const merged = { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, expiresIn: 600, ...options };
  const defined = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
  return sign(payload, secret, defined as SignOptions);
}

const userToken = (tenantId: number, userId: number | string): string =>
  token({ tenant_id: tenantId, sub: userId });

const getDashboard = (bearer?: string) => {
  const req = request(api.http).get('/api/v1/dashboard');
  return bearer === undefined ? req : req.set('Authorization', `Bearer ${bearer}`);
};

async function expectUnauthorized(bearer: string | undefined, message?: string | RegExp): Promise<void> {
  const res = await getDashboard(bearer);
  expect(res.status).toBe(401);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  // RFC 6750: the bare challenge without credentials, invalid_token for a bad one.
  expect(res.headers['www-authenticate']).toBe(
    bearer === undefined ? 'Bearer' : 'Bearer error="invalid_token"',
  );
  expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  expect(typeof res.body.message).toBe('string');
  if (message) expect(res.body.message).toMatch(message);
}

forEachAdapter('GET /api/v1/dashboard with HS256 tokens on %s', (adapter) => {
  beforeAll(async () => {
    api = await startApi('api_hs256', adapter, {
      JWT_SECRET: SECRET,
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
    });
    await dashboardsIn(api.db).insertMany([
      storedDocument(3, 2),
      storedDocument(3, 9),
      storedDocument(4, 2),
      storedDocument(5, 7),
      verbatim,
    ]);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  it('returns exactly the stored view of the token user, without internal fields', async () => {
    const res = await getDashboard(userToken(3, '2')).set('Content-Type', 'application/json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toStrictEqual(sampleView(3, 2));
    for (const internal of ['_id', 'state', 'revision', 'next_boundary_at', 'boundary_hour', 'view']) {
      expect(res.body).not.toHaveProperty(internal);
    }
  });

  it('sends the stored JSON text byte for byte', async () => {
    const res = await getDashboard(userToken(6, 1))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(verbatim.view_json)));
    expect((res.body as Buffer).equals(Buffer.from(verbatim.view_json, 'utf8'))).toBe(true);
  });

  it('accepts sub as a JSON number', async () => {
    const res = await getDashboard(userToken(5, 7));
    expect(res.status).toBe(200);
    expect(res.body).toStrictEqual(sampleView(5, 7));
  });

  it('answers 404 with a JSON body when the user has no document', async () => {
    const res = await getDashboard(userToken(3, 404));
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.text).toBe('{"message":"no dashboard for this user","error":"Not Found","statusCode":404}');
  });

  it('never lets a token read another user or another tenant, even when those documents exist', async () => {
    const own = await getDashboard(userToken(3, 2));
    expect(own.body.user).toMatchObject({ id: 2, name: 'User 3:2' });
    expect((await getDashboard(userToken(3, 9))).body.user.name).toBe('User 3:9');
    expect((await getDashboard(userToken(4, 2))).body.user.name).toBe('User 4:2');
    // Only the token decides whose document is read; query strings and headers do not.
    const sneaky = await request(api.http)
      .get('/api/v1/dashboard?tenant_id=4&user_id=2&sub=9')
      .set('Authorization', `Bearer ${userToken(3, 2)}`)
      .set('X-Tenant-Id', '4');
    expect(sneaky.body).toStrictEqual(sampleView(3, 2));
  });

  describe('answers 401 with a JSON body for', () => {
    it('no token', () => expectUnauthorized(undefined, 'missing bearer token'));

    it('another authorization scheme', async () => {
      const res = await request(api.http)
        .get('/api/v1/dashboard')
        .set('Authorization', `Basic ${userToken(3, 2)}`);
      expect(res.status).toBe(401);
    });

    it('a malformed token', () => expectUnauthorized('not.a.jwt', 'malformed token'));

    it('garbage', () => expectUnauthorized('garbage', 'malformed token'));

    it('an expired token', () =>
      expectUnauthorized(
        token({ tenant_id: 3, sub: '2', exp: nowS() - 60 }, { expiresIn: undefined }),
        'token expired',
      ));

    it('a token signed with another secret', () =>
      expectUnauthorized(
        token({ tenant_id: 3, sub: '2' }, {}, 'another-secret-0123456789-abcdefgh'),
        'invalid signature',
      ));

    it('an unsigned token (alg none)', () =>
      expectUnauthorized(
        craftToken(
          { alg: 'none', typ: 'JWT' },
          { tenant_id: 3, sub: '2', exp: nowS() + 600, iss: ISSUER, aud: AUDIENCE },
        ),
      ));

    it('an HS384 token, which is not in the allow-list', () =>
      expectUnauthorized(token({ tenant_id: 3, sub: '2' }, { algorithm: 'HS384' }), 'algorithm not allowed'));

    it('a token without exp', () => {
      const noExp = craftToken(
        { alg: 'HS256', typ: 'JWT' },
        { tenant_id: 3, sub: '2', iat: nowS(), iss: ISSUER, aud: AUDIENCE },
        hmacSha256(SECRET),
      );
      return expectUnauthorized(noExp, 'token has no expiry (exp)');
    });

    it('a token without tenant_id', () => expectUnauthorized(token({ sub: '2' }), /tenant_id/));

    it('a tenant_id given as a string', () =>
      expectUnauthorized(token({ tenant_id: '3', sub: '2' }), /tenant_id/));

    it.each([['2.5'], ['abc'], ['02'], [0], [-2]])('sub %p', (sub) =>
      expectUnauthorized(token({ tenant_id: 3, sub }), /sub must be/),
    );

    it('a token without sub', () => expectUnauthorized(token({ tenant_id: 3 }), /sub must be/));

    it('a token that is not valid yet (nbf in the future)', () =>
      expectUnauthorized(token({ tenant_id: 3, sub: '2' }, { notBefore: 120 }), 'token not yet valid (nbf)'));

    it('a wrong issuer', () =>
      expectUnauthorized(token({ tenant_id: 3, sub: '2' }, { issuer: 'https://evil.test' }), 'wrong issuer'));

    it('a wrong audience', () =>
      expectUnauthorized(token({ tenant_id: 3, sub: '2' }, { audience: 'another-api' }), 'wrong audience'));

    it('a token without an audience', () =>
      expectUnauthorized(token({ tenant_id: 3, sub: '2' }, { audience: undefined }), 'wrong audience'));
  });

  it('honours an nbf that has passed', async () => {
    const res = await getDashboard(token({ tenant_id: 3, sub: '2', nbf: nowS() - 10 }));
    expect(res.status).toBe(200);
  });
});
