import { Controller, Get, Inject, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { AuthGuard } from '../auth/auth.guard.js';
import { Public } from '../common/roles.decorator.js';
import { ConsoleMetrics } from './console-metrics.js';

/** GET /metrics — only when the console runs alone (the ingestor serves it otherwise). */
@Controller()
@UseGuards(AuthGuard)
export class ConsoleMetricsController {
  constructor(@Inject(ConsoleMetrics) private readonly metrics: ConsoleMetrics) {}

  @Public()
  @Get('metrics')
  async metricsText(@Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.send(await this.metrics.registry.metrics());
  }
}
