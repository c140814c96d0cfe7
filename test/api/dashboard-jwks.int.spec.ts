import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign } from 'jsonwebtoken';
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

const ecKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsaKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const strangerEc = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
const jwks = {
  keys: [
    { ...(ecKeys.publicKey.export({ format: 'jwk' }) as JsonWebKey), kid: 'ec-1', use: 'sig', alg: 'ES256' },
    {
      ...(rsaKeys.publicKey.export({ format: 'jwk' }) as JsonWebKey),
      kid: 'rsa-1',
      use: 'sig',
      alg: 'RS256',
    },
  ],
};

let jwksServer: Server;
let jwksRequests = 0;
let jwksDown = false;
let api: ApiUnderTest;

beforeAll(async () => {
  jwksServer = createServer((req, res) => {
    jwksRequests += 1;
    if (jwksDown) {
      res.statusCode = 503;
      res.end();
      return;
    }
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise((resolve) => jwksServer?.close(resolve));
});

const claims = () => ({ tenant_id: 3, sub: '2', exp: nowS() + 600 });
const getDashboard = (bearer: string) =>
  request(api.http).get('/api/v1/dashboard').set('Authorization', `Bearer ${bearer}`);

forEachAdapter('GET /api/v1/dashboard with keys from a JWKS URL on %s', (adapter) => {
  // A new API starts with an empty key cache.
  beforeAll(async () => {
    const { port } = jwksServer.address() as AddressInfo;
    api = await startApi('api_jwks', adapter, {
      JWT_JWKS_URI: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    });
    await dashboardsIn(api.db).insertOne(storedDocument(3, 2));
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  it('accepts an ES256 token whose kid is in the JWKS, and caches the keys', async () => {
    const token = sign(claims(), ecKeys.privateKey, { algorithm: 'ES256', keyid: 'ec-1' });
    const first = await getDashboard(token);
    expect(first.status).toBe(200);
    expect(first.body).toStrictEqual(sampleView(3, 2));
    const fetched = jwksRequests;
    expect((await getDashboard(token)).status).toBe(200);
    expect(jwksRequests).toBe(fetched);
  });

  it('accepts an RS256 token from the same JWKS', async () => {
    const res = await getDashboard(
      sign(claims(), rsaKeys.privateKey, { algorithm: 'RS256', keyid: 'rsa-1' }),
    );
    expect(res.status).toBe(200);
  });

  it('refuses a token whose kid is not in the JWKS', async () => {
    const res = await getDashboard(sign(claims(), strangerEc, { algorithm: 'ES256', keyid: 'unknown' }));
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  it('refuses a token signed by another key under a known kid', async () => {
    const res = await getDashboard(sign(claims(), strangerEc, { algorithm: 'ES256', keyid: 'ec-1' }));
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('invalid signature');
  });

  it('refuses an HS256 token keyed with the RSA public key PEM', async () => {
    const pem = rsaKeys.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const forged = craftToken({ alg: 'HS256', typ: 'JWT', kid: 'rsa-1' }, claims(), hmacSha256(pem));
    expect((await getDashboard(forged)).status).toBe(401);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const res = await getDashboard(craftToken({ alg: 'none', typ: 'JWT', kid: 'ec-1' }, claims()));
    expect(res.status).toBe(401);
  });

  it('answers 401 "signing keys unavailable" when the JWKS cannot be fetched for a new kid', async () => {
    jwksDown = true;
    try {
      const res = await getDashboard(sign(claims(), strangerEc, { algorithm: 'ES256', keyid: 'rotated-in' }));
      expect(res.status).toBe(401);
      expect(res.body.message).toBe('signing keys unavailable');
    } finally {
      jwksDown = false;
    }
  });
});
