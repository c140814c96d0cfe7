import { Controller, Get, Header } from '@nestjs/common';
import { HttpMetrics } from './http-metrics';

@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: HttpMetrics) {}

  // Prometheus' text format (the registry's default type), its parameters in the order Express sorts
  // them into: Fastify sends the header as given. A decorator, as the response objects differ.
  @Get()
  @Header('Content-Type', 'text/plain; charset=utf-8; version=0.0.4')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
