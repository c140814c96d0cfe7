import { Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import {
  ActiveCollectionFollower,
  connectMongoPatiently,
  type DashboardDocument,
  type MongoHandle,
} from '@app/mongo';
import { API_CONFIG, type ApiConfig } from '../api.config';
import { DASHBOARDS, MONGO } from './mongo.tokens';

@Injectable()
class MongoLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('MongoModule');

  constructor(
    @Inject(MONGO) private readonly mongo: MongoHandle,
    @Inject(DASHBOARDS) private readonly dashboards: ActiveCollectionFollower<DashboardDocument>,
  ) {}

  // Runs after the HTTP server has stopped accepting requests.
  async onApplicationShutdown(): Promise<void> {
    this.dashboards.stop();
    await this.mongo.client.close();
    this.logger.log('MongoDB connection closed');
  }
}

@Module({
  providers: [
    {
      provide: MONGO,
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig): Promise<MongoHandle> =>
        connectMongoPatiently(config, 'api', (error, attempt) =>
          new Logger('MongoModule').warn(`MongoDB not reachable yet (attempt ${attempt}): ${String(error)}`),
        ),
    },
    {
      provide: DASHBOARDS,
      inject: [MONGO, API_CONFIG],
      useFactory: async (mongo: MongoHandle, config: ApiConfig) => {
        const logger = new Logger('ActiveCollectionFollower');
        const follower = new ActiveCollectionFollower<DashboardDocument>(
          mongo.db,
          config.READ_MODEL_POLL_MS,
          (error) =>
            logger.warn(
              `could not re-read the active dashboards collection, keeping the last one: ${String(error)}`,
            ),
        );
        await follower.start();
        return follower;
      },
    },
    MongoLifecycle,
  ],
  exports: [MONGO, DASHBOARDS],
})
export class MongoModule {}
