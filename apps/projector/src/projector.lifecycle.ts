import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ensureTopics, UNLIMITED_RETENTION } from '@app/kafka';
import type { MongoHandle } from '@app/mongo';
import type { Logger } from '@app/platform';
import type { Kafka, Producer } from 'kafkajs';
import { PeriodRollover } from './dashboard-projection/period-rollover';
import type { ProjectorConfig } from './projector.config';
import { CONFIG, KAFKA, LOGGER, MONGO, PRODUCER } from './projector.tokens';
import { LiveVersionFollower } from './replay/live-version-follower';

/**
 * Start-up order: topics and indexes, then the producer, the consumer (on the active read-model version,
 * which the follower keeps it on) and the clock loop; the reverse on shutdown.
 */
@Injectable()
export class ProjectorLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(CONFIG) private readonly config: ProjectorConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PRODUCER) private readonly producer: Producer,
    @Inject(MONGO) private readonly mongo: MongoHandle,
    private readonly versions: LiveVersionFollower,
    private readonly rollover: PeriodRollover,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureTopics();
    await this.producer.connect();
    await this.versions.start();
    this.rollover.start();
    this.logger.info({ topic: this.config.EVENTS_TOPIC }, 'projector started');
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.info({ signal }, 'projector stopping: finishing the batch in hand');
    await this.versions.stop();
    await this.rollover.stop();
    await this.producer.disconnect();
    await this.mongo.client.close();
    this.logger.info('projector stopped');
  }

  private async ensureTopics(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const created = await ensureTopics(
        admin,
        [this.config.EVENTS_TOPIC, this.config.DLQ_TOPIC].map((topic) => ({
          topic,
          partitions: this.config.TOPIC_PARTITIONS,
          config: UNLIMITED_RETENTION,
        })),
      );
      if (created.length > 0) this.logger.info({ created }, 'created topics');
    } finally {
      await admin.disconnect();
    }
  }
}
