import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type { Producer } from 'kafkajs';
import { kafkaBrokers } from './env';

/** A kafkajs client on the test brokers, quiet unless something goes wrong. */
export const testKafka = (clientId = 'test'): Kafka =>
  new Kafka({ clientId, brokers: kafkaBrokers(), logLevel: logLevel.ERROR });

/** A producer with the Java-compatible partitioner (murmur2 on the key), as the apps use. */
export const testProducer = (kafka: Kafka): Producer =>
  kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
