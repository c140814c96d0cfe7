import { BadRequestException } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { AnsweredRequest } from './http-platform';

/**
 * Fastify's `frameworkErrors` for a path that does not percent-decode, which reaches no route, hook or
 * exception filter. Express answers it with Nest's 400 naming the first segment that does not decode
 * (the logging middleware's wildcard route fails to decode it) and counts it in the metrics: so here too.
 */
export function answerBadUrl(observe: (answer: AnsweredRequest) => void) {
  return (_error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const path = request.url.split('?')[0];
    const segment = path.split('/').find((part) => !decodes(part)) ?? path;
    const exception = new BadRequestException(`Failed to decode param '${segment}'`);
    reply.code(exception.getStatus()).send(exception.getResponse());
    observe({
      method: request.method,
      route: undefined,
      statusCode: exception.getStatus(),
      seconds: reply.elapsedTime / 1000,
    });
  };
}

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}
