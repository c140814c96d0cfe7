import { str } from 'envalid';

/** Comma-separated `host:port` list. */
export const kafkaEnv = {
  KAFKA_BROKERS: str({ default: '127.0.0.1:9092', desc: 'comma-separated Kafka bootstrap brokers' }),
  KAFKA_CLIENT_ID: str({ default: 'biometrics', desc: 'Kafka client id' }),
};

export interface KafkaConfig {
  readonly KAFKA_BROKERS: string;
  readonly KAFKA_CLIENT_ID: string;
}

export function brokerList(config: KafkaConfig): string[] {
  return config.KAFKA_BROKERS.split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
}
