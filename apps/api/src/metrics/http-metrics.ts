import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { AnsweredRequest } from '../http/http-platform';

/** Unmatched paths share one label so that scanners cannot blow up the series count. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * One registry per app instance (not prom-client's global one), so several apps can live in one process,
 * as they do in the integration tests.
 */
export class HttpMetrics {
  readonly registry = new Registry();
  readonly requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by method, matched route and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** A guard's 401 still counts for the route it guards; the not-found handler's 404 for no route. */
  observe({ method, route, statusCode, seconds }: AnsweredRequest): void {
    this.requestDuration.observe(
      { method, route: route ?? UNMATCHED_ROUTE, status_code: String(statusCode) },
      seconds,
    );
  }
}
