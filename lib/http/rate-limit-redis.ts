import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import type { RateLimitHit, RateLimitStore } from './rate-limit';

/**
 * The Redis store of the rate limits (used when REDIS_URL is set): the same sliding window as
 * the Postgres store (hit_rate_limit). Each key is a sorted set of the times of its allowed hits
 * within the last window; one Lua script prunes, counts and adds atomically, so concurrent hits
 * from every instance are decided one after another, on Redis's clock.
 */
const hitScript = `
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
local allowed = 0
if count < limit then
  redis.call('ZADD', key, now, ARGV[3])
  count = count + 1
  allowed = 1
end
if count > 0 then redis.call('PEXPIRE', key, window) end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
local reset = now + window
if oldest[2] then reset = tonumber(oldest[2]) + window end
return {allowed, limit - count, reset}
`;

/** Gives back the newest counted hit (a credential check that succeeded). */
const releaseScript = `
redis.call('ZPOPMAX', KEYS[1])
return redis.call('ZCARD', KEYS[1])
`;

type LimiterClient = Redis & {
  rateLimitHit(key: string, limit: number, windowMs: number, member: string): Promise<[number, number, number]>;
  rateLimitRelease(key: string): Promise<number>;
};

export interface RedisStoreOptions {
  /** Longest wait for one command, connecting included; past it the store counts as down. */
  commandTimeoutMs: number;
}

/** A client with the two scripts; connects at its first command, never at import. */
export function createRedisClient(url: string, { commandTimeoutMs }: RedisStoreOptions): LimiterClient {
  const client = new Redis(url, {
    lazyConnect: true,
    commandTimeout: commandTimeoutMs,
    connectTimeout: Math.max(commandTimeoutMs, 1_000),
    maxRetriesPerRequest: 1,
    // Keep reconnecting in the background, at most every 2 s, while commands fail fast meanwhile.
    retryStrategy: (times) => Math.min(times * 100, 2_000),
  }) as LimiterClient;
  client.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: hitScript });
  client.defineCommand('rateLimitRelease', { numberOfKeys: 1, lua: releaseScript });
  let lastWarning = 0;
  // Without a listener every failed reconnect is an unhandled 'error' event; one line a minute is enough.
  client.on('error', (error: Error) => {
    if (Date.now() - lastWarning < 60_000) return;
    lastWarning = Date.now();
    console.warn('rate limit store (Redis) unreachable:', error.message);
  });
  return client;
}

/** Where the limits' keys start (REDIS_KEY_PREFIX before it), apart from anything else the server holds. */
export const redisKeyPrefix = (prefix: string) => `${prefix}rate-limit:`;

export function redisRateLimitStore(client: LimiterClient, prefix = ''): RateLimitStore {
  const redisKey = (key: string) => redisKeyPrefix(prefix) + key;
  const ready = () => {
    // While it reconnects a command would wait in the queue for its whole timeout: fail at once.
    if (client.status === 'reconnecting' || client.status === 'end') throw new Error(`Redis is ${client.status}`);
  };
  return {
    async hit(key, limit, windowSeconds): Promise<RateLimitHit> {
      ready();
      const [allowed, remaining, resetMs] = await client.rateLimitHit(redisKey(key), limit, windowSeconds * 1000, randomUUID());
      return { allowed: allowed === 1, limit, remaining: Math.max(remaining, 0), resetAt: new Date(Math.ceil(resetMs / 1000) * 1000) };
    },
    async release(key) {
      ready();
      await client.rateLimitRelease(redisKey(key));
    },
  };
}
