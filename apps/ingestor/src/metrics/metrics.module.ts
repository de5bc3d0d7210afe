import { Module } from '@nestjs/common';
import { metricsRegistry } from '@seawarden/config';
import { METRICS_REGISTRY, MetricsController } from './metrics.controller.js';

/** Serves /metrics in every process role. */
@Module({
  controllers: [MetricsController],
  providers: [{ provide: METRICS_REGISTRY, useValue: metricsRegistry }],
  exports: [METRICS_REGISTRY],
})
export class MetricsModule {}
