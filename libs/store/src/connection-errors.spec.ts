import { describe, expect, it } from 'vitest';
import { isConnectionError } from './connection-errors.js';

describe('isConnectionError', () => {
  it('recognises an unreachable or lost server', () => {
    expect(isConnectionError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('x'), { code: '08006' }))).toBe(true);
    expect(isConnectionError(new Error('wrapped', { cause: Object.assign(new Error('r'), { code: 'ECONNRESET' }) }))).toBe(true);
  });
  it('does not retry statements that are wrong', () => {
    expect(isConnectionError(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
    expect(isConnectionError(Object.assign(new Error('value too long'), { code: '22001' }))).toBe(false);
    expect(isConnectionError(null)).toBe(false);
  });
});
