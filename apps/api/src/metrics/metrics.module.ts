import { Module, type DynamicModule } from '@nestjs/common';
import { HttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';

/**
 * Serves the app's metrics. They are made before the app (see api.app.ts), as the HTTP platform observes
 * every request from the adapter on, and it alone knows the matched route.
 */
@Module({})
export class MetricsModule {
  static forRoot(metrics: HttpMetrics): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [{ provide: HttpMetrics, useValue: metrics }],
    };
  }
}
