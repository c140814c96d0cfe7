import { Module, type DynamicModule } from '@nestjs/common';
import { HealthHttpController } from './observability/health.http.controller';
import { MetricsHttpController } from './observability/metrics.http.controller';
import type { ProjectorConfig } from './projector.config';
import { ProjectorLifecycle } from './projector.lifecycle';
import { projectorProviders } from './projector.providers';

@Module({})
export class ProjectorModule {
  static forRoot(config: ProjectorConfig): DynamicModule {
    return {
      module: ProjectorModule,
      controllers: [HealthHttpController, MetricsHttpController],
      providers: [...projectorProviders(config), ProjectorLifecycle],
    };
  }
}
