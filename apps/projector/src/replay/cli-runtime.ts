import { createKafka } from '@app/kafka';
import { connectMongo, type MongoHandle } from '@app/mongo';
import { clockFrom, createLogger, type Clock, type Logger } from '@app/platform';
import type { Admin, Kafka } from 'kafkajs';
import { ProjectorMetrics } from '../observability/projector.metrics';
import type { ReplayConfig } from './replay.config';

/** What the operator commands (replay, verify, dlq) share: clients of the same servers the projector uses. */
export interface CliRuntime {
  readonly config: ReplayConfig;
  readonly logger: Logger;
  /** The fold's "now": `CLOCK_FIXED_AT` / `CLOCK_START_AT` as for the projector. */
  readonly clock: Clock;
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly mongo: MongoHandle;
  readonly metrics: ProjectorMetrics;
  close(): Promise<void>;
}

export async function openRuntime(config: ReplayConfig, app: string): Promise<CliRuntime> {
  const logger = createLogger(app, config.LOG_LEVEL);
  const kafka = createKafka(config, logger);
  const admin = kafka.admin();
  await admin.connect();
  const mongo = await connectMongo(config, app);
  return {
    config,
    logger,
    clock: clockFrom({ fixedAt: config.CLOCK_FIXED_AT, startAt: config.CLOCK_START_AT }),
    kafka,
    admin,
    mongo,
    metrics: new ProjectorMetrics(),
    close: async () => {
      await admin.disconnect();
      await mongo.client.close();
    },
  };
}
