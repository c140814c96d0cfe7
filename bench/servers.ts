import { down, up, type ServerName } from '../scripts/infra/infra';
import { postgresVersion } from '../scripts/infra/postgresql-provision';

/** Ports of the bench's own server pair, so concurrent test suites neither skew nor suffer from it. */
const BENCH_PORTS = { INFRA_KAFKA_PORT: '29092', INFRA_MONGO_PORT: '27029' } as const;

/** The env the infra scripts read for the bench: its own ports unless the caller chose others. */
export const infraEnv = (): NodeJS.ProcessEnv => ({ ...BENCH_PORTS, ...process.env });

export interface Servers {
  readonly kafkaBrokers: string;
  readonly mongoUri: string;
  /** What stores FerretDB's data, when the bench runs its own FerretDB (`PostgreSQL 15.18`). */
  readonly storage?: string;
  /** Stops only the servers this run started. */
  stop(): Promise<void>;
}

/**
 * Brings up Kafka, PostgreSQL and FerretDB (or reuses running ones); `withoutKafka`: only the last two.
 * `KAFKA_BROKERS` / `MONGODB_URI` name external servers; `INFRA_KAFKA_PORT` / `INFRA_MONGO_PORT` /
 * `INFRA_POSTGRES_PORT` pick the local ones (default 29092 / 27029 / 27030). The addresses are exported to
 * `process.env`, where the test helpers that start the apps read them.
 */
export async function startServers(
  log: (line: string) => void,
  opts: { withoutKafka?: boolean } = {},
): Promise<Servers> {
  const env = infraEnv();
  const result = await up({ env, log: (line) => log(`[infra] ${line}`), withoutKafka: opts.withoutKafka });
  if (result.kafkaBrokers) process.env.KAFKA_BROKERS = result.kafkaBrokers;
  process.env.MONGODB_URI = result.mongoUri;
  const started: ServerName[] = result.started;
  return {
    kafkaBrokers: result.kafkaBrokers,
    mongoUri: result.mongoUri,
    storage: env.MONGODB_URI ? undefined : postgresVersion(),
    stop: async () => {
      if (started.length > 0) await down(started, { env, log: (line) => log(`[infra] ${line}`) });
    },
  };
}
