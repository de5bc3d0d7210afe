export interface StoreLogger {
  info(msg: string, ctx?: Record<string, unknown>): void;
  warn(msg: string, ctx?: Record<string, unknown>): void;
  error(msg: string, ctx?: Record<string, unknown>): void;
}

/** Default: quiet on info, warnings and errors to stderr. */
export const defaultLogger: StoreLogger = {
  info: () => {},
  warn: (msg, ctx) => console.warn(`[store] ${msg}`, ctx ?? ''),
  error: (msg, ctx) => console.error(`[store] ${msg}`, ctx ?? ''),
};
