import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSessionToken } from '@/lib/auth/session-token';
import type { RouteContract } from '@/lib/http/contract';
import { contracts } from '@/lib/api/contracts';
import { createProfile, randomSuffix } from '../support/factories';
import { call, json } from '../support/http';
import { lineToken, lineUserIdOf, TEST_CHANNEL_ID, TEST_CHANNEL_SECRET } from '../support/lucky-draw';
import { resetRateLimits } from '../support/rate-limits';
import { createStaffMember } from '../support/staff';

/**
 * The auth matrix: every protected route, found from the route contracts, answers 401 in
 * the error envelope without a credential, with an invalid one, and with a valid credential
 * of another kind: a route tests only the kind its contract declares, so anything else is no
 * credential (a customer session on a cron route, the admin key on a system route, a LINE ID
 * token where a session is needed, ...). 403 FORBIDDEN is left for a valid credential of the
 * route's own kind that lacks the right: a customer's session on a staff or admin route, a
 * staff member's on an admin route (staff-accounts.test.ts attacks those further). No input is
 * sent: the 401 comes before any validation.
 */

/** Which credential a route accepts. */
type Guard = 'session' | 'cron' | 'system' | 'admin' | 'lineToken' | 'staff';

/** The credential a contract's route needs (its `auth`, decided by the route wrapper), or null for a public route. */
function guardOf(contract: RouteContract): Guard | null {
  const guards: Record<RouteContract['auth'], Guard | null> = {
    none: null,
    optional: null,
    member: 'session',
    line: 'lineToken',
    staff: 'staff',
    admin: 'admin',
    system: 'system',
    cron: 'cron',
  };
  return guards[contract.auth];
}

/**
 * Routes anyone may call, each with the reason. A new route that is neither guarded nor
 * listed here fails the test below: decide which it is.
 */
const publicRoutes: Record<string, string> = {
  'GET /api/availability': 'spec: Authentication Optional',
  'POST /api/availability/check': 'spec: Authentication Optional',
  'POST /api/bookings/create': 'spec: guest bookings supported (a package booking needs a session: bookings-create.test.ts)',
  'GET /api/bookings/manage': 'its credential is the manage link token (X-Manage-Token), checked by the service: booking-manage-links.test.ts',
  'PUT /api/bookings/manage/modify': 'the manage link token (X-Manage-Token): booking-manage-links.test.ts',
  'POST /api/bookings/manage/cancel': 'the manage link token (X-Manage-Token): booking-manage-links.test.ts',
  'GET /api/health': 'load balancers and uptime checks',
  'POST /api/auth/email-code': 'asks for a sign-in code: the same answer for every address, rate limited per client and per address (email-code-sign-in.test.ts)',
  'POST /api/vip/sessions': 'vip-sessions spec: public endpoint',
  'POST /api/vip/sessions/validate': 'vip-sessions spec: public endpoint (the token is in the body)',
  'GET /api/lucky-draw/campaign-status': 'spec: Authentication Optional',
};

/** The 401 codes a route may answer with. */
const unauthenticatedCodes = ['AUTH_REQUIRED', 'LINE_TOKEN_INVALID'];

type Handler = (request: Request, context?: { params?: Record<string, string> }) => Promise<Response>;
interface ProtectedRoute {
  key: string;
  guard: Guard;
  handler: Handler;
  url: string;
  params: Record<string, string>;
}

const secrets = {
  CRON_SECRET: `cron-${randomSuffix()}-${randomSuffix()}`,
  SYSTEM_API_KEY: `system-${randomSuffix()}-${randomSuffix()}`,
  ADMIN_API_KEY: `admin-${randomSuffix()}-${randomSuffix()}`,
  LINE_LIFF_CHANNEL_ID: TEST_CHANNEL_ID,
  LINE_LIFF_CHANNEL_SECRET: TEST_CHANNEL_SECRET,
};
const saved = { ...process.env };

/** A credential a caller can present, and the guard it satisfies (null: valid for nothing). */
interface Credential {
  name: string;
  satisfies: Guard | null;
  headers: Record<string, string>;
}
let valid: Credential[];
let invalid: Credential[];
let routes: ProtectedRoute[];
let customerSession: string;

beforeAll(async () => {
  Object.assign(process.env, secrets);
  const customer = await createProfile();
  customerSession = await issueSessionToken(customer);
  const adminSession = (await createStaffMember('admin')).token;
  const staffSession = (await createStaffMember('staff')).token;
  const lineUser = lineUserIdOf();

  valid = [
    { name: 'customer session (Bearer)', satisfies: 'session', headers: { Authorization: `Bearer ${customerSession}` } },
    { name: 'customer session (cookie)', satisfies: 'session', headers: { Cookie: `next-auth.session-token=${customerSession}` } },
    { name: 'admin session', satisfies: 'admin', headers: { Authorization: `Bearer ${adminSession}` } },
    { name: 'cron secret', satisfies: 'cron', headers: { Authorization: `Bearer ${secrets.CRON_SECRET}` } },
    { name: 'system key', satisfies: 'system', headers: { Authorization: `Bearer ${secrets.SYSTEM_API_KEY}` } },
    { name: 'admin key', satisfies: 'admin', headers: { Authorization: `Bearer ${secrets.ADMIN_API_KEY}` } },
    { name: 'LINE ID token', satisfies: 'lineToken', headers: { Authorization: `Bearer ${await lineToken(lineUser)}` } },
    { name: 'staff session', satisfies: 'staff', headers: { Authorization: `Bearer ${staffSession}` } },
  ];
  invalid = [
    { name: 'nothing', satisfies: null, headers: {} },
    { name: 'a made-up Bearer', satisfies: null, headers: { Authorization: 'Bearer not-a-credential' } },
    { name: 'a wrong cron secret', satisfies: null, headers: { Authorization: `Bearer ${secrets.CRON_SECRET}x` } },
    { name: 'a tampered session', satisfies: null, headers: { Authorization: `Bearer ${customerSession.slice(0, -6)}AAAAAA` } },
    { name: 'a session cookie of another secret', satisfies: null, headers: { Cookie: `next-auth.session-token=${customerSession.slice(4)}` } },
    { name: 'an expired LINE ID token', satisfies: null, headers: { Authorization: `Bearer ${await lineToken(lineUser, { expiresIn: Math.floor(Date.now() / 1000) - 60 })}` } },
    { name: 'a LINE ID token of another channel', satisfies: null, headers: { Authorization: `Bearer ${await lineToken(lineUser, { audience: '9999999999' })}` } },
    { name: 'the retired staff PIN header', satisfies: null, headers: { 'X-Staff-Pin': '482913' } },
    { name: 'Basic credentials', satisfies: null, headers: { Authorization: `Basic ${Buffer.from(`admin:${secrets.ADMIN_API_KEY}`).toString('base64')}` } },
  ];

  routes = [];
  for (const contract of contracts) {
    const guard = guardOf(contract);
    if (!guard) continue;
    const key = `${contract.method} ${contract.path}`;
    const params = Object.fromEntries([...contract.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name!, crypto.randomUUID()]));
    const url = contract.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name]!);
    const file = path.resolve(__dirname, '../../app', `.${contract.path.replace(/\{(\w+)\}/g, '[$1]')}`, 'route.ts');
    const handler = ((await import(file)) as Record<string, Handler>)[contract.method];
    if (!handler) throw new Error(`${file} exports no ${contract.method}`);
    routes.push({ key, guard, handler, url, params });
  }
});

afterAll(() => {
  for (const name of Object.keys(secrets)) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

const send = (route: ProtectedRoute, headers: Record<string, string>) =>
  call(route.handler, route.key.split(' ')[0]!, route.url, { headers, params: route.params });

// Failed secret checks are also limited globally per kind (security-credentials.test.ts): each
// route's round starts with fresh counters so the matrix sees the 401s, not that limit's 429.
const freshRateLimits = resetRateLimits;

describe('every protected route', () => {
  it('is found from the contracts: each contract is protected or a listed public route', () => {
    const unclassified = contracts.filter((c) => !guardOf(c) && !publicRoutes[`${c.method} ${c.path}`]).map((c) => `${c.method} ${c.path}`);
    expect(unclassified).toEqual([]);
    const guards = new Set(routes.map((r) => r.guard));
    expect([...guards].sort()).toEqual(['admin', 'cron', 'lineToken', 'session', 'staff', 'system']);
    expect(routes.length).toBeGreaterThanOrEqual(25);
  });

  it('answers 401 in the envelope without a credential, or with an invalid one, before reading any input', async () => {
    for (const route of routes) {
      await freshRateLimits();
      for (const credential of invalid) {
        const response = await send(route, credential.headers);
        const body = await json(response);
        expect(response.status, `${route.key} with ${credential.name}: ${JSON.stringify(body)}`).toBe(401);
        expect(body).toEqual({ error: expect.any(String), code: expect.any(String), timestamp: expect.any(String), path: route.url.split('?')[0] });
        expect(unauthenticatedCodes).toContain(body.code);
      }
    }
  });

  it('answers 401 in the envelope to a valid credential of another kind: the route never tests it', async () => {
    let checked = 0;
    for (const route of routes) {
      await freshRateLimits();
      for (const credential of valid) {
        if (credential.satisfies === route.guard) continue;
        // Staff and admin sessions are sessions too: the member routes accept them, and an admin is staff.
        if (['admin session', 'staff session'].includes(credential.name) && route.guard === 'session') continue;
        if (credential.name === 'admin session' && route.guard === 'staff') continue;
        // Sessions are the staff and admin routes' own kind, without the right: below (403).
        if (['session', 'staff'].includes(credential.satisfies ?? '') && ['staff', 'admin'].includes(route.guard)) continue;
        const response = await send(route, credential.headers);
        const body = await json(response);
        expect(response.status, `${route.key} with ${credential.name}: ${JSON.stringify(body)}`).toBe(401);
        expect(body).toEqual({ error: expect.any(String), code: expect.any(String), timestamp: expect.any(String), path: route.url.split('?')[0] });
        expect(unauthenticatedCodes).toContain(body.code);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(150);
  });

  it("answers 403 FORBIDDEN to a customer's session on a staff or admin route, a staff session on an admin route, and lets the right credential through", async () => {
    const staffAndAdminRoutes = routes.filter((r) => r.guard === 'admin' || r.guard === 'staff');
    expect(staffAndAdminRoutes.length).toBeGreaterThanOrEqual(5);
    for (const route of staffAndAdminRoutes) {
      for (const credential of valid.filter((c) => c.satisfies === 'session' || (c.satisfies === 'staff' && route.guard === 'admin'))) {
        const response = await send(route, credential.headers);
        const body = await json(response);
        expect(response.status, `${route.key} with ${credential.name}`).toBe(403);
        expect(body).toEqual({ error: expect.any(String), code: 'FORBIDDEN', timestamp: expect.any(String), path: route.url });
      }
    }
    // The route's own credential passes the check: whatever the route answers then (without input 400, an unknown id 404,
    // the admin key on a staff account change 403), it is not 401.
    for (const route of routes) {
      await freshRateLimits();
      for (const credential of valid.filter((c) => c.satisfies === route.guard)) {
        const response = await send(route, credential.headers);
        const body = response.status >= 400 ? await json(response) : {};
        expect(response.status, `${route.key} with ${credential.name}: ${JSON.stringify(body)}`).not.toBe(401);
      }
    }
  });

  it('staff-only routes answer 403 to a customer, and a wrong credential next to a valid one is still 401', async () => {
    const analytics = routes.find((r) => r.key === 'GET /api/vip/sessions/analytics')!;
    const customer = await send(analytics, { Authorization: `Bearer ${customerSession}` });
    expect(customer.status).toBe(403);
    expect((await json(customer)).code).toBe('FORBIDDEN');

    // An expired LINE token inside LINE's browser that also holds a site session: sign in to LINE again (401).
    const spin = routes.find((r) => r.key === 'POST /api/liff/spin')!;
    const expired = invalid.find((c) => c.name === 'an expired LINE ID token')!;
    const stale = await send(spin, { ...expired.headers, Cookie: `next-auth.session-token=${customerSession}` });
    expect(stale.status).toBe(401);
    expect((await json(stale)).code).toBe('LINE_TOKEN_INVALID');

    // The retired PIN header beside a customer's session: the session is what is judged (403), the header ignored.
    const redeem = routes.find((r) => r.key === 'POST /api/lucky-draw/redeem')!;
    const withPin = await send(redeem, { 'X-Staff-Pin': '482913', Authorization: `Bearer ${customerSession}` });
    expect(withPin.status).toBe(403);
    expect((await json(withPin)).code).toBe('FORBIDDEN');
  });
});
