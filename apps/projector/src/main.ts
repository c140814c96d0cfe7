import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError } from '@app/platform';
import { loadProjectorConfig, type ProjectorConfig } from './projector.config';
import { ProjectorModule } from './projector.module';
import { LOGGER } from './projector.tokens';
import type { Logger } from '@app/platform';

function configOrExit(): ProjectorConfig {
  try {
    return loadProjectorConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`projector: ${error.message}\n`);
    process.exit(1);
  }
}

async function bootstrap(): Promise<void> {
  const config = configOrExit();
  const app = await NestFactory.create(ProjectorModule.forRoot(config), { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.listen(config.PROJECTOR_PORT);
  app.get<Logger>(LOGGER).info({ port: config.PROJECTOR_PORT }, 'health and metrics listening');
}

void bootstrap();
