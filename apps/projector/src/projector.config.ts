import { DEFAULT_DLQ_TOPIC, DEFAULT_EVENTS_TOPIC } from '@app/contracts';
import { commonEnv, loadConfig } from '@app/platform';
import { kafkaEnv } from '@app/kafka';
import { mongoEnv } from '@app/mongo';
import { num, port, str, makeValidator } from 'envalid';

const positiveInt = makeValidator<number>((input) => {
  const value = Number(input);
  if (!Number.isInteger(value) || value < 1) throw new Error(`must be a whole number ≥ 1, got "${input}"`);
  return value;
});

const instant = makeValidator<Date | undefined>((input) => {
  if (input === '') return undefined;
  const at = new Date(input);
  if (Number.isNaN(at.getTime())) throw new Error(`must be an ISO 8601 instant, got "${input}"`);
  return at;
});

export const projectorEnv = {
  ...commonEnv,
  ...kafkaEnv,
  ...mongoEnv,
  EVENTS_TOPIC: str({ default: DEFAULT_EVENTS_TOPIC, desc: 'the event store topic' }),
  DLQ_TOPIC: str({ default: DEFAULT_DLQ_TOPIC, desc: 'the dead-letter topic' }),
  CONSUMER_GROUP: str({ default: 'dashboard-projector', desc: 'Kafka consumer group of the projectors' }),
  TOPIC_PARTITIONS: positiveInt({ default: 12, desc: 'partitions of the topics the projector creates' }),
  PARTITIONS_CONSUMED_CONCURRENTLY: positiveInt({ default: 4, desc: 'partitions folded in parallel' }),
  // Each chunk writes every user it touches once, so the records per write set the drain rate: one fetch
  // of 8 MiB holds ~20,000 typical records, and 30,000 keeps one fetch one chunk (see BENCHMARKS.md).
  BATCH_CHUNK_SIZE: positiveInt({ default: 30_000, desc: 'records per write within a fetched batch' }),
  CONSUMER_SESSION_TIMEOUT_MS: positiveInt({
    default: 30_000,
    desc: 'how long the group waits for a silent projector before giving its partitions to another',
  }),
  FETCH_MAX_WAIT_MS: num({ default: 100, desc: 'longest a fetch waits for data when the topic is idle' }),
  FETCH_MAX_BYTES_PER_PARTITION: positiveInt({
    default: 8_388_608,
    desc: 'most bytes one fetch takes from one partition (a batch; it is folded in chunks)',
  }),
  FETCH_MAX_BYTES: positiveInt({
    default: 33_554_432,
    desc: 'most bytes one fetch takes from a broker, over all its partitions',
  }),
  CLOCK_FIXED_AT: instant({
    default: undefined,
    desc: 'freeze the clock at this instant (tests, reproductions)',
  }),
  CLOCK_START_AT: instant({ default: undefined, desc: 'start the clock at this instant, then let it run' }),
  ROLLOVER_INTERVAL_MS: positiveInt({
    default: 10_000,
    desc: 'how often documents past a period boundary are rebuilt',
  }),
  READ_MODEL_POLL_MS: positiveInt({
    default: 1000,
    desc: 'how often the projector re-reads read_model_meta to follow a switch of read-model versions',
  }),
  PROJECTOR_PORT: port({ default: 8001, desc: 'port of the projector health and metrics endpoints' }),
};

export type ProjectorConfig = ReturnType<typeof loadProjectorConfig>;

export function loadProjectorConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(projectorEnv, env);
}
