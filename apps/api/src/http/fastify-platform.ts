import { FastifyAdapter } from '@nestjs/platform-fastify';
import { requestId } from '../logging/request-id';
import { answerBadUrl } from './fastify-bad-url';
import type { HttpPlatform } from './http-platform';

export const fastifyPlatform: HttpPlatform = {
  createAdapter(observe) {
    const adapter = new FastifyAdapter({
      // Express routes case-insensitively and with an optional trailing slash; so must Fastify, or a path
      // would be a 200 on one adapter and a 404 on the other.
      routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
      // Node's defaults, which Express keeps (Fastify's own: 72 s, no limit, 503 while closing).
      keepAliveTimeout: 5_000,
      requestTimeout: 300_000,
      return503OnClosing: false,
      // middie hands Fastify's request id to pino-http, which keeps it: it must be the same id.
      genReqId: requestId,
      frameworkErrors: answerBadUrl(observe),
    });
    const fastify = adapter.getInstance();
    // No route takes a body (bodyParser is off), but Fastify parses JSON and text by itself, even for a
    // 404: a body is left unread, as on Express.
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser('*', (_request, _payload, done) => done(null));
    fastify.addHook('onResponse', (request, reply, done) => {
      observe({
        method: request.method,
        route: request.routeOptions.url,
        statusCode: reply.statusCode,
        seconds: reply.elapsedTime / 1000,
      });
      done();
    });
    return adapter;
  },

  // Fastify would bind localhost only; `::` is what Node binds without a host (IPv4 too, dual stack).
  everyInterface: '::',
};
