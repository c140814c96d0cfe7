import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { API_CONFIG, type ApiConfig } from './api.config';
import { DashboardsModule } from './dashboards/dashboards.module';
import { HealthModule } from './health/health.module';
import { loggingOptions } from './logging/logging.options';
import type { HttpMetrics } from './metrics/http-metrics';
import { MetricsModule } from './metrics/metrics.module';

/** Makes the checked configuration injectable everywhere as API_CONFIG. */
@Module({})
class ApiConfigModule {}

@Module({})
export class ApiModule {
  static forRoot(config: ApiConfig, metrics: HttpMetrics): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        {
          module: ApiConfigModule,
          global: true,
          providers: [{ provide: API_CONFIG, useValue: config }],
          exports: [API_CONFIG],
        },
        LoggerModule.forRoot(loggingOptions(config.LOG_LEVEL)),
        CqrsModule.forRoot(),
        MetricsModule.forRoot(metrics),
        HealthModule,
        DashboardsModule,
      ],
    };
  }
}
