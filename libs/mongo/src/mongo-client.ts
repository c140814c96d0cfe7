import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient, type Db } from 'mongodb';
import type { MongoConfig } from './mongo.config';

export interface MongoHandle {
  readonly client: MongoClient;
  readonly db: Db;
}

/**
 * Connects and pings. The driver keeps retrying server selection for `serverSelectionTimeoutMS`, so a
 * database that is still starting (or briefly down) delays operations rather than failing them.
 */
export async function connectMongo(config: MongoConfig, appName: string): Promise<MongoHandle> {
  const client = new MongoClient(config.MONGODB_URI, {
    appName,
    serverSelectionTimeoutMS: 30_000,
    maxPoolSize: 20,
  });
  await client.connect();
  const db = client.db(config.MONGODB_DATABASE);
  await db.command({ ping: 1 });
  return { client, db };
}

/**
 * Connects, waiting for a database that is down or still starting: retries with a backoff from 1 s up to
 * 10 s and reports each failed attempt, instead of failing the start-up.
 */
export async function connectMongoPatiently(
  config: MongoConfig,
  appName: string,
  onRetry: (error: unknown, attempt: number) => void,
): Promise<MongoHandle> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await connectMongo(config, appName);
    } catch (error) {
      onRetry(error, attempt);
      await sleep(Math.min(10_000, 1000 * attempt));
    }
  }
}
