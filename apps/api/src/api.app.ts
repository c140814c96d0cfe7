import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { ApiConfig, HttpAdapterName } from './api.config';
import { ApiModule } from './api.module';
import { expressPlatform } from './http/express-platform';
import { fastifyPlatform } from './http/fastify-platform';
import type { HttpPlatform } from './http/http-platform';
import { HttpMetrics } from './metrics/http-metrics';

const PLATFORMS: Record<HttpAdapterName, HttpPlatform> = {
  express: expressPlatform,
  fastify: fastifyPlatform,
};

/** Builds the application on the configured adapter (not yet listening): shared by main.ts and the tests. */
export async function createApiApp(config: ApiConfig): Promise<INestApplication> {
  const metrics = new HttpMetrics();
  const adapter = PLATFORMS[config.HTTP_ADAPTER].createAdapter((answer) => metrics.observe(answer));
  // No route takes a request body, so none is parsed (the Fastify platform drops Fastify's own parsers).
  const app = await NestFactory.create(ApiModule.forRoot(config, metrics), adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  for (const warning of config.auth.warnings) logger.warn(warning, 'ApiConfig');
  return app;
}

/** Listens on PORT, and on HOST or else on every interface, whichever the adapter. */
export async function listenApi(app: INestApplication, config: ApiConfig): Promise<void> {
  const host = config.HOST ?? PLATFORMS[config.HTTP_ADAPTER].everyInterface;
  if (host) await app.listen(config.PORT, host);
  else await app.listen(config.PORT);
}
