/**
 * The console alone (production: several instances behind a load balancer, REDIS_URL set so
 * they share the live bus and socket.io rooms; the ingestor runs elsewhere).
 * `npm start` runs ingestor + console in one process instead (apps/ingestor, ROLE=all).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, createLogger, loadConfig, metricsRegistry } from '@seawarden/config';
import { openStore } from '@seawarden/store';
import { configureConsoleApp } from './configure-app.js';
import { consoleSettings } from './console-settings.js';
import type { ConsoleDeps, ConsoleStore } from './console.deps.js';
import { ConsoleModule } from './console.module.js';
import { createLiveBus } from './live/redis-live-bus.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`seawarden console: configuration error: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger('Console');
  const store = await openStore({ databaseUrl: config.databaseUrl ?? null, dataDir: config.dataDir, retentionDays: config.retentionDays });
  const bus = await createLiveBus(config.redisUrl);
  const deps: ConsoleDeps = {
    settings: consoleSettings(config as unknown as Record<string, unknown>),
    store: store as unknown as ConsoleStore,
    bus,
    metrics: metricsRegistry,
    serveMetrics: true,
    log: (line) => process.stdout.write(`${line}\n`),
  };
  const app = await NestFactory.create(ConsoleModule.register(deps), { logger: createLogger('Nest') });
  await configureConsoleApp(app, deps);
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  log.log(`console listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (bus: ${bus.kind})`);
  const stop = async () => {
    await app.close();
    await bus.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`seawarden console: startup failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
