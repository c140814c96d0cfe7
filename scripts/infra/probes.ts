import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { postgresBinDir } from './postgresql-provision';

/** True when a broker in `brokers` (comma-separated host:port) answers a metadata request. */
export async function kafkaAnswers(brokers: string): Promise<boolean> {
  const kafka = new Kafka({
    clientId: 'infra-probe',
    brokers: brokers.split(',').map((b) => b.trim()),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 2_000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** True when the server at `uri` answers a `ping`. */
export async function mongoAnswers(uri: string): Promise<boolean> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 1_000, connectTimeoutMS: 1_000 });
  try {
    await client.connect();
    const reply = await client.db('admin').command({ ping: 1 });
    return reply.ok === 1;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** True when the PostgreSQL server at `uri` accepts connections (`pg_isready` exits 0). */
export function postgresAnswers(uri: string): Promise<boolean> {
  const dir = postgresBinDir();
  if (!dir) return Promise.resolve(false);
  return new Promise((resolve) =>
    execFile(join(dir, 'pg_isready'), ['--dbname', uri, '--timeout', '2'], (error) =>
      resolve(error === null),
    ),
  );
}
