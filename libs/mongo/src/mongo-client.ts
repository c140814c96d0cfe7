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
