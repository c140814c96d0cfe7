import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LevelWithSilent } from 'pino';
import type { Params } from 'nestjs-pino';
import { createLogger } from '@app/platform';
import { requestId } from './request-id';

const QUIET_PATHS = /^\/(health\/(live|ready)|metrics)(\?|$)/;

/**
 * One JSON line per request with method, url, status and duration. Headers are not serialised at all,
 * so the Authorization header (the bearer token) can never reach the logs. Probe and scrape requests are
 * logged at debug level only.
 */
export function loggingOptions(level: string): Params {
  return {
    pinoHttp: {
      logger: createLogger('api', level as LevelWithSilent),
      genReqId: requestId,
      quietReqLogger: true,
      customAttributeKeys: { responseTime: 'duration_ms' },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], remove: true },
      customLogLevel: (req: IncomingMessage, res: ServerResponse, error?: Error) => {
        if (error || res.statusCode >= 500) return 'error';
        return QUIET_PATHS.test(req.url ?? '') ? 'debug' : 'info';
      },
    },
  };
}
