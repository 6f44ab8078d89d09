import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as calendarRetryRoute } from '@/app/api/admin/calendar-retry/route';
import { POST as retryJobRoute } from '@/app/api/admin/outbox-jobs/[jobId]/retry/route';
import { POST as outboxRoute } from '@/app/api/cron/process-outbox/route';
import { POST as spinRoute } from '@/app/api/liff/spin/route';
import { GET as customerStatusRoute } from '@/app/api/lucky-draw/customer-status/route';
import { POST as redeemRoute } from '@/app/api/lucky-draw/redeem/route';
import { POST as salesRoute } from '@/app/api/lucky-draw/sales-transactions/route';
import { GET as vipProfileRoute } from '@/app/api/vip/profile/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { contracts } from '@/lib/api/contracts';
import { rateLimits } from '@/lib/http/rate-limit';
import { createProfile, randomSuffix } from '../support/factories';
import { call, json, randomIp } from '../support/http';
import { freshCampaign, lineCustomer, TEST_CHANNEL_ID, TEST_CHANNEL_SECRET } from '../support/lucky-draw';
import { resetRateLimits } from '../support/rate-limits';
import { sql } from '../support/sql';
import { createStaffMember } from '../support/staff';

/**
 * Issue #12 part 3, each attack performed against the real routes:
 * - a shared secret sent to a route that does not take it told the right value (403) from a
 *   wrong one (401): 501 guesses of the (since retired, issue #16) staff PIN found it. A route
 *   now tests only its own credential kind, so every guess there is the same 401 (proven here
 *   with CRON_SECRET, the shared secret left);
 * - guessing a shared secret on the route that takes it is throttled per client address and
 *   globally per kind: 429 after a handful of failures, for the right value too;
 * - protected routes answered an unauthenticated caller 400 with field names: now 401 first;
 * - the spin limit was keyed by the body's customerId, so anyone could spend and lock out a
 *   stranger's spins: now it is the verified LINE user's, counted after the ownership check.
 */

// The right secret hides among numbered guesses: guess n is cronGuess(n), the secret is guess SECRET_POSITION.
const SECRET_POSITION = 100 + Math.floor(Math.random() * 300);
const cronPrefix = `cron-${randomSuffix()}-`;
const cronGuess = (n: number) => `${cronPrefix}${String(n).padStart(6, '0')}`;
const secrets = {
  CRON_SECRET: cronGuess(SECRET_POSITION),
  SYSTEM_API_KEY: `system-${randomSuffix()}`,
  ADMIN_API_KEY: `admin-${randomSuffix()}`,
  LINE_LIFF_CHANNEL_ID: TEST_CHANNEL_ID,
  LINE_LIFF_CHANNEL_SECRET: TEST_CHANNEL_SECRET,
  // X-Forwarded-For (set by `call` from its `ip`) is the client address, as behind one proxy.
  TRUSTED_PROXY_HOPS: '1',
};
const saved = { ...process.env };
const clientLimit = rateLimits.credentialFailuresClient.limit;
const globalLimit = rateLimits.credentialFailuresGlobal.limit;

beforeAll(() => {
  Object.assign(process.env, secrets);
});
afterAll(() => {
  for (const name of Object.keys(secrets)) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});
beforeEach(async () => {
  await resetRateLimits();
});

/** A refusal's body without its timestamp (which differs between any two answers). */
const bodyOf = async (response: Response) => {
  const { timestamp, ...rest } = await json(response);
  expect(timestamp).toEqual(expect.any(String));
  return rest;
};

describe('a route tests only the credential kinds it accepts', () => {
  it('501 cron secret guesses on a member route (no rate limit) all get the same 401: the right secret is never told apart', async () => {
    const ip = randomIp();
    const answers = new Map<string, number>();
    let rightAnswer: unknown;
    for (let n = 0; n <= 500; n++) {
      const response = await call(vipProfileRoute, 'GET', '/api/vip/profile', { headers: { Authorization: `Bearer ${cronGuess(n)}` }, ip });
      const answer = JSON.stringify([response.status, await bodyOf(response)]);
      answers.set(answer, (answers.get(answer) ?? 0) + 1);
      if (n === SECRET_POSITION) rightAnswer = answer;
    }
    expect([...answers.entries()]).toEqual([[JSON.stringify([401, { error: 'Authentication required', code: 'AUTH_REQUIRED', path: '/api/vip/profile' }]), 501]]);
    expect(rightAnswer).toBeDefined();
    // Nothing was even counted: the member route never compared the secret.
    expect(await sql(`select key from app_private.rate_limit_windows where key like 'credentialFailures%'`)).toEqual([]);
  });

  it('on every protected route but the cron ones, the right cron secret and a wrong one get the same answer', async () => {
    let checked = 0;
    for (const contract of contracts) {
      if (['none', 'optional', 'cron'].includes(contract.auth)) continue;
      const params = Object.fromEntries([...contract.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name!, crypto.randomUUID()]));
      const url = contract.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name]!);
      const file = path.resolve(__dirname, '../../app', `.${contract.path.replace(/\{(\w+)\}/g, '[$1]')}`, 'route.ts');
      const handler = ((await import(file)) as Record<string, typeof outboxRoute>)[contract.method]!;
      const send = (secret: string) => call(handler, contract.method, url, { headers: { Authorization: `Bearer ${secret}` }, params });
      const [right, wrong] = [await send(secrets.CRON_SECRET), await send(cronGuess(SECRET_POSITION + 1))];
      expect(right.status, `${contract.method} ${contract.path}`).toBe(401);
      expect(await bodyOf(right), `${contract.method} ${contract.path}`).toEqual(await bodyOf(wrong));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(25);
  });

  it("a valid member session on an admin route is 403 (the admin route's own kind, without the right); on a cron or LIFF route it is no credential (401)", async () => {
    const session = await issueSessionToken(await createProfile());
    const headers = { Authorization: `Bearer ${session}` };
    const admin = await call(retryJobRoute, 'POST', `/api/admin/outbox-jobs/${crypto.randomUUID()}/retry`, { headers, params: { jobId: crypto.randomUUID() } });
    expect([admin.status, (await json(admin)).code]).toEqual([403, 'FORBIDDEN']);
    const cron = await call(outboxRoute, 'POST', '/api/cron/process-outbox', { headers });
    expect([cron.status, (await json(cron)).code]).toEqual([401, 'AUTH_REQUIRED']);
    const liff = await call(spinRoute, 'POST', '/api/liff/spin', { headers, body: {} });
    expect([liff.status, (await json(liff)).code]).toEqual([401, 'LINE_TOKEN_INVALID']);
  });
});

describe('guessing a shared secret on the route that takes it', () => {
  it('the cron secret from one address, 501 guesses 10 at a time: 429 after a few failures, for the right secret too', async () => {
    const ip = randomIp();
    const statuses: number[] = [];
    let rightAnswer: unknown;
    let neighbourAnswer: unknown;
    // 501 guesses, 10 at a time, as the PIN attack sent them.
    for (let batch = 0; batch <= 500; batch += 10) {
      const guesses = Array.from({ length: Math.min(10, 501 - batch) }, (_, i) => batch + i);
      const responses = await Promise.all(
        guesses.map((n) => call(outboxRoute, 'POST', '/api/cron/process-outbox', { headers: { Authorization: `Bearer ${cronGuess(n)}` }, ip })),
      );
      for (const [i, response] of responses.entries()) {
        const n = guesses[i]!;
        statuses.push(response.status);
        if (response.status === 429) expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0);
        const body = await bodyOf(response);
        if (n === SECRET_POSITION) rightAnswer = [response.status, body];
        if (n === SECRET_POSITION + 1) neighbourAnswer = [response.status, body];
        if (n < clientLimit) expect(body.code).toBe('AUTH_REQUIRED');
      }
    }
    expect(statuses).toEqual([...Array(clientLimit).fill(401), ...Array(501 - clientLimit).fill(429)]);
    expect(clientLimit).toBeLessThanOrEqual(20);
    // The right secret's answer is its neighbour's: the guesses never reveal it.
    expect(rightAnswer).toEqual(neighbourAnswer);

    // Another address is not locked out by that one; the right secret works there.
    const scheduler = await call(outboxRoute, 'POST', '/api/cron/process-outbox', { headers: { Authorization: `Bearer ${secrets.CRON_SECRET}` } });
    expect(scheduler.status).toBe(200);
  });

  it('the cron secret from a new address each time: locked for everyone after the global limit, the right secret too', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < globalLimit + 20; n++) {
      const wrong = cronGuess(n >= SECRET_POSITION ? n + 1 : n);
      const response = await call(outboxRoute, 'POST', '/api/cron/process-outbox', { headers: { Authorization: `Bearer ${wrong}` } });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...Array(globalLimit).fill(401), ...Array(20).fill(429)]);
    const right = await call(outboxRoute, 'POST', '/api/cron/process-outbox', { headers: { Authorization: `Bearer ${secrets.CRON_SECRET}` } });
    expect([right.status, (await json(right)).code]).toEqual([429, 'RATE_LIMIT_EXCEEDED']);
    // The limit is per kind: the POS (system key) is not locked out by cron guessing.
    const pos = await call(salesRoute, 'POST', '/api/lucky-draw/sales-transactions', { headers: { Authorization: `Bearer ${secrets.SYSTEM_API_KEY}` }, body: {} });
    expect([pos.status, (await json(pos)).code]).toEqual([400, 'VALIDATION_ERROR']);
  });

  const machineRoutes = [
    { kind: 'cron', secret: () => secrets.CRON_SECRET, send: (headers: Record<string, string>, ip?: string) => call(outboxRoute, 'POST', '/api/cron/process-outbox', { headers, ip }) },
    {
      kind: 'system',
      secret: () => secrets.SYSTEM_API_KEY,
      send: (headers: Record<string, string>, ip?: string) => call(salesRoute, 'POST', '/api/lucky-draw/sales-transactions', { headers, ip, body: {} }),
    },
    {
      kind: 'admin',
      secret: () => secrets.ADMIN_API_KEY,
      send: (headers: Record<string, string>, ip?: string) => {
        const jobId = crypto.randomUUID();
        return call(retryJobRoute, 'POST', `/api/admin/outbox-jobs/${jobId}/retry`, { headers, ip, params: { jobId } });
      },
    },
  ];

  for (const route of machineRoutes) {
    it(`the ${route.kind} secret from one address: 429 after a few failures, for the right secret too; other addresses are unaffected`, async () => {
      const ip = randomIp();
      const statuses: number[] = [];
      for (let n = 0; n < 40; n++) statuses.push((await route.send({ Authorization: `Bearer ${route.secret()}-${n}` }, ip)).status);
      expect(statuses).toEqual([...Array(clientLimit).fill(401), ...Array(40 - clientLimit).fill(429)]);
      const right = await route.send({ Authorization: `Bearer ${route.secret()}` }, ip);
      expect([right.status, (await json(right)).code]).toEqual([429, 'RATE_LIMIT_EXCEEDED']);
      const elsewhere = await route.send({ Authorization: `Bearer ${route.secret()}` });
      expect([401, 403, 429]).not.toContain(elsewhere.status);
    });
  }

  it('the right secret, used over and over from one address, never counts as a failure', async () => {
    const ip = randomIp();
    for (let n = 0; n < clientLimit * 2; n++) {
      expect((await call(outboxRoute, 'POST', '/api/cron/process-outbox', { headers: { Authorization: `Bearer ${secrets.CRON_SECRET}` }, ip })).status).toBe(200);
    }
    // A typo in between still leaves room for the right one.
    expect((await call(outboxRoute, 'POST', '/api/cron/process-outbox', { headers: { Authorization: 'Bearer typo' }, ip })).status).toBe(401);
    expect((await call(outboxRoute, 'POST', '/api/cron/process-outbox', { headers: { Authorization: `Bearer ${secrets.CRON_SECRET}` }, ip })).status).toBe(200);
  });

  it('a burst of concurrent guesses is counted before any is compared: only the limit of them get an answer other than 429', async () => {
    const ip = randomIp();
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, n) => call(outboxRoute, 'POST', '/api/cron/process-outbox', { headers: { Authorization: `Bearer guess-${n}` }, ip })),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([...Array(clientLimit).fill(401), ...Array(60 - clientLimit).fill(429)]);
  });
});

describe('every protected route answers 401 before it reads any input', () => {
  it('spin, redeem, customer-status and both admin routes: 401 without field names; with the credential, the 400 names the fields', async () => {
    const member = await lineCustomer(0);
    const admin = await createStaffMember('admin');
    const desk = await createStaffMember('staff');
    const cases: Array<{ name: string; send: (headers: Record<string, string>) => Promise<Response>; credential: Record<string, string> }> = [
      { name: 'spin', send: (headers: Record<string, string>) => call(spinRoute, 'POST', '/api/liff/spin', { headers, body: { customerId: 'x' } }), credential: { Authorization: `Bearer ${member.token}` } },
      { name: 'redeem', send: (headers: Record<string, string>) => call(redeemRoute, 'POST', '/api/lucky-draw/redeem', { headers, body: { prizeId: 'x' } }), credential: desk.headers },
      {
        name: 'customer-status',
        send: (headers: Record<string, string>) => call(customerStatusRoute, 'GET', '/api/lucky-draw/customer-status?customerId=x', { headers }),
        credential: { Authorization: `Bearer ${member.token}` },
      },
      {
        name: 'outbox job retry',
        send: (headers: Record<string, string>) => call(retryJobRoute, 'POST', '/api/admin/outbox-jobs/not-a-uuid/retry', { headers, params: { jobId: 'not-a-uuid' } }),
        credential: { Authorization: `Bearer ${secrets.ADMIN_API_KEY}` },
      },
      {
        name: 'calendar retry',
        send: (headers: Record<string, string>) => call(calendarRetryRoute, 'POST', '/api/admin/calendar-retry', { headers, body: { operationType: 'recreate' } }),
        credential: { Cookie: `next-auth.session-token=${admin.token}` },
      },
    ];
    for (const { name, send, credential } of cases) {
      const anonymous = await send({});
      const refusal = await json(anonymous);
      expect(anonymous.status, name).toBe(401);
      expect(refusal.details, name).toBeUndefined();
      const authenticated = await send(credential);
      const invalid = await json<{ code: string; details: { fields: Record<string, string> } }>(authenticated);
      expect([authenticated.status, invalid.code], name).toEqual([400, 'VALIDATION_ERROR']);
      expect(Object.keys(invalid.details.fields).length, name).toBeGreaterThan(0);
    }
  });
});

describe('POST /api/liff/spin is limited per verified LINE user', () => {
  it("LINE user A hammering with B's customerId spends only A's spins; B still spins", async () => {
    await freshCampaign({ Ball: 50 });
    const [a, b] = [await lineCustomer(1), await lineCustomer(2)];
    const asA = { Authorization: `Bearer ${a.token}` };
    const statuses: number[] = [];
    for (let n = 0; n < 15; n++) {
      statuses.push((await call(spinRoute, 'POST', '/api/liff/spin', { headers: asA, body: { customerId: b.customerId, lineUserId: a.lineUserId } })).status);
    }
    // Not A's customer (the database's 403), within A's 10 a minute; then A is limited.
    const limit = rateLimits.luckyDrawSpin.limit;
    expect(statuses).toEqual([...Array(limit).fill(403), ...Array(15 - limit).fill(429)]);
    // Naming B as the LINE user too fails the ownership check first: 403, counted against nobody.
    for (let n = 0; n < 5; n++) {
      const response = await call(spinRoute, 'POST', '/api/liff/spin', { headers: asA, body: { customerId: b.customerId, lineUserId: b.lineUserId } });
      expect([response.status, (await json(response)).code]).toEqual([403, 'FORBIDDEN']);
    }

    const spun = await call(spinRoute, 'POST', '/api/liff/spin', { headers: { Authorization: `Bearer ${b.token}` }, body: { customerId: b.customerId, lineUserId: b.lineUserId } });
    expect(spun.status).toBe(200);
    expect(spun.headers.get('X-RateLimit-Remaining')).toBe(String(limit - 1));
    expect(await json(spun)).toMatchObject({ success: true, drawsRemaining: 1 });
    // A spent A's own budget.
    expect((await call(spinRoute, 'POST', '/api/liff/spin', { headers: asA, body: { customerId: a.customerId, lineUserId: a.lineUserId } })).status).toBe(429);
  });
});
