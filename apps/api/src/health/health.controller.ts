import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import type { MongoHandle } from '@app/mongo';
import { MONGO } from '../mongo/mongo.tokens';

/** The driver would wait up to its server selection timeout (30 s); a probe must answer sooner. */
export const READY_PING_TIMEOUT_MS = 2_000;

@Controller('health')
export class HealthController {
  constructor(@Inject(MONGO) private readonly mongo: Pick<MongoHandle, 'db'>) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<{ status: 'ok'; mongodb: 'up' }> {
    if (await this.mongoAnswers()) return { status: 'ok', mongodb: 'up' };
    throw new HttpException(
      { statusCode: 503, error: 'Service Unavailable', status: 'unavailable', mongodb: 'down' },
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  }

  private async mongoAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), READY_PING_TIMEOUT_MS);
    });
    const ping = this.mongo.db.command({ ping: 1 }).then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
