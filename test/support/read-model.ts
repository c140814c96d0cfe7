import { MongoClient } from 'mongodb';
import { mongoUri } from './env';

export interface StoredDashboard {
  _id: string;
  view: unknown;
  state: unknown;
}

interface StoredText {
  _id: string;
  view_json: string;
  state_json: string;
}

/** Every dashboard document of a database (view and state), by id. */
export async function readDashboards(
  database: string,
  collection = 'dashboards',
): Promise<Map<string, StoredDashboard>> {
  const client = await new MongoClient(mongoUri()).connect();
  try {
    const docs = await client
      .db(database)
      .collection<StoredText>(collection)
      .find({}, { projection: { view_json: 1, state_json: 1 } })
      .toArray();
    return new Map(
      docs.map((d) => [
        d._id,
        { _id: d._id, view: JSON.parse(d.view_json), state: JSON.parse(d.state_json) },
      ]),
    );
  } finally {
    await client.close();
  }
}

export async function countDashboards(database: string): Promise<number> {
  const client = await new MongoClient(mongoUri()).connect();
  try {
    return await client.db(database).collection('dashboards').countDocuments();
  } finally {
    await client.close();
  }
}
