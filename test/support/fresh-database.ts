import type { Db } from 'mongodb';
import { MongoClient } from 'mongodb';
import { mongoUri } from './env';
import { uniqueName } from './unique-name';

export interface FreshDatabase {
  client: MongoClient;
  db: Db;
  name: string;
  /** Drops the database (unless `keep`) and closes the client. */
  close(opts?: { keep?: boolean }): Promise<void>;
}

/** A connected client and a uniquely named database on the test server. */
export async function freshDatabase(prefix: string): Promise<FreshDatabase> {
  const client = await new MongoClient(mongoUri()).connect();
  const name = uniqueName(prefix, '_');
  const db = client.db(name);
  return {
    client,
    db,
    name,
    async close(opts = {}) {
      if (!opts.keep) await db.dropDatabase();
      await client.close();
    },
  };
}
