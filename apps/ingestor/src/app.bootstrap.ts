/**
 * Builds the process for its ROLE: ingestor and console in one Nest app on one port (ROLE=all,
 * the default), or either alone. /metrics is served in every role.
 */
import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger, setLogLevel, type SeawardenConfig } from '@seawarden/config';
import { ConsoleModule, configureConsoleApp } from '@seawarden/console';
import { FeedManager } from './feed-manager.js';
import { IngestorModule } from './ingestor.module.js';
import { aisDecoderFactory } from './pipeline/ais-decoder.factory.js';
import { openRuntime, type Runtime } from './runtime.js';

export interface RunningApp {
  app: INestApplication;
  runtime: Runtime;
  feeds: FeedManager | null;
  /** Bound port (differs from config.port when that is 0). */
  port: number;
  /** Graceful: stop sources, drain the pipeline, flush and close the store. */
  close(): Promise<void>;
}

@Module({})
class AppModule {
  static with(imports: Array<DynamicModule | Type>): DynamicModule {
    return { module: AppModule, imports };
  }
}

export async function bootstrap(config: SeawardenConfig): Promise<RunningApp> {
  setLogLevel(config.logLevel);
  const log = createLogger('Main');
  if (config.jwtSecretGenerated && config.role !== 'ingestor') {
    log.warn(`JWT_SECRET is not set: the console signs logins with a secret kept in ${config.dataDir}; set JWT_SECRET when several consoles run`);
  }
  const runtime = await openRuntime(config);
  try {
    const imports: Array<DynamicModule | Type> = [];
    let feeds: FeedManager | null = null;
    if (config.role !== 'console') {
      feeds = new FeedManager({ feeds: config.feeds, dedupeWindowMs: config.dedupeWindowMs, createDecoder: aisDecoderFactory });
      imports.push(IngestorModule.forRoot({ config, deps: runtime.pipeline, feedManager: feeds }));
    }
    // ROLE=console: the console module serves /metrics itself (consoleDeps.serveMetrics).
    const consoleDeps = runtime.consoleDeps(feeds);
    if (config.role !== 'ingestor') imports.push(ConsoleModule.register(consoleDeps));
    const app = await NestFactory.create(AppModule.with(imports), { logger: createLogger('Nest') });
    if (config.role !== 'ingestor') await configureConsoleApp(app, consoleDeps);
    await app.listen(config.port, config.host);
    const port = (app.getHttpServer().address() as { port: number }).port;
    log.log(`Seawarden ${config.role} listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`, {
      role: config.role,
      feeds: config.feeds.map((f) => f.url),
      store: runtime.store?.kind ?? null,
    });
    if (feeds && config.feeds.some((f) => f.kind === 'simulator' && f.speed === 1 && f.start === null)) {
      // A first start at night shows a moored fleet for minutes: say how to see a busy day.
      log.log("the simulator plays the scenario from now, in real time; for a busy moratorium day at 30×: FEEDS='simulator://zhoushan?speed=30&start=2026-07-18T07:00:00%2B08:00'");
    }
    let closing: Promise<void> | null = null;
    return {
      app,
      runtime,
      feeds,
      port,
      close: () =>
        (closing ??= (async () => {
          await app.close();
          await runtime.close();
        })()),
    };
  } catch (err) {
    await runtime.close().catch(() => {});
    throw err;
  }
}
