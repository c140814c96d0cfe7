import { sign } from 'jsonwebtoken';
import request from 'supertest';
import { READ_MODEL_META_COLLECTION, READ_MODEL_META_ID } from '@app/mongo';
import {
  forEachAdapter,
  sampleView,
  startApi,
  storedDocument,
  type ApiUnderTest,
  dashboardsIn,
} from './api-harness';

const SECRET = 'switch-secret-0123456789-abcdefghij';
let api: ApiUnderTest;

const bearer = sign({ tenant_id: 3, sub: '2' }, SECRET, { algorithm: 'HS256', expiresIn: 600 });
const getDashboard = () =>
  request(api.http).get('/api/v1/dashboard').set('Authorization', `Bearer ${bearer}`);

async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

forEachAdapter('the active dashboards collection on %s', (adapter) => {
  beforeAll(async () => {
    api = await startApi('api_switch', adapter, { JWT_SECRET: SECRET, READ_MODEL_POLL_MS: '100' });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  it('is followed without a restart when read_model_meta names a new one', async () => {
    const live = { ...sampleView(3, 2), as_of: '2022-01-16T20:45:00.000Z' };
    const rebuilt = { ...sampleView(3, 2), as_of: '2022-01-16T21:00:00.000Z' };
    await dashboardsIn(api.db).insertOne(storedDocument(3, 2, live));
    await dashboardsIn(api.db, 'dashboards_v2').insertOne(storedDocument(3, 2, rebuilt));

    const before = await getDashboard();
    expect(before.status).toBe(200);
    expect(before.body).toStrictEqual(live);

    await api.db
      .collection<{ _id: string; active_collection: string }>(READ_MODEL_META_COLLECTION)
      .updateOne(
        { _id: READ_MODEL_META_ID },
        { $set: { active_collection: 'dashboards_v2' } },
        { upsert: true },
      );
    await eventually(async () => (await getDashboard()).body.as_of === rebuilt.as_of);
    expect((await getDashboard()).body).toStrictEqual(rebuilt);
  });
});
