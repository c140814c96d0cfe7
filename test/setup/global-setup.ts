import { upForTestRun } from '../../scripts/infra/test-runs';

/**
 * Brings Kafka and the MongoDB-protocol server up once per Jest run (reusing servers that already answer,
 * or the ones `KAFKA_BROKERS` / `MONGODB_URI` name) and hands their addresses to the test workers, which
 * inherit this process's environment.
 */
export default async function globalSetup(): Promise<void> {
  process.stderr.write('\n');
  const result = await upForTestRun();
  process.env.KAFKA_BROKERS = result.kafkaBrokers;
  process.env.MONGODB_URI = result.mongoUri;
}
