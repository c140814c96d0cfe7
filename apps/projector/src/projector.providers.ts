import type { Provider } from '@nestjs/common';
import { createKafka } from '@app/kafka';
import {
  ActiveCollectionFollower,
  connectMongoPatiently,
  samplesCollection,
  type DashboardDocument,
  type MongoHandle,
} from '@app/mongo';
import { clockFrom, createLogger, type Clock, type Logger } from '@app/platform';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { DashboardProjector } from './dashboard-projection/dashboard-projector';
import { DeadLetterPublisher } from './dashboard-projection/dead-letter.publisher';
import { EventsConsumer } from './dashboard-projection/events-consumer';
import { PeriodRollover } from './dashboard-projection/period-rollover';
import { ProjectorMetrics } from './observability/projector.metrics';
import type { ProjectorConfig } from './projector.config';
import { CLOCK, CONFIG, KAFKA, LOGGER, MONGO, PRODUCER, READ_MODEL } from './projector.tokens';

type Follower = ActiveCollectionFollower<DashboardDocument>;

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
      inject: [MONGO, LOGGER],
      useFactory: (mongo: MongoHandle, logger: Logger) =>
        new ActiveCollectionFollower<DashboardDocument>(mongo.db, 1000, (err) =>
          logger.warn({ err }, 'could not refresh the active read model'),
        ),
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
      inject: [MONGO, READ_MODEL, PRODUCER, CLOCK, ProjectorMetrics, LOGGER],
      useFactory: (
        mongo: MongoHandle,
        follower: Follower,
        producer: Producer,
        clock: Clock,
        metrics: ProjectorMetrics,
        logger: Logger,
      ) =>
        new DashboardProjector(
          () => ({ dashboards: follower.collection(), samples: samplesCollection(mongo.db) }),
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
          kafka.consumer({
            groupId: config.CONSUMER_GROUP,
            allowAutoTopicCreation: false,
            maxWaitTimeInMs: config.FETCH_MAX_WAIT_MS,
            sessionTimeout: config.CONSUMER_SESSION_TIMEOUT_MS,
            heartbeatInterval: Math.min(3000, Math.floor(config.CONSUMER_SESSION_TIMEOUT_MS / 4)),
          }),
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
      provide: PeriodRollover,
      inject: [READ_MODEL, CLOCK, ProjectorMetrics, LOGGER],
      useFactory: (follower: Follower, clock: Clock, metrics: ProjectorMetrics, logger: Logger) =>
        new PeriodRollover(() => follower.collection(), clock, config.ROLLOVER_INTERVAL_MS, metrics, logger),
    },
  ];
}
