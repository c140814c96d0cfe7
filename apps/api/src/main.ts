import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { ConfigError } from '@app/platform';
import { createApiApp, listenApi } from './api.app';
import { loadApiConfig, type ApiConfig } from './api.config';

function configOrExit(): ApiConfig {
  try {
    return loadApiConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`api: ${error.message}\n`);
    process.exit(1);
  }
}

async function bootstrap(): Promise<void> {
  const config = configOrExit();
  const app = await createApiApp(config);
  // process.exit (not re-raising the signal) lets pino flush its buffered lines: graceful stop = exit 0.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await listenApi(app, config);
  const { algorithms, key } = config.auth;
  app
    .get(Logger)
    .log(
      `api listening on port ${config.PORT} (${config.HTTP_ADAPTER}, JWT ${key.kind}, algorithms ${algorithms.join(',')})`,
      'Bootstrap',
    );
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `api: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
