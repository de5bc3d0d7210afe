/**
 * Whether an error means "the database is unreachable" (retry later, keep the data) rather
 * than "this statement is wrong" (retrying will not help).
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
]);

export function isConnectionError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (NETWORK_CODES.has(code)) return true;
  // SQLSTATE class 08 (connection exception), 57P01-03 (admin/crash shutdown, cannot connect now),
  // 53300 too many connections.
  if (/^08/.test(code) || /^57P0[123]$/.test(code) || code === '53300') return true;
  const msg = typeof e.message === 'string' ? e.message : '';
  if (/Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable|Connection ended/i.test(msg)) {
    return true;
  }
  return e.cause !== undefined && e.cause !== err ? isConnectionError(e.cause) : false;
}
