import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import type { MongoHandle } from '@app/mongo';
import { EventsConsumer } from '../dashboard-projection/events-consumer';
import { MONGO } from '../projector.tokens';

@Controller('health')
export class HealthHttpController {
  constructor(
    @Inject(MONGO) private readonly mongo: MongoHandle,
    private readonly consumer: EventsConsumer,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready when the database answers and the consumer is in its group. */
  @Get('ready')
  async ready(): Promise<{ status: 'ok'; mongo: 'up'; consumer: 'joined' }> {
    const mongo = await this.mongo.db
      .command({ ping: 1 })
      .then(() => true)
      .catch(() => false);
    if (!mongo || !this.consumer.isJoined) {
      throw new ServiceUnavailableException({
        status: 'unavailable',
        mongo: mongo ? 'up' : 'down',
        consumer: this.consumer.isJoined ? 'joined' : 'not joined',
      });
    }
    return { status: 'ok', mongo: 'up', consumer: 'joined' };
  }
}
