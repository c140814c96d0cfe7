import type { Logger } from '@app/platform';
import type { SourceRecord } from '@app/kafka';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { ProjectorMetrics } from '../observability/projector.metrics';
import { retryUntilDone } from './retry-until-done';

const HEARTBEAT_DURING_CHUNK_MS = 1000;

export interface ConsumerTuning {
  readonly FETCH_MAX_WAIT_MS: number;
  readonly FETCH_MAX_BYTES_PER_PARTITION: number;
  readonly FETCH_MAX_BYTES: number;
  readonly CONSUMER_SESSION_TIMEOUT_MS: number;
}

/** Consumers of the events topic, one per group, tuned alike for the live projector and replays. */
export function groupConsumers(kafka: Kafka, tuning: ConsumerTuning): (groupId: string) => Consumer {
  return (groupId) =>
    kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: tuning.FETCH_MAX_WAIT_MS,
      maxBytesPerPartition: tuning.FETCH_MAX_BYTES_PER_PARTITION,
      maxBytes: tuning.FETCH_MAX_BYTES,
      sessionTimeout: tuning.CONSUMER_SESSION_TIMEOUT_MS,
      heartbeatInterval: Math.min(3000, Math.floor(tuning.CONSUMER_SESSION_TIMEOUT_MS / 4)),
    });
}

/** Folds one chunk of one partition's records; resolves only once the result is durable. */
export interface RecordsHandler {
  handle(records: readonly SourceRecord[]): Promise<void>;
}

export interface ConsumerOptions {
  readonly topic: string;
  readonly chunkSize: number;
  readonly partitionsConsumedConcurrently: number;
}

/**
 * The consumer loop: per fetched batch of one partition, chunk by chunk, fold and write, then resolve
 * the chunk's last offset and heartbeat; offsets are committed only after the writes. kafkajs waits for
 * the batch in hand before it disconnects, so a shutdown finishes it. A kafkajs consumer belongs to one
 * group for life, so `start` creates one for the group of the read-model version being projected: a
 * switch of versions is `stop()` then `start(newGroup)`.
 */
export class EventsConsumer {
  private joined = false;
  private consumer: Consumer | undefined;

  constructor(
    private readonly createConsumer: (groupId: string) => Consumer,
    private readonly projector: RecordsHandler,
    private readonly options: ConsumerOptions,
    private readonly metrics: ProjectorMetrics,
    private readonly logger: Logger,
  ) {}

  get isJoined(): boolean {
    return this.joined;
  }

  async start(groupId: string): Promise<void> {
    const consumer = this.createConsumer(groupId);
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.joined = true;
      this.logger.info({ group: groupId, assignment: payload.memberAssignment }, 'joined the consumer group');
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.joined = false;
      this.logger.error({ err: payload.error, restart: payload.restart }, 'consumer crashed');
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic: this.options.topic, fromBeginning: true });
    await consumer.run({
      eachBatchAutoResolve: false,
      autoCommit: true,
      // Commit after every chunk (commitOffsetsIfNecessary commits nothing without a threshold or interval).
      autoCommitThreshold: 1,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  /** Finishes the chunk in hand, commits and leaves the group. */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect();
    this.joined = false;
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    const records: SourceRecord[] = batch.messages.map((m) => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: m.offset,
      key: m.key,
      value: m.value,
      headers: m.headers,
    }));
    for (let from = 0; from < records.length; from += this.options.chunkSize) {
      if (!isRunning() || isStale()) return;
      const chunk = records.slice(from, from + this.options.chunkSize);
      // kafkajs heartbeats only when asked: a chunk slower than the session timeout (a replay's full
      // chunks on a slow store) would otherwise cost the partitions and be redone forever.
      const beating = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_DURING_CHUNK_MS);
      await retryUntilDone(() => this.projector.handle(chunk), {
        keepTrying: () => isRunning() && !isStale(),
        heartbeat,
        onFailure: (error, attempt, delayMs) => {
          this.metrics.failures.inc();
          this.logger.warn(
            {
              err: error,
              partition: batch.partition,
              firstOffset: chunk[0].offset,
              attempt,
              retryInMs: delayMs,
            },
            'batch failed, retrying',
          );
        },
      }).finally(() => clearInterval(beating));
      resolveOffset(chunk[chunk.length - 1].offset);
      await heartbeat();
      await commitOffsetsIfNecessary();
    }
  }
}
