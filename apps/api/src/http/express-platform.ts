import type { IncomingMessage, ServerResponse } from 'node:http';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { AnsweredRequest, HttpPlatform } from './http-platform';

/** Express sets `route` on the request once a route matched it. */
type RoutedRequest = IncomingMessage & { readonly route?: { readonly path?: unknown } };

export const expressPlatform: HttpPlatform = {
  createAdapter(observe) {
    const adapter = new ExpressAdapter();
    adapter.disable('x-powered-by');
    // Fastify sends no ETag; nor need we: the dashboard is `Cache-Control: no-store`, probes are never cached.
    adapter.set('etag', false);
    // Used before Nest adds its middleware and routes, so it sees every request.
    adapter.use((req: RoutedRequest, res: ServerResponse, next: () => void) => {
      const started = performance.now();
      res.once('finish', () => observe(answered(req, res, (performance.now() - started) / 1000)));
      next();
    });
    return adapter;
  },

  // Node's own default: `::`, or `0.0.0.0` where IPv6 is missing.
  everyInterface: undefined,
};

function answered(req: RoutedRequest, res: ServerResponse, seconds: number): AnsweredRequest {
  // Nest's middleware is mounted on a catch-all wildcard route, which is what an unknown path matched
  // last: that is no route of ours.
  const path = req.route?.path;
  return {
    method: req.method ?? '',
    route: typeof path === 'string' && !path.includes('*') ? path : undefined,
    statusCode: res.statusCode,
    seconds,
  };
}
