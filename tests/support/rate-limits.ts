import Redis from 'ioredis';
import { readEnv } from '../../lib/config/env';
import { redisKeyPrefix } from '../../lib/http/rate-limit-redis';
import { sql } from './sql';

/** Forgets every rate limit counter of this test file, in PostgreSQL and, with REDIS_URL, in Redis. */
export async function resetRateLimits(): Promise<void> {
  await sql('delete from app_private.rate_limit_windows');
  const url = readEnv('REDIS_URL');
  if (!url) return;
  const client = new Redis(url);
  try {
    const keys = await client.keys(`${redisKeyPrefix(readEnv('REDIS_KEY_PREFIX'))}*`);
    if (keys.length) await client.del(...keys);
  } finally {
    client.disconnect();
  }
}
