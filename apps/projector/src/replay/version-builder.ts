import {
  ensureDashboardIndexes,
  ensureSampleIndexes,
  sampleLedger,
  type DashboardDocument,
} from '@app/mongo';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventsConsumer, groupConsumers } from '../dashboard-projection/events-consumer';
import type { CliRuntime } from './cli-runtime';
import type { BoundVersion } from './projected-version';
import { ReplayRecordsHandler } from './replay-records-handler';
import { committedOffsets, hasReached, topicRange, type Offsets } from './topic-offsets';

/**
 * Builds one read-model version from the events topic: the live projector's consumer loop and fold, with
 * the version's own consumer group, collection and samples ledger. The group's committed offsets are the checkpoint: a
 * run that was killed continues from them (documents record their positions, so the chunk in flight at
 * the kill is skipped, not applied twice).
 */
export class VersionBuilder {
  readonly handler: ReplayRecordsHandler;
  private readonly consumer: EventsConsumer;
  private running = false;

  constructor(
    private readonly runtime: CliRuntime,
    readonly version: BoundVersion,
  ) {
    const { config, mongo, kafka, clock, metrics, logger } = runtime;
    this.handler = new ReplayRecordsHandler(
      { dashboards: this.dashboards(), ledger: sampleLedger(mongo.db, version.samples) },
      clock,
    );
    this.consumer = new EventsConsumer(
      groupConsumers(kafka, config),
      this.handler,
      {
        topic: config.EVENTS_TOPIC,
        chunkSize: config.BATCH_CHUNK_SIZE,
        partitionsConsumedConcurrently: config.REPLAY_PARTITIONS_CONSUMED_CONCURRENTLY,
      },
      metrics,
      logger.child({ version: version.collection }),
    );
  }

  dashboards() {
    return this.runtime.mongo.db.collection<DashboardDocument>(this.version.collection);
  }

  get isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const { admin, config } = this.runtime;
    const { starts } = await topicRange(admin, config.EVENTS_TOPIC);
    this.handler.seed(await committedOffsets(admin, this.version.group, config.EVENTS_TOPIC, starts));
    await ensureDashboardIndexes(this.dashboards());
    await ensureSampleIndexes(sampleLedger(this.runtime.mongo.db, this.version.samples).samples);
    this.running = true;
    await this.consumer.start(this.version.group);
  }

  /** Finishes the chunk in hand and commits it. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.consumer.stop();
  }

  /** Waits until every partition is folded up to `ends`; `check` may throw to give up (lock lost, deadline). */
  async waitUntilReached(ends: Offsets, check: () => void = () => undefined): Promise<void> {
    while (!hasReached(this.handler.positions, ends)) {
      check();
      await sleep(100);
    }
  }
}
