import { createClient } from 'redis';
import { LoginRateLimiter } from './login-rate-limiter.js';

/** What AuthService needs: 0 when an attempt may go ahead, else the seconds to wait. */
export interface LoginLimiter {
  take(key: string): number | Promise<number>;
  close?(): Promise<void>;
}

/** The part of the redis client used here (its generic types do not survive being stored). */
interface RedisClient {
  readonly isReady: boolean;
  connect(): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  quit(): Promise<unknown>;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

/** The token bucket of LoginRateLimiter, kept in one Redis hash per key (atomic: one script). */
const TAKE = `
local burst = tonumber(ARGV[1])
local refill = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) / refill)
local wait = 0
if tokens < 1 then
  wait = math.ceil((1 - tokens) * refill / 1000)
else
  tokens = tokens - 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * refill))
return wait`;

/**
 * Login attempts counted across every console instance that shares REDIS_URL (the in-memory
 * limiter counts per process, so N instances allowed N× the rate). While Redis is unreachable
 * this instance falls back to its own in-memory bucket: still limited, never locked out.
 */
export class RedisLoginRateLimiter implements LoginLimiter {
  private readonly local: LoginRateLimiter;
  private warned = false;

  private constructor(
    private readonly client: RedisClient,
    private readonly burst: number,
    private readonly refillMs: number,
  ) {
    this.local = new LoginRateLimiter(burst, refillMs);
  }

  static async connect(url: string, burst = 5, refillMs = 12_000): Promise<RedisLoginRateLimiter> {
    const client = createClient({ url }) as unknown as RedisClient;
    const limiter = new RedisLoginRateLimiter(client, burst, refillMs);
    client.on('error', (err: Error) => limiter.warn(err));
    await client.connect();
    return limiter;
  }

  async take(key: string): Promise<number> {
    if (!this.client.isReady) return this.local.take(key);
    try {
      const wait = await this.client.eval(TAKE, { keys: [`seawarden:login:${key}`], arguments: [String(this.burst), String(this.refillMs), String(Date.now())] });
      this.warned = false;
      return Number(wait);
    } catch (err) {
      this.warn(err as Error);
      return this.local.take(key);
    }
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => undefined);
  }

  private warn(err: Error): void {
    if (this.warned) return;
    this.warned = true;
    console.error(`login rate limiter: Redis unavailable (${err.message}); limiting per process until it is back`);
  }
}
