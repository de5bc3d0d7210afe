/**
 * The ingestor as a Nest module: feeds, pipeline, POST /api/ingest. /metrics lives in
 * MetricsModule (imported here, and on its own in console-only processes).
 */
import { Module, type DynamicModule } from '@nestjs/common';
import type { SeawardenConfig } from '@seawarden/config';
import { FeedManager } from './feed-manager.js';
import { IngestController } from './ingest.controller.js';
import { INGEST_TOKEN, INGESTOR_CONFIG, PIPELINE_DEPS } from './ingestor.tokens.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { aisDecoderFactory } from './pipeline/ais-decoder.factory.js';
import type { DecoderFactory } from './pipeline/line-decoder.js';
import { PipelineService, type PipelineDeps } from './pipeline.service.js';

export interface IngestorModuleOptions {
  config: Pick<SeawardenConfig, 'feeds' | 'dedupeWindowMs' | 'ingestToken'>;
  /** Engine, store and bus; all null runs feeds → decode → dedupe only. */
  deps?: PipelineDeps;
  /** Use an already built feed manager (main shares it with the console's admin view). */
  feedManager?: FeedManager;
  createDecoder?: DecoderFactory;
}

@Module({})
export class IngestorModule {
  static forRoot(options: IngestorModuleOptions): DynamicModule {
    const feedManager =
      options.feedManager ??
      new FeedManager({
        feeds: options.config.feeds,
        dedupeWindowMs: options.config.dedupeWindowMs,
        createDecoder: options.createDecoder ?? aisDecoderFactory,
      });
    return {
      module: IngestorModule,
      imports: [MetricsModule],
      controllers: [IngestController],
      providers: [
        { provide: INGESTOR_CONFIG, useValue: options.config },
        { provide: INGEST_TOKEN, useValue: options.config.ingestToken ?? null },
        { provide: FeedManager, useValue: feedManager },
        { provide: PIPELINE_DEPS, useValue: options.deps ?? { engine: null, store: null, bus: null } },
        PipelineService,
      ],
      exports: [FeedManager, PipelineService],
    };
  }
}
