import './jose-native';
import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { Db } from 'mongodb';
import { dashboardId } from '@app/mongo';
import { createApiApp, listenApi } from '../../apps/api/src/api.app';
import { HTTP_ADAPTERS, loadApiConfig, type HttpAdapterName } from '../../apps/api/src/api.config';
import { mongoUri } from '../support/env';
import { freshDatabase } from '../support/fresh-database';

/**
 * Declares a suite once per HTTP adapter (`%s` in the title names it): every test runs on Express and on
 * Fastify alike.
 */
export const forEachAdapter = (title: string, suite: (adapter: HttpAdapterName) => void): void =>
  describe.each(HTTP_ADAPTERS)(title, suite);

export interface ApiUnderTest {
  readonly app: INestApplication;
  readonly http: Server;
  /** The API's own database (fresh, unique to this test file). */
  readonly db: Db;
  close(): Promise<void>;
}

/**
 * Boots the real API in-process on a fresh database and `adapter`, configured from `env` as main.ts
 * would be, listening on a free loopback port (as in production, through the adapter's own listen).
 */
export async function startApi(
  prefix: string,
  adapter: HttpAdapterName,
  env: NodeJS.ProcessEnv,
): Promise<ApiUnderTest> {
  const database = await freshDatabase(prefix);
  const config = loadApiConfig({
    MONGODB_URI: mongoUri(),
    MONGODB_DATABASE: database.name,
    LOG_LEVEL: 'silent',
    HTTP_ADAPTER: adapter,
    ...env,
  });
  const app = await createApiApp(config);
  await listenApi(app, { ...config, PORT: 0, HOST: '127.0.0.1' });
  return {
    app,
    http: app.getHttpServer() as Server,
    db: database.db,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** A view in the shape of spec/dashboard.md, distinct per user so that a mix-up shows. */
export function sampleView(tenantId: number, userId: number): Record<string, unknown> {
  return {
    as_of: '2022-01-16T20:45:00.000Z',
    metrics: [
      {
        id: 3,
        uuid: '3b6d487f-7da4-4159-99b8-f712f21343cb',
        tenant_id: tenantId,
        device_id: 2,
        device_uuid: null,
        user_id: userId,
        type: 'heartRate',
        unit: 'bpm',
        application_id: null,
        avg_today: 49.07717231222386 + userId,
        avg_yesterday: null,
        avg_this_week: 50.44312393887946,
        avg_last_week: null,
        avg_this_month: 49.07717231222386,
        avg_last_month: null,
        avg_this_year: 49.10269799825936,
        avg_last_year: null,
        latest_results_str: null,
        latest_value: 60,
        latest_timestamp: '2022-01-16T15:43:53.141696-05:00',
        latest_data: [
          { metric_id: 3, timestamp: '2022-01-16T15:43:53.141696-05:00', value: 60 },
          { metric_id: 3, timestamp: '2022-01-16T15:25:00-05:00', value: null },
        ],
      },
    ],
    user: {
      id: userId,
      name: `User ${tenantId}:${userId}`,
      timezone: 'America/New_York',
      allergies: [{ id: 1, text: 'Celery' }],
      illnesses: [],
    },
  };
}

/** A document in the stored shape the projector writes, internal fields included. */
export function storedDocument(tenantId: number, userId: number, view = sampleView(tenantId, userId)) {
  return {
    _id: dashboardId(tenantId, userId),
    view_json: JSON.stringify(view),
    state_json: JSON.stringify({ positions: { '0': 41 }, secret: 'internal bookkeeping' }),
    revision: 7,
    write_id: 'test',
    next_boundary_at: new Date('2022-01-17T05:00:00.000Z'),
    boundary_hour: Date.parse('2022-01-17T05:00:00.000Z') / 3_600_000,
  };
}

export const nowS = (): number => Math.floor(Date.now() / 1000);

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** Builds a JWT by hand, for tokens a well-behaved library refuses to sign. */
export function craftToken(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  sign: (signingInput: string) => Buffer = () => Buffer.alloc(0),
): string {
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${signingInput}.${b64url(sign(signingInput))}`;
}

export const hmacSha256 =
  (key: string) =>
  (signingInput: string): Buffer =>
    createHmac('sha256', key).update(signingInput).digest();

export type StoredDocument = ReturnType<typeof storedDocument>;

/** A dashboards collection of the API's database, typed with string ids as the projector writes them. */
export const dashboardsIn = (db: Db, name = 'dashboards') => db.collection<StoredDocument>(name);
