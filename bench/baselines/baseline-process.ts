import { Kafka, logLevel, type Consumer, type ConsumerConfig } from 'kafkajs';

/** The line a baseline prints once it has joined its group; the bench starts its clock then. */
export const JOINED_LINE = 'baseline: joined';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

export const baselineEnv = () => ({
  brokers: required('KAFKA_BROKERS').split(','),
  topic: required('EVENTS_TOPIC'),
  group: required('CONSUMER_GROUP'),
});

/**
 * Runs a baseline consumer as its own process, like the projector: connects, subscribes from the
 * beginning, lets `run` start it, says when it joined, and disconnects on SIGTERM.
 */
export async function runBaselineProcess(
  config: Omit<ConsumerConfig, 'groupId'>,
  run: (consumer: Consumer) => Promise<void>,
  cleanup: () => Promise<void> = async () => undefined,
): Promise<void> {
  const env = baselineEnv();
  const kafka = new Kafka({ clientId: 'bench-baseline', brokers: env.brokers, logLevel: logLevel.ERROR });
  const consumer = kafka.consumer({ ...config, groupId: env.group });
  consumer.on(consumer.events.GROUP_JOIN, () => process.stdout.write(`${JOINED_LINE}\n`));
  const stop = async () => {
    await consumer.disconnect();
    await cleanup();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  await consumer.connect();
  await consumer.subscribe({ topic: env.topic, fromBeginning: true });
  await run(consumer);
}
