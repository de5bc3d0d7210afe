/**
 * `npm start`: load and check the configuration, run the process for its ROLE, shut down cleanly
 * on SIGINT/SIGTERM.
 */
import { ConfigError, createLogger, loadConfig, setLogLevel, type SeawardenConfig } from '@seawarden/config';
import { bootstrap } from './app.bootstrap.js';

const SHUTDOWN_TIMEOUT_MS = 20_000;

async function main(): Promise<void> {
  let config: SeawardenConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`seawarden: configuration error: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  setLogLevel(config.logLevel);
  const log = createLogger('Main');
  const running = await bootstrap(config);

  let signals = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    if (++signals > 1) {
      log.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    log.log(`${signal}: shutting down (stopping feeds, flushing the store)`);
    const force = setTimeout(() => {
      log.error(`shutdown took over ${SHUTDOWN_TIMEOUT_MS} ms; exiting`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    force.unref();
    running.close().then(
      () => {
        log.log('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        log.error(`shutdown failed: ${(err as Error).message}`, (err as Error).stack);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  const e = err as Error;
  createLogger('Main').fatal(`startup failed: ${e.message}`, e.stack);
  process.exit(1);
});
