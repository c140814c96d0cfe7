import type { InfraConfig } from './config';
import { localFerretdb } from './ferretdb';
import { localKafka } from './kafka';
import { localPostgresql } from './postgresql';
import { kafkaAnswers, mongoAnswers, postgresAnswers } from './probes';
import type { LocalServer } from './server';

export type ServerName = LocalServer['name'];

/** One server: either an external one named by an env variable, or a local one we manage. */
export interface Service {
  readonly local: LocalServer;
  /** The variable that names an external server instead; storage behind another server has none. */
  readonly envVar?: 'KAFKA_BROKERS' | 'MONGODB_URI';
  /** Set when the env variable names an external server: nothing is provisioned or started then. */
  readonly external?: string;
  /** A server that must answer before this one starts. */
  readonly after?: ServerName;
  answers(address: string): Promise<boolean>;
}

/** Kafka, FerretDB and, unless `MONGODB_URI` names another MongoDB server, PostgreSQL under FerretDB. */
export function services(cfg: InfraConfig): Service[] {
  const postgresql = localPostgresql({ port: cfg.postgresPort });
  const storage: Service[] = cfg.mongoUri ? [] : [{ local: postgresql, answers: postgresAnswers }];
  return [
    {
      local: localKafka({ port: cfg.kafkaPort, controllerPort: cfg.kafkaControllerPort }),
      envVar: 'KAFKA_BROKERS',
      external: cfg.kafkaBrokers,
      answers: kafkaAnswers,
    },
    ...storage,
    {
      local: localFerretdb({ port: cfg.mongoPort, postgresUrl: postgresql.address }),
      envVar: 'MONGODB_URI',
      external: cfg.mongoUri,
      after: cfg.mongoUri ? undefined : 'postgresql',
      answers: mongoAnswers,
    },
  ];
}
