import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { HttpMetrics } from './http-metrics';

@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: HttpMetrics) {}

  @Get()
  async scrape(@Res() res: Response): Promise<void> {
    const body = await this.metrics.registry.metrics();
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.send(body);
  }
}
