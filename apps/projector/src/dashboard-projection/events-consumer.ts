import type { Logger } from '@app/platform';
import type { SourceRecord } from '@app/kafka';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import type { ProjectorMetrics } from '../observability/projector.metrics';
import type { DashboardProjector } from './dashboard-projector';
import { retryUntilDone } from './retry-until-done';

export interface ConsumerOptions {
  readonly topic: string;
  readonly chunkSize: number;
  readonly partitionsConsumedConcurrently: number;
}

/**
 * The consumer loop: per fetched batch of one partition, chunk by chunk, fold and write, then resolve
 * the chunk's last offset and heartbeat; offsets are committed only after the writes. kafkajs waits for
 * the batch in hand before it disconnects, so a shutdown finishes it.
 */
export class EventsConsumer {
  private joined = false;

  constructor(
    private readonly consumer: Consumer,
    private readonly projector: DashboardProjector,
    private readonly options: ConsumerOptions,
    private readonly metrics: ProjectorMetrics,
    private readonly logger: Logger,
  ) {
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.joined = true;
      this.logger.info({ assignment: payload.memberAssignment }, 'joined the consumer group');
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.joined = false;
      this.logger.error({ err: payload.error, restart: payload.restart }, 'consumer crashed');
    });
  }

  get isJoined(): boolean {
    return this.joined;
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.options.topic, fromBeginning: true });
    await this.consumer.run({
      eachBatchAutoResolve: false,
      autoCommit: true,
      // Commit after every chunk (commitOffsetsIfNecessary commits nothing without a threshold or interval).
      autoCommitThreshold: 1,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
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
      });
      resolveOffset(chunk[chunk.length - 1].offset);
      await heartbeat();
      await commitOffsetsIfNecessary();
    }
  }
}
