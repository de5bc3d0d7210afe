export { ConfigError, ConfigErrors } from './config-error.js';
export {
  configSchema,
  SETTINGS,
  settingsMarkdown,
  envName,
  LOG_LEVELS,
  PROCESS_ROLES,
  type LogLevelName,
  type ProcessRole,
  type SettingDoc,
  type SettingKey,
} from './config.schema.js';
export {
  parseFeedUrl,
  parseFeeds,
  FeedSpecError,
  FEED_KINDS,
  type FeedKind,
  type FeedSpec,
  type SimulatorFeedSpec,
  type TcpClientFeedSpec,
  type TcpServerFeedSpec,
  type UdpFeedSpec,
  type FileFeedSpec,
  type HttpFeedSpec,
} from './feed-spec.js';
export { loadConfig, redactUrl, type SeawardenConfig } from './load-config.js';
export { createLogger, setLogLevel, nestLogLevels } from './logger.js';
export { metricsRegistry } from './metrics-registry.js';
