import { Controller, Get, Header } from '@nestjs/common';
import { ProjectorMetrics } from './projector.metrics';

@Controller('metrics')
export class MetricsHttpController {
  constructor(private readonly metrics: ProjectorMetrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
