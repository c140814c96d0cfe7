import type { Provider } from '@nestjs/common';
import { createKafka } from '@app/kafka';
import { connectMongoPatiently, type MongoHandle } from '@app/mongo';
import { clockFrom, createLogger, type Clock, type Logger } from '@app/platform';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { DashboardProjector } from './dashboard-projection/dashboard-projector';
import { DeadLetterPublisher } from './dashboard-projection/dead-letter.publisher';
import { EventsConsumer, groupConsumers } from './dashboard-projection/events-consumer';
import { PeriodRollover } from './dashboard-projection/period-rollover';
import { ProjectorMetrics } from './observability/projector.metrics';
import type { ProjectorConfig } from './projector.config';
import { CLOCK, CONFIG, KAFKA, LOGGER, MONGO, PRODUCER, READ_MODEL } from './projector.tokens';
import { LiveVersionFollower } from './replay/live-version-follower';
import { ProjectedVersion } from './replay/projected-version';

export function projectorProviders(config: ProjectorConfig): Provider[] {
  return [
    { provide: CONFIG, useValue: config },
    { provide: LOGGER, useFactory: () => createLogger('projector', config.LOG_LEVEL) },
    {
      provide: CLOCK,
      useFactory: () => clockFrom({ fixedAt: config.CLOCK_FIXED_AT, startAt: config.CLOCK_START_AT }),
    },
    ProjectorMetrics,
    {
      provide: MONGO,
      inject: [LOGGER],
      // The database may still be starting: wait for it rather than crash.
      useFactory: (logger: Logger) =>
        connectMongoPatiently(config, 'projector', (err, attempt) =>
          logger.warn({ err, attempt }, 'MongoDB not reachable yet, retrying'),
        ),
    },
    {
      provide: READ_MODEL,
      inject: [MONGO],
      useFactory: (mongo: MongoHandle) => new ProjectedVersion(mongo.db, config.CONSUMER_GROUP),
    },
    { provide: KAFKA, inject: [LOGGER], useFactory: (logger: Logger) => createKafka(config, logger) },
    {
      provide: PRODUCER,
      inject: [KAFKA],
      useFactory: (kafka: Kafka) =>
        kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner }),
    },
    {
      provide: DashboardProjector,
      inject: [READ_MODEL, PRODUCER, CLOCK, ProjectorMetrics, LOGGER],
      useFactory: (
        projected: ProjectedVersion,
        producer: Producer,
        clock: Clock,
        metrics: ProjectorMetrics,
        logger: Logger,
      ) =>
        new DashboardProjector(
          () => ({ dashboards: projected.dashboards(), ledger: projected.ledger() }),
          new DeadLetterPublisher(producer, config.DLQ_TOPIC),
          clock,
          metrics,
          logger,
        ),
    },
    {
      provide: EventsConsumer,
      inject: [KAFKA, DashboardProjector, ProjectorMetrics, LOGGER],
      useFactory: (kafka: Kafka, projector: DashboardProjector, metrics: ProjectorMetrics, logger: Logger) =>
        new EventsConsumer(
          groupConsumers(kafka, config),
          projector,
          {
            topic: config.EVENTS_TOPIC,
            chunkSize: config.BATCH_CHUNK_SIZE,
            partitionsConsumedConcurrently: config.PARTITIONS_CONSUMED_CONCURRENTLY,
          },
          metrics,
          logger,
        ),
    },
    {
      provide: LiveVersionFollower,
      inject: [MONGO, READ_MODEL, EventsConsumer, LOGGER],
      useFactory: (
        mongo: MongoHandle,
        projected: ProjectedVersion,
        consumer: EventsConsumer,
        logger: Logger,
      ) =>
        new LiveVersionFollower(
          mongo.db,
          projected,
          config.CONSUMER_GROUP,
          consumer,
          config.READ_MODEL_POLL_MS,
          logger,
        ),
    },
    {
      provide: PeriodRollover,
      inject: [READ_MODEL, CLOCK, ProjectorMetrics, LOGGER],
      // Follows the projected version: after a switch the clock loop keeps the new collection current.
      useFactory: (projected: ProjectedVersion, clock: Clock, metrics: ProjectorMetrics, logger: Logger) =>
        new PeriodRollover(() => projected.dashboards(), clock, config.ROLLOVER_INTERVAL_MS, metrics, logger),
    },
  ];
}
