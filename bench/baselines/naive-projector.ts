// The common tutorial way, as a baseline only: `eachMessage` awaits one `findOneAndUpdate` per event,
// keeping a per-user count and last event. No validation, no dedup, no periods. Run as a process.
// Offsets are committed every second (kafkajs otherwise commits once per fetched batch, which at this
// speed is every few seconds) so that the bench sees its progress finely; that costs next to nothing.
import { MongoClient } from 'mongodb';
import { runBaselineProcess } from './baseline-process';

interface NaiveDashboard {
  _id: string;
  events: number;
  last_type: string;
  last_occurred_at: string;
  last_quantity: number | null;
}

const client = new MongoClient(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017');
const dashboards = client
  .db(process.env.MONGODB_DATABASE ?? 'naive')
  .collection<NaiveDashboard>('dashboards');

runBaselineProcess(
  {},
  async (consumer) => {
    await client.connect();
    await consumer.run({
      autoCommitInterval: 1000,
      eachMessage: async ({ message }) => {
        const event = JSON.parse(message.value?.toString('utf8') ?? '{}') as {
          type?: string;
          occurred_at?: string;
          data?: { quantity?: number | null };
        };
        await dashboards.findOneAndUpdate(
          { _id: message.key?.toString('utf8') ?? '' },
          {
            $inc: { events: 1 },
            $set: {
              last_type: event.type ?? '',
              last_occurred_at: event.occurred_at ?? '',
              last_quantity: event.data?.quantity ?? null,
            },
          },
          { upsert: true },
        );
      },
    });
  },
  () => client.close(),
).catch((error: unknown) => {
  process.stderr.write(`naive projector: ${String(error)}\n`);
  process.exit(1);
});
