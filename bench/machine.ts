import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { MongoClient } from 'mongodb';
import { versions } from '../scripts/infra/versions';
import { testKafka } from '../test/support/kafka-client';

export interface Machine {
  readonly date: string;
  readonly cores: number;
  readonly cpu: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly kafka: string;
  /** The MongoDB-protocol server: FerretDB and its backend, or MongoDB. */
  readonly documentStore: string;
  readonly commit: string;
}

const git = (...args: string[]): string => {
  try {
    return execFileSync('git', args, { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};

/**
 * The MongoDB-protocol server a `buildInfo` reply describes: FerretDB with `storage` (what backs it, when
 * the bench runs its own), or MongoDB.
 */
export function documentStoreName(buildInfo: Record<string, unknown>, storage?: string): string {
  return buildInfo.ferretdbVersion
    ? `FerretDB ${String(buildInfo.ferretdbVersion)} (${storage ? `${storage} backend` : 'external server'})`
    : `MongoDB ${String(buildInfo.version)}`;
}

/** What ran the bench: cores, memory, server versions and the code's commit. */
export async function describeMachine(mongoUri: string, storage?: string): Promise<Machine> {
  const client = await new MongoClient(mongoUri).connect();
  const info = await client.db('admin').command({ buildInfo: 1 });
  await client.close();
  const admin = testKafka('bench-machine').admin();
  await admin.connect();
  const { brokers } = await admin.describeCluster();
  await admin.disconnect();
  const dirty =
    git('status', '--porcelain', '--', 'apps', 'libs') !== '' ? ' + uncommitted changes in apps/libs' : '';
  return {
    date: new Date().toISOString(),
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    kafka: `${versions.kafka} (KRaft, ${brokers.length} broker; version as provisioned by scripts/infra)`,
    documentStore: documentStoreName(info, storage),
    commit: `${git('rev-parse', '--short', 'HEAD')}${dirty}`,
  };
}
