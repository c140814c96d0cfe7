import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { ApiConfig } from './api.config';
import { ApiModule } from './api.module';

/** Builds the application (not yet listening): shared by main.ts and the integration tests. */
export async function createApiApp(config: ApiConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bufferLogs: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.disable('x-powered-by');
  for (const warning of config.auth.warnings) logger.warn(warning, 'ApiConfig');
  return app;
}
