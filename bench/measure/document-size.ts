import { MongoClient } from 'mongodb';
import { mongoUri } from '../../test/support/env';

interface StoredText {
  _id: string;
  view_json: string;
  state_json: string;
}

/** Documents in a dashboards collection and their mean stored size (`view_json` + `state_json` chars). */
export async function dashboardSizes(database: string): Promise<{ documents: number; meanBytes: number }> {
  const client = await new MongoClient(mongoUri()).connect();
  try {
    let documents = 0;
    let total = 0;
    const cursor = client
      .db(database)
      .collection<StoredText>('dashboards')
      .find({}, { projection: { view_json: 1, state_json: 1 } });
    for await (const doc of cursor) {
      documents++;
      total += doc.view_json.length + doc.state_json.length;
    }
    return { documents, meanBytes: documents > 0 ? total / documents : 0 };
  } finally {
    await client.close();
  }
}
