import { generateKeyPairSync } from 'node:crypto';
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

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

let api: ApiUnderTest;

const claims = () => ({ tenant_id: 3, sub: '2', exp: nowS() + 600 });
const getDashboard = (bearer: string) =>
  request(api.http).get('/api/v1/dashboard').set('Authorization', `Bearer ${bearer}`);

forEachAdapter('GET /api/v1/dashboard with a PEM public key on %s', (adapter) => {
  beforeAll(async () => {
    api = await startApi('api_rs256', adapter, { JWT_PUBLIC_KEY: publicPem });
    await dashboardsIn(api.db).insertOne(storedDocument(3, 2));
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  it('accepts an RS256 token signed by the matching private key', async () => {
    const res = await getDashboard(sign(claims(), privateKey, { algorithm: 'RS256' }));
    expect(res.status).toBe(200);
    expect(res.body).toStrictEqual(sampleView(3, 2));
  });

  it('refuses an HS256 token whose secret is the public key PEM (algorithm confusion)', async () => {
    for (const pemText of [publicPem, publicPem.trim()]) {
      const forged = craftToken({ alg: 'HS256', typ: 'JWT' }, claims(), hmacSha256(pemText));
      const res = await getDashboard(forged);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    }
  });

  it('refuses an unsigned token (alg none)', async () => {
    const res = await getDashboard(craftToken({ alg: 'none', typ: 'JWT' }, claims()));
    expect(res.status).toBe(401);
  });

  it('refuses an RS256 token signed by another key', async () => {
    const res = await getDashboard(sign(claims(), otherRsa, { algorithm: 'RS256' }));
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('invalid signature');
  });

  it('refuses an ES256 token, which the RSA key does not allow', async () => {
    const res = await getDashboard(sign(claims(), ecKey, { algorithm: 'ES256' }));
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('algorithm not allowed');
  });

  it('refuses an RS256 token without exp', async () => {
    const res = await getDashboard(sign({ tenant_id: 3, sub: '2' }, privateKey, { algorithm: 'RS256' }));
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('token has no expiry (exp)');
  });
});
