import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { HttpMetrics } from './http-metrics';

/** Unmatched paths share one label so that scanners cannot blow up the series count. */
export const UNMATCHED_ROUTE = 'unmatched';

@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: HttpMetrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const stop = this.metrics.requestDuration.startTimer();
    res.once('finish', () => {
      // Express sets req.route once a handler matched (a guard's 401 still counts for that route). Nest
      // answers unknown paths from a catch-all wildcard route, which is labelled as unmatched too.
      const path: unknown = req.route?.path;
      const route = typeof path === 'string' && !path.includes('*') ? path : UNMATCHED_ROUTE;
      stop({ method: req.method, route, status_code: String(res.statusCode) });
    });
    next();
  }
}
