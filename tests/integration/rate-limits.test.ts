import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as availabilityRoute } from '@/app/api/availability/route';
import { POST as vipSessionRoute } from '@/app/api/vip/sessions/route';
import { closeRateLimitStore, enforceRateLimit, rateLimitStore, releaseRateLimitHit, type RateLimitStore } from '@/lib/http/rate-limit';
import { createRedisClient, redisRateLimitStore } from '@/lib/http/rate-limit-redis';
import { call, json, randomIp } from '../support/http';
import { freePort, startRedis, type RedisServer } from '../support/redis';
import { sql } from '../support/sql';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const uniqueKey = (label: string) => `test:${label}:${Math.random().toString(36).slice(2)}`;

/** Sleeps until the wall clock is `offsetMs` into a window of `windowMs` aligned to the epoch (as fixed windows were). */
async function untilWindowOffset(windowMs: number, offsetMs: number) {
  const into = Date.now() % windowMs;
  await sleep((offsetMs - into + windowMs) % windowMs);
}

const allowedOf = async (store: RateLimitStore, key: string, count: number, limit: number, windowSeconds: number) => {
  const hits = await Promise.all(Array.from({ length: count }, () => store.hit(key, limit, windowSeconds)));
  return hits.filter((hit) => hit.allowed);
};

/** The properties both stores must have; `store()` is the store under test. */
function slidingWindowContract(store: () => RateLimitStore) {
  it('counts exactly the limit through when three times the limit arrive at once', async () => {
    const key = uniqueKey('burst');
    const allowed = await allowedOf(store(), key, 30, 10, 60);
    expect(allowed).toHaveLength(10);
    // Each allowed hit was decided after the previous one: the remainders are 9, 8, ..., 0 once each.
    expect(allowed.map((hit) => hit.remaining).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await store().hit(key, 10, 60)).allowed).toBe(false);
  });

  it("does not let 2N through within one window length across a fixed window's edge", async () => {
    const key = uniqueKey('edge');
    // 5 hits in the last 200 ms of an epoch-aligned 2 s window, 5 more just after its edge:
    // a fixed window would allow all 10 within 0.5 s.
    await untilWindowOffset(2_000, 1_750);
    const first = await allowedOf(store(), key, 5, 5, 2);
    const firstAt = Date.now();
    await untilWindowOffset(2_000, 150);
    expect(Date.now() - firstAt).toBeLessThan(1_000);
    const second = await allowedOf(store(), key, 5, 5, 2);
    expect(first).toHaveLength(5);
    expect(second).toHaveLength(0);
    // A refused hit is told when the oldest counted hit leaves the window.
    const refused = await store().hit(key, 5, 2);
    expect(refused.allowed).toBe(false);
    expect(refused.resetAt.getTime()).toBeGreaterThan(Date.now());
    expect(refused.resetAt.getTime()).toBeLessThanOrEqual(firstAt + 3_000);
    // Once the first hits are a window old, the limit is free again.
    await sleep(Math.max(0, firstAt + 2_100 - Date.now()));
    expect(await allowedOf(store(), key, 5, 5, 2)).toHaveLength(5);
  });

  it('gives a counted hit back on release, and only one', async () => {
    const key = uniqueKey('release');
    expect(await allowedOf(store(), key, 3, 3, 60)).toHaveLength(3);
    await store().release(key, 60);
    expect(await allowedOf(store(), key, 3, 3, 60)).toHaveLength(1);
  });
}

describe('the PostgreSQL store (REDIS_URL unset, the default)', () => {
  beforeAll(() => {
    delete process.env.REDIS_URL;
  });

  it('is the store when REDIS_URL is not set', () => {
    expect(rateLimitStore().kind).toBe('postgres');
  });

  slidingWindowContract(() => rateLimitStore());
});

describe('the Redis store (a real redis-server)', () => {
  let server: RedisServer;
  const clients: ReturnType<typeof createRedisClient>[] = [];
  const newStore = () => {
    const client = createRedisClient(server.url, { commandTimeoutMs: 1_000 });
    clients.push(client);
    return redisRateLimitStore(client);
  };
  let shared: RateLimitStore;

  beforeAll(async () => {
    server = await startRedis();
    shared = newStore();
  });
  afterAll(async () => {
    delete process.env.REDIS_URL;
    closeRateLimitStore();
    for (const client of clients) client.disconnect();
    await server?.stop();
  });

  slidingWindowContract(() => shared);

  it('is one limit for two app instances (two clients)', async () => {
    const [one, two] = [newStore(), newStore()];
    const key = uniqueKey('instances');
    const hits = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? one : two).hit(key, 10, 60)));
    expect(hits.filter((hit) => hit.allowed)).toHaveLength(10);
    expect((await one.hit(key, 10, 60)).allowed).toBe(false);
    expect((await two.hit(key, 10, 60)).allowed).toBe(false);
    // A release through one instance frees the try for the other.
    await one.release(key, 60);
    expect((await two.hit(key, 10, 60)).allowed).toBe(true);
  });

  it('limits the routes when REDIS_URL is set: 30 guesses of a VIP code at once, exactly 10 are compared', async () => {
    process.env.REDIS_URL = server.url;
    try {
      expect(rateLimitStore().kind).toBe('redis');
      const ip = randomIp();
      const responses = await Promise.all(
        Array.from({ length: 30 }, (_, i) => call(vipSessionRoute, 'POST', '/api/vip/sessions', { body: { vip_code: `GUESS${i}` }, ip })),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 429)).toHaveLength(20);
      expect(statuses.filter((status) => status === 200)).toHaveLength(10);
      const blocked = responses.find((response) => response.status === 429)!;
      expect(blocked.headers.get('x-ratelimit-limit')).toBe('10');
      expect(blocked.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await json(blocked)).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', details: { limit: 10, remaining: 0 } });
    } finally {
      delete process.env.REDIS_URL;
      closeRateLimitStore();
    }
  });
});

describe('when Redis stops answering (a frozen server)', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedis();
    process.env.REDIS_URL = server.url;
    process.env.REDIS_COMMAND_TIMEOUT_MS = '200';
  });
  afterAll(async () => {
    delete process.env.REDIS_URL;
    delete process.env.REDIS_COMMAND_TIMEOUT_MS;
    closeRateLimitStore();
    await server?.stop();
  });

  it('waits no longer than REDIS_COMMAND_TIMEOUT_MS, then passes or counts in PostgreSQL, and uses Redis again once it answers', async () => {
    closeRateLimitStore();
    expect((await enforceRateLimit('general', randomIp())).headers.get('x-ratelimit-limit')).toBe('120');
    server.freeze();
    try {
      const started = Date.now();
      expect((await enforceRateLimit('general', randomIp())).headers.get('x-ratelimit-limit')).toBeNull();
      expect(Date.now() - started).toBeLessThan(1_000);
      const client = `cron:ip:${randomIp()}`;
      expect((await enforceRateLimit('credentialFailuresClient', client)).headers.get('x-ratelimit-remaining')).toBe('9');
      expect(await sql(`select 1 from app_private.rate_limit_windows where key = $1`, [`credentialFailuresClient:${client}`])).toHaveLength(1);
    } finally {
      server.thaw();
    }
    const ip = randomIp();
    expect((await enforceRateLimit('general', ip)).headers.get('x-ratelimit-remaining')).toBe('119');
    expect(await sql(`select 1 from app_private.rate_limit_windows where key = $1`, [`general:${ip}`])).toHaveLength(0);
  });
});

describe('when Redis cannot be reached', () => {
  let deadUrl: string;
  beforeAll(async () => {
    // A loopback port nothing listens on.
    deadUrl = `redis://127.0.0.1:${await freePort()}`;
    process.env.REDIS_URL = deadUrl;
  });
  afterAll(() => {
    delete process.env.REDIS_URL;
    closeRateLimitStore();
  });

  it('public reads pass uncounted', async () => {
    const response = await call(availabilityRoute, 'GET', '/api/availability?date=2030-01-07');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-limit')).toBeNull();
    await expect(enforceRateLimit('general', randomIp())).resolves.toMatchObject({});
  });

  it('code guessing and credential checks stay limited: counted in PostgreSQL meanwhile, never a 500', async () => {
    const started = Date.now();
    const ip = randomIp();
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => call(vipSessionRoute, 'POST', '/api/vip/sessions', { body: { vip_code: `GUESS${i}` }, ip })),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
    const client = `cron:ip:${randomIp()}`;
    const outcome = await enforceRateLimit('credentialFailuresClient', client);
    expect(outcome.headers.get('x-ratelimit-remaining')).toBe('9');
    // Given back where it was counted.
    await releaseRateLimitHit('credentialFailuresClient', client);
    expect((await enforceRateLimit('credentialFailuresClient', client)).headers.get('x-ratelimit-remaining')).toBe('9');
    // Each within the command timeout, not a hung request.
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
