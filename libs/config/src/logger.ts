/**
 * One logging style everywhere: Nest's ConsoleLogger printing JSON lines. Used by Nest (as the
 * app logger) and outside it (CLI, sources) through createLogger().
 */
import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import type { LogLevelName } from './config.schema.js';

const ORDER: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

let currentLevel: LogLevelName = 'info';

/** Nest levels enabled at and above `level` (`info` is Nest's `log`). */
export function nestLogLevels(level: LogLevelName): LogLevel[] {
  const nest: LogLevel = level === 'info' ? 'log' : level;
  return ORDER.slice(0, ORDER.indexOf(nest) + 1);
}

/** Sets the level for loggers created from now on (call once after loadConfig). */
export function setLogLevel(level: LogLevelName): void {
  currentLevel = level;
}

export function createLogger(context: string, level: LogLevelName = currentLevel): ConsoleLogger {
  return new ConsoleLogger(context, { json: true, logLevels: nestLogLevels(level) });
}
