import { Kafka, logLevel, type LogEntry, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';
import { brokerList, type KafkaConfig } from './kafka.config';

const toPino: Record<logLevel, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.NOTHING]: 'debug',
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** kafkajs logs through the app's pino logger, as structured lines like the rest. */
function pinoLogCreator(logger: Logger): logCreator {
  return () =>
    ({ level, log }: LogEntry) => {
      const { message, ...extra } = log;
      logger[toPino[level]]({ kafka: extra }, message);
    };
}

/**
 * A kafkajs client for the configured brokers. Retries are generous: an unreachable broker makes the
 * caller wait and retry rather than fail.
 */
export function createKafka(config: KafkaConfig, logger: Logger): Kafka {
  return new Kafka({
    clientId: config.KAFKA_CLIENT_ID,
    brokers: brokerList(config),
    logLevel: logLevel.WARN,
    logCreator: pinoLogCreator(logger.child({ component: 'kafkajs' })),
    connectionTimeout: 3000,
    retry: { initialRetryTime: 300, retries: 10, maxRetryTime: 10_000 },
  });
}
