import { afterEach, describe, expect, it } from 'vitest';
import { POST as checkRoute } from '@/app/api/availability/check/route';
import { POST as createRoute } from '@/app/api/bookings/create/route';
import { POST as cleanupRoute } from '@/app/api/cron/cleanup-vip-sessions/route';
import { GET as healthRoute } from '@/app/api/health/route';
import { POST as notifyLineRoute } from '@/app/api/notifications/line/route';
import { POST as cancelRoute } from '@/app/api/vip/bookings/[bookingId]/cancel/route';
import { PUT as profileRoute } from '@/app/api/vip/profile/route';
import { POST as vipSessionRoute } from '@/app/api/vip/sessions/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { closeDatabase } from '@/lib/db';
import { HEALTH_CACHE_MS } from '@/lib/health/check-health';
import { healthRateLimit } from '@/lib/health/health-rate-limit';
import { createProfile, insertBooking, randomSuffix, venueDate } from '../support/factories';
import { call, json, randomIp } from '../support/http';
import { sql } from '../support/sql';

/**
 * Requests that cannot hurt the server (issue 12, part 4), performed against the real route
 * handlers: oversized bodies (413), cross-site writes with the session cookie (403/415), and
 * /api/health's cache and rate limit. The client address and slow bodies need the real
 * server: tests/e2e/security-server.spec.ts and tests/unit/client-key.test.ts.
 */

type Handler = (request: Request, context?: { params?: Record<string, string> }) => Promise<Response>;

const APP = 'http://localhost:3000';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A request built by hand: `call` always says JSON, and these tests choose their own Content-Type. */
function send(handler: Handler, method: string, path: string, init: { headers?: Record<string, string>; body?: BodyInit; params?: Record<string, string> } = {}) {
  const headers = new Headers(init.headers);
  if (!headers.has('x-forwarded-for')) headers.set('x-forwarded-for', randomIp());
  const request = new Request(new URL(path, APP), { method, headers, body: init.body, duplex: 'half' } as RequestInit);
  return handler(request, { params: init.params });
}

const validCheck = { date: venueDate(30), startTime: '14:00', duration: 1 };

/** A body stream that counts what the reader pulled, producing `chunkBytes` of JSON whitespace per pull. */
function countingBody(totalBytes: number, chunkBytes = 16 * 1024) {
  const state = { pulledBytes: 0, cancelled: false };
  const chunk = new TextEncoder().encode(' '.repeat(chunkBytes));
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulledBytes === 0) {
          state.pulledBytes += 1;
          controller.enqueue(new TextEncoder().encode('{'));
          return;
        }
        if (state.pulledBytes >= totalBytes) return controller.close();
        state.pulledBytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        state.cancelled = true;
      },
    },
    // Nothing is pulled until a reader asks: the count is what the app read.
    { highWaterMark: 0 },
  );
  return { stream, state };
}

async function expectEnvelope(response: Response, status: number, code: string, path: string) {
  expect(response.status).toBe(status);
  expect(await json(response)).toEqual({
    error: expect.any(String),
    code,
    ...(code === 'PAYLOAD_TOO_LARGE' ? { details: { maxBytes: 64 * 1024 } } : {}),
    timestamp: expect.any(String),
    path,
  });
}

describe('request bodies are bounded (413)', () => {
  afterEach(() => {
    delete process.env.MAX_REQUEST_BODY_BYTES;
  });

  it('refuses a 100 MB body by its Content-Length before reading any of it', async () => {
    const { stream, state } = countingBody(100 * 1024 * 1024);
    const response = await send(checkRoute, 'POST', '/api/availability/check', {
      headers: { 'content-type': 'application/json', 'content-length': String(100 * 1024 * 1024) },
      body: stream,
    });
    await expectEnvelope(response, 413, 'PAYLOAD_TOO_LARGE', '/api/availability/check');
    expect(state.pulledBytes).toBe(0);
  });

  it('cuts off a chunked body without Content-Length once it grows past 64 KB, without reading the rest', async () => {
    const { stream, state } = countingBody(100 * 1024 * 1024);
    const response = await send(checkRoute, 'POST', '/api/availability/check', { headers: { 'content-type': 'application/json' }, body: stream });
    await expectEnvelope(response, 413, 'PAYLOAD_TOO_LARGE', '/api/availability/check');
    // 64 KB and one 16 KB chunk past it, not 100 MB; the rest of the stream is cancelled.
    expect(state.pulledBytes).toBeLessThanOrEqual(64 * 1024 + 16 * 1024 + 1);
    expect(state.cancelled).toBe(true);
  });

  it('accepts a body just under the bound', async () => {
    const body = JSON.stringify(validCheck).replace('{', `{${' '.repeat(60 * 1024)}`);
    const response = await send(checkRoute, 'POST', '/api/availability/check', { headers: { 'content-type': 'application/json' }, body });
    expect(response.status, await response.clone().text()).toBe(200);
  });

  it('takes its bound from MAX_REQUEST_BODY_BYTES', async () => {
    process.env.MAX_REQUEST_BODY_BYTES = '1000';
    const body = JSON.stringify({ ...validCheck, bay: 'x'.repeat(2000) });
    const response = await send(checkRoute, 'POST', '/api/availability/check', { headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(413);
    expect(await json(response)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: 1000 } });
  });

  it('bounds the routes that read their own body too (VIP sessions)', async () => {
    const { stream, state } = countingBody(10 * 1024 * 1024);
    const response = await send(vipSessionRoute, 'POST', '/api/vip/sessions', { headers: { 'content-type': 'application/json' }, body: stream });
    await expectEnvelope(response, 413, 'PAYLOAD_TOO_LARGE', '/api/vip/sessions');
    expect(state.pulledBytes).toBeLessThan(100 * 1024);
    const declared = await send(vipSessionRoute, 'POST', '/api/vip/sessions', {
      headers: { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) },
      body: countingBody(10 * 1024 * 1024).stream,
    });
    expect(declared.status).toBe(413);
  });
});

describe('cross-site writes with the session cookie are refused (403/415)', () => {
  const EVIL = 'https://evil.example';

  let day = 40;
  async function victim() {
    const profileId = await createProfile();
    const cookie = `next-auth.session-token=${await issueSessionToken(profileId)}`;
    // A future booking of their own, each victim on a day of its own.
    const bookingId = await insertBooking({ date: venueDate(day++), startTime: '15:00', profileId });
    return { profileId, cookie, bookingId };
  }

  const profileRow = async (profileId: string) =>
    (await sql<{ row: Record<string, unknown> }>('select to_jsonb(p) as row from public.profiles p where id = $1', [profileId]))[0]!.row;
  const bookingRow = async (bookingId: string) =>
    (await sql<{ row: Record<string, unknown> }>('select to_jsonb(b) as row from public.bookings b where id = $1', [bookingId]))[0]!.row;
  const bookingsOf = async (email: string) => Number((await sql<{ n: string }>('select count(*) as n from public.bookings where customer_email = $1', [email]))[0]!.n);

  // What a page on evil.example can send without a preflight: a "simple" request with the victim's cookie.
  const attack = (cookie: string, extra: Record<string, string> = {}) => ({ Cookie: cookie, 'content-type': 'text/plain;charset=UTF-8', Origin: EVIL, 'sec-fetch-site': 'cross-site', ...extra });
  const bookingBody = (email: string) =>
    JSON.stringify({ date: venueDate(26), startTime: '16:00', duration: 1, customerName: 'Victim', customerEmail: email, customerPhone: '0812345678', numberOfPeople: 1 });

  it('the attack itself: cookie + text/plain + Origin evil.example on profile PUT, booking cancel and booking create', async () => {
    const { profileId, cookie, bookingId } = await victim();
    const email = `victim-${randomSuffix()}@example.test`;
    const profileBefore = await profileRow(profileId);
    const bookingBefore = await bookingRow(bookingId);

    const put = await send(profileRoute, 'PUT', '/api/vip/profile', { headers: attack(cookie), body: JSON.stringify({ display_name: 'Pwned', email: 'attacker@evil.example' }) });
    await expectEnvelope(put, 403, 'CROSS_SITE_REQUEST', '/api/vip/profile');
    const cancel = await send(cancelRoute, 'POST', `/api/vip/bookings/${bookingId}/cancel`, {
      headers: attack(cookie),
      body: JSON.stringify({ cancellationReason: 'pwned' }),
      params: { bookingId },
    });
    await expectEnvelope(cancel, 403, 'CROSS_SITE_REQUEST', `/api/vip/bookings/${bookingId}/cancel`);
    const create = await send(createRoute, 'POST', '/api/bookings/create', { headers: attack(cookie), body: bookingBody(email) });
    await expectEnvelope(create, 403, 'CROSS_SITE_REQUEST', '/api/bookings/create');

    expect(await profileRow(profileId)).toEqual(profileBefore);
    expect(await bookingRow(bookingId)).toEqual(bookingBefore);
    expect(await bookingsOf(email)).toBe(0);
  });

  it('each defence holds alone: the foreign Origin, Sec-Fetch-Site: cross-site, Origin null, and a non-JSON Content-Type', async () => {
    const { profileId, cookie, bookingId } = await victim();
    const email = `victim-${randomSuffix()}@example.test`;
    const profileBefore = await profileRow(profileId);
    const bookingBefore = await bookingRow(bookingId);
    const jsonType = { 'content-type': 'application/json' };
    const variants: Array<[Record<string, string>, number, string]> = [
      // JSON, but from another site (a browser would preflight; refused anyway).
      [{ Cookie: cookie, ...jsonType, Origin: EVIL }, 403, 'CROSS_SITE_REQUEST'],
      [{ Cookie: cookie, ...jsonType, 'sec-fetch-site': 'cross-site' }, 403, 'CROSS_SITE_REQUEST'],
      [{ Cookie: cookie, ...jsonType, Origin: 'null' }, 403, 'CROSS_SITE_REQUEST'],
      // A sibling host or another port is not the app.
      [{ Cookie: cookie, ...jsonType, Origin: 'http://evil.localhost:3000' }, 403, 'CROSS_SITE_REQUEST'],
      [{ Cookie: cookie, ...jsonType, Origin: 'http://localhost:3001' }, 403, 'CROSS_SITE_REQUEST'],
      // Same site, but a form or text body: only JSON is taken.
      [{ Cookie: cookie, 'content-type': 'text/plain', Origin: APP }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [{ Cookie: cookie, 'content-type': 'application/x-www-form-urlencoded' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [{ Cookie: cookie, 'content-type': 'multipart/form-data; boundary=x' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [{ Cookie: cookie }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ];
    for (const [headers, status, code] of variants) {
      const label = JSON.stringify({ ...headers, Cookie: undefined });
      const put = await send(profileRoute, 'PUT', '/api/vip/profile', { headers, body: JSON.stringify({ display_name: 'Pwned' }) });
      expect(put.status, `profile ${label}`).toBe(status);
      expect((await json(put)).code).toBe(code);
      const cancel = await send(cancelRoute, 'POST', `/api/vip/bookings/${bookingId}/cancel`, { headers, body: '{}', params: { bookingId } });
      expect(cancel.status, `cancel ${label}`).toBe(status);
      const create = await send(createRoute, 'POST', '/api/bookings/create', { headers, body: bookingBody(email) });
      expect(create.status, `create ${label}`).toBe(status);
    }
    // A POST with no body and no Content-Type reads as {} (a cancel without reason): the origin check still stops it.
    const bare = await send(cancelRoute, 'POST', `/api/vip/bookings/${bookingId}/cancel`, { headers: { Cookie: cookie, Origin: EVIL }, params: { bookingId } });
    expect(bare.status).toBe(403);
    // An empty form post still says what it is: refused even without an Origin.
    const emptyForm = await send(cancelRoute, 'POST', `/api/vip/bookings/${bookingId}/cancel`, {
      headers: { Cookie: cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' },
      body: '',
      params: { bookingId },
    });
    expect(emptyForm.status).toBe(415);
    expect(await profileRow(profileId)).toEqual(profileBefore);
    expect(await bookingRow(bookingId)).toEqual(bookingBefore);
    expect(await bookingsOf(email)).toBe(0);
  });

  it('the normal browser request (JSON, same origin) still works on all three', async () => {
    const { profileId, cookie, bookingId } = await victim();
    const email = `member-${randomSuffix()}@example.test`;
    const browser = { Cookie: cookie, 'content-type': 'application/json', Origin: APP, 'sec-fetch-site': 'same-origin' };

    const put = await send(profileRoute, 'PUT', '/api/vip/profile', { headers: browser, body: JSON.stringify({ display_name: 'Renamed Member' }) });
    expect(put.status, await put.clone().text()).toBe(200);
    expect((await profileRow(profileId)).display_name).toBe('Renamed Member');

    const cancel = await send(cancelRoute, 'POST', `/api/vip/bookings/${bookingId}/cancel`, {
      headers: { ...browser, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ cancellationReason: 'Change of plans' }),
      params: { bookingId },
    });
    expect(cancel.status, await cancel.clone().text()).toBe(200);
    expect((await bookingRow(bookingId)).status).toBe('cancelled');

    const create = await send(createRoute, 'POST', '/api/bookings/create', { headers: browser, body: bookingBody(email) });
    expect(create.status, await create.clone().text()).toBe(200);
    expect(await bookingsOf(email)).toBe(1);
  });

  it('same origin is the request’s own host, or NEXTAUTH_URL / PUBLIC_BASE_URL, or behind a trusted proxy its X-Forwarded-Host', async () => {
    const { profileId, cookie } = await victim();
    // With an https NEXTAUTH_URL, NextAuth reads the __Secure- cookie; a browser would hold only that one.
    const cookies = `${cookie}; __Secure-${cookie}`;
    const put = (headers: Record<string, string>) =>
      send(profileRoute, 'PUT', '/api/vip/profile', {
        headers: { Cookie: cookies, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ display_name: `Name ${randomSuffix()}` }),
      });
    const saved = { NEXTAUTH_URL: process.env.NEXTAUTH_URL, PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL, TRUSTED_PROXY_HOPS: process.env.TRUSTED_PROXY_HOPS };
    try {
      process.env.NEXTAUTH_URL = 'https://book.example.com';
      process.env.PUBLIC_BASE_URL = 'https://www.golfbay.example';
      expect((await put({ Origin: 'https://book.example.com' })).status).toBe(200);
      expect((await put({ Origin: 'https://www.golfbay.example' })).status).toBe(200);
      // Same host, other scheme: TLS often ends at the proxy.
      expect((await put({ Origin: 'https://localhost:3000' })).status).toBe(200);
      expect((await put({ Origin: 'http://book.example.com' })).status).toBe(403);

      // The suite runs with TRUSTED_PROXY_HOPS=1: the proxy's X-Forwarded-Host names the app.
      expect((await put({ Origin: 'https://booking.proxy.example', 'x-forwarded-host': 'booking.proxy.example' })).status).toBe(200);
      // With no proxy trusted, a client-sent X-Forwarded-Host proves nothing.
      process.env.TRUSTED_PROXY_HOPS = '0';
      expect((await put({ Origin: 'https://booking.proxy.example', 'x-forwarded-host': 'booking.proxy.example' })).status).toBe(403);
    } finally {
      Object.assign(process.env, saved);
      for (const [name, value] of Object.entries(saved)) if (value === undefined) delete process.env[name];
    }
    expect((await profileRow(profileId)).display_name).toMatch(/^Name /);
  });

  it('machine callers (Bearer secret, no cookie) must send JSON too; a write without a JSON body may send anything', async () => {
    const [saved, savedCron] = [process.env.SYSTEM_API_KEY, process.env.CRON_SECRET];
    process.env.SYSTEM_API_KEY = `system-key-${randomSuffix()}`;
    process.env.CRON_SECRET = `cron-secret-${randomSuffix()}`;
    try {
      const body = JSON.stringify({ groupId: 'C0123456789abcdef0123456789abcdef', message: 'hello' });
      const textPlain = await send(notifyLineRoute, 'POST', '/api/notifications/line', {
        headers: { Authorization: `Bearer ${process.env.SYSTEM_API_KEY}`, 'content-type': 'text/plain' },
        body,
      });
      expect(textPlain.status).toBe(415);
      expect((await json(textPlain)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
      // Not a browser: no Origin, no Sec-Fetch-Site, JSON: accepted.
      const accepted = await send(notifyLineRoute, 'POST', '/api/notifications/line', {
        headers: { Authorization: `Bearer ${process.env.SYSTEM_API_KEY}`, 'content-type': 'application/json' },
        body,
      });
      expect(accepted.status, await accepted.clone().text()).toBeLessThan(300);
      // A cron run takes no body: whatever Content-Type the scheduler sends is fine.
      const cron = await send(cleanupRoute, 'POST', '/api/cron/cleanup-vip-sessions', {
        headers: { Authorization: `Bearer ${process.env.CRON_SECRET}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
      });
      expect(cron.status, await cron.clone().text()).toBe(200);
    } finally {
      Object.assign(process.env, { SYSTEM_API_KEY: saved, CRON_SECRET: savedCron });
      if (saved === undefined) delete process.env.SYSTEM_API_KEY;
      if (savedCron === undefined) delete process.env.CRON_SECRET;
    }
  });

  it('reads are not writes: a cross-site GET is answered as before', async () => {
    const response = await call(healthRoute, 'GET', '/api/health', { headers: { Origin: EVIL, 'sec-fetch-site': 'cross-site' } });
    expect([200, 503]).toContain(response.status);
  });
});

describe('GET /api/health: cached for a second per process, and rate-limited', () => {
  const appliedMigrationsCalls = async () =>
    Number(
      (
        await sql<{ calls: string | null }>(
          `select (select calls from pg_stat_user_functions where schemaname = 'public' and funcname = 'applied_migrations') as calls`,
        )
      )[0]!.calls ?? 0,
    );

  /** The function-call count once the app's connections have ended (a backend reports its counts when it exits). */
  async function settledCalls(atLeast: number): Promise<number> {
    await closeDatabase();
    const deadline = Date.now() + 15_000;
    let calls = await appliedMigrationsCalls();
    while (calls < atLeast && Date.now() < deadline) {
      await sleep(100);
      calls = await appliedMigrationsCalls();
    }
    // Anything still on its way would have arrived by now.
    await sleep(300);
    return appliedMigrationsCalls();
  }

  it('two calls within the window query the database once, and share one checkedAt; the next window checks again', async () => {
    // Count calls of the health function in this file's database (new connections pick it up).
    await sql(`do $$ begin execute format('alter database %I set track_functions = %L', current_database(), 'all'); end $$`);
    const before = await settledCalls(0);
    await sleep(HEALTH_CACHE_MS);

    const ip = randomIp();
    const first = await call(healthRoute, 'GET', '/api/health', { ip });
    const second = await call(healthRoute, 'GET', '/api/health', { ip });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    const [a, b] = [await json(first), await json(second)];
    expect(a).toEqual({ status: 'ok', database: 'up', migrations: { current: true, pending: [] }, checkedAt: expect.any(String) });
    expect(b.checkedAt).toBe(a.checkedAt);
    expect((await settledCalls(before + 1)) - before).toBe(1);

    await sleep(HEALTH_CACHE_MS);
    const third = await json(await call(healthRoute, 'GET', '/api/health', { ip }));
    expect(Date.parse(String(third.checkedAt))).toBeGreaterThan(Date.parse(String(a.checkedAt)));
    expect((await settledCalls(before + 2)) - before).toBe(2);
  });

  it(`answers 429 past ${healthRateLimit.limit} calls a minute from one client, with the limit's headers; others still get in`, async () => {
    let refused: Response | undefined;
    // A fixed window may roll over mid-run: then the count starts again, once.
    for (let attempt = 0; attempt < 2 && !refused; attempt++) {
      const ip = randomIp();
      let reset: string | null = null;
      for (let n = 1; n <= healthRateLimit.limit + 1; n++) {
        const response = await call(healthRoute, 'GET', '/api/health', { ip });
        if (n === 1) reset = response.headers.get('x-ratelimit-reset');
        if (response.headers.get('x-ratelimit-reset') !== reset) break;
        if (n <= healthRateLimit.limit) {
          expect(response.status).toBe(200);
          expect(response.headers.get('x-ratelimit-remaining')).toBe(String(healthRateLimit.limit - n));
        } else refused = response;
      }
    }
    expect(refused?.status).toBe(429);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused!.headers.get('x-ratelimit-limit')).toBe(String(healthRateLimit.limit));
    expect(await json(refused!)).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', details: { limit: healthRateLimit.limit, remaining: 0 }, path: '/api/health' });
    expect((await call(healthRoute, 'GET', '/api/health')).status).toBe(200);
  });
});
