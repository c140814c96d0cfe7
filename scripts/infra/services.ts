import type { InfraConfig } from './config';
import { localFerretdb } from './ferretdb';
import { localKafka } from './kafka';
import { kafkaAnswers, mongoAnswers } from './probes';
import type { LocalServer } from './server';

export type ServerName = LocalServer['name'];

/** One server the tests need: either an external one named by an env variable, or a local one we manage. */
export interface Service {
  readonly local: LocalServer;
  readonly envVar: 'KAFKA_BROKERS' | 'MONGODB_URI';
  /** Set when the env variable names an external server: nothing is provisioned or started then. */
  readonly external?: string;
  answers(address: string): Promise<boolean>;
}

export function services(cfg: InfraConfig): Service[] {
  return [
    {
      local: localKafka({ port: cfg.kafkaPort, controllerPort: cfg.kafkaControllerPort }),
      envVar: 'KAFKA_BROKERS',
      external: cfg.kafkaBrokers,
      answers: kafkaAnswers,
    },
    {
      local: localFerretdb({ port: cfg.mongoPort }),
      envVar: 'MONGODB_URI',
      external: cfg.mongoUri,
      answers: mongoAnswers,
    },
  ];
}
