import fc from 'fast-check';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as checkRoute } from '@/app/api/availability/check/route';
import { GET as availabilityRoute } from '@/app/api/availability/route';
import { POST as createBookingRoute } from '@/app/api/bookings/create/route';
import { POST as cancelManagedRoute } from '@/app/api/bookings/manage/cancel/route';
import { PUT as modifyManagedRoute } from '@/app/api/bookings/manage/modify/route';
import { GET as getManagedRoute } from '@/app/api/bookings/manage/route';
import { issueManageLink } from '@/lib/bookings/manage-links';
import { GET as crmMappingRoute } from '@/app/api/crm/mapping/route';
import { POST as crmMatchRoute } from '@/app/api/crm/match/route';
import { GET as crmPackagesRoute } from '@/app/api/crm/packages/route';
import { GET as crmProfileRoute } from '@/app/api/crm/profile/route';
import { POST as crmSyncRoute } from '@/app/api/crm/sync-packages/route';
import { GET as healthRoute } from '@/app/api/health/route';
import { POST as devTokenRoute } from '@/app/api/liff/dev-token/route';
import { GET as campaignRoute } from '@/app/api/lucky-draw/campaign-status/route';
import { GET as openApiRoute } from '@/app/api/openapi.json/route';
import { POST as emailCodeRoute } from '@/app/api/auth/email-code/route';
import { POST as createSessionRoute } from '@/app/api/vip/sessions/route';
import { POST as validateSessionRoute } from '@/app/api/vip/sessions/validate/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { createProfile, insertBooking, venueDate } from '../support/factories';
import { call, json } from '../support/http';
import {
  badDate,
  badTime,
  contractRoutes,
  databaseFingerprint,
  expectCleanAnswer,
  expectEnvelope,
  forgedSessionTokens,
  freeSlot,
  FUZZ_TIMEOUT,
  fuzzAreas,
  fuzzEveryRouteOf,
  fuzzRoute,
  type FuzzTarget,
  hostileBody,
  hostileHeaders,
  hostileIp,
  hostileQuery,
  hostileValue,
} from '../support/hostile-input';
import { resetRateLimits } from '../support/rate-limits';

/**
 * Hostile input against the public routes (availability, booking, VIP sessions, health,
 * campaign status) and the routes outside the contracts list (deprecated CRM routes, the
 * OpenAPI document, the LIFF local sign-in, NextAuth).
 */

let forged: string[] = [];
let targets: Record<string, FuzzTarget<never>> = {};

interface Parts<B> {
  body: B;
  headers: Record<string, string>;
  ip: string | undefined;
}
const parts = <B,>(body: fc.Arbitrary<B>, credentials: Array<Record<string, string>> = []) =>
  fc.record({ body, headers: hostileHeaders(credentials, forged), ip: hostileIp }) as fc.Arbitrary<Parts<B>>;

const target = <T,>(definition: FuzzTarget<T>) => definition as unknown as FuzzTarget<never>;

beforeAll(async () => {
  const member = await createProfile();
  forged = await forgedSessionTokens(member);
  const bookingCredentials: Array<Record<string, string>> = [{}, {}, { Authorization: `Bearer ${await issueSessionToken(member)}` }, { Authorization: `Bearer ${await issueSessionToken(randomUUID())}` }];
  const date = venueDate(6);
  const validCheck = { date, startTime: '12:00', duration: 1, bay: 'Bay 2', numberOfPeople: 2 };
  const validBooking = freeSlot(20, 60, venueDate).map((slot) => ({
    ...slot,
    duration: 1.5,
    bay: 'Bay 3',
    customerName: 'Fuzz Guest',
    customerEmail: 'fuzz.guest@example.test',
    customerPhone: '081-234-5678',
    numberOfPeople: 2,
    specialRequests: 'Left-handed clubs',
    locale: 'th',
  }));
  const dateFields = { date: badDate, startTime: badTime };
  const opened = await json<{ data: { session_token: string } }>(await call(createSessionRoute, 'POST', '/api/vip/sessions', { body: { vip_code: 'MIAMI2024' } }));

  // Manage links: a live booking's token (its successes move or cancel it), a made-up one, none.
  const managedUrl = await issueManageLink(await insertBooking({ bay: 'Bay 1', date: venueDate(9), startTime: '10:00' }));
  const manageCredentials: Array<Record<string, string>> = [{ 'X-Manage-Token': new URL(managedUrl!).hash.slice(3) }, { 'X-Manage-Token': '0'.repeat(64) }, {}];
  const validMove = { date: venueDate(9), startTime: '15:00', duration: 1 };

  targets = {
    'GET /api/bookings/manage': target({
      route: 'GET /api/bookings/manage',
      handler: getManagedRoute,
      input: parts(hostileQuery({ t: 'x' }), manageCredentials),
      request: ({ body, headers, ip }) => ({ method: 'GET', url: `/api/bookings/manage?${body}`, headers, ip }),
      runs: 60,
      beforeEach: async () => {
        await resetRateLimits();
      },
    }),
    'PUT /api/bookings/manage/modify': target({
      route: 'PUT /api/bookings/manage/modify',
      handler: modifyManagedRoute,
      input: parts(hostileBody(validMove, { date: badDate, startTime: badTime }), manageCredentials),
      request: ({ body, headers, ip }) => ({ method: 'PUT', url: '/api/bookings/manage/modify', body, headers, ip }),
      runs: 150,
      beforeEach: async () => {
        await resetRateLimits();
      },
    }),
    'POST /api/bookings/manage/cancel': target({
      route: 'POST /api/bookings/manage/cancel',
      handler: cancelManagedRoute,
      input: parts(hostileBody({ cancellationReason: 'Fuzz' }), manageCredentials),
      request: ({ body, headers, ip }) => ({ method: 'POST', url: '/api/bookings/manage/cancel', body, headers, ip }),
      runs: 100,
      beforeEach: async () => {
        await resetRateLimits();
      },
    }),
    'POST /api/auth/email-code': target({
      route: 'POST /api/auth/email-code',
      handler: emailCodeRoute,
      input: parts(hostileBody({ email: 'fuzz.code@example.test', locale: 'th' }, { email: fc.constantFrom('fuzz', 'a@', '@b', `${'x'.repeat(200)}@example.test`, 'fuzz@example.test\u0000'), locale: fc.constantFrom('fr', 'EN', '') })),
      request: ({ body, headers, ip }) => ({ method: 'POST', url: '/api/auth/email-code', body, headers, ip }),
      runs: 150,
      // Limited per address and per email: every run starts with fresh counters.
      beforeEach: async () => {
        await resetRateLimits();
      },
    }),
    'GET /api/availability': target({
      route: 'GET /api/availability',
      handler: availabilityRoute,
      input: parts(hostileQuery({ date }, { date: badDate })),
      request: ({ body, headers, ip }) => ({ method: 'GET', url: `/api/availability?${body}`, headers, ip }),
      runs: 200,
    }),
    'POST /api/availability/check': target({
      route: 'POST /api/availability/check',
      handler: checkRoute,
      input: parts(hostileBody(validCheck, dateFields)),
      request: ({ body, headers, ip }) => ({ method: 'POST', url: '/api/availability/check', body, headers, ip }),
      runs: 250,
    }),
    'POST /api/bookings/create': target({
      route: 'POST /api/bookings/create',
      handler: createBookingRoute,
      // Guests, a member, and the valid session of a profile deleted since.
      input: parts(hostileBody(validBooking, { ...dateFields, customerPhone: fc.constantFrom('0', '+', '+66', '+660812345678', '12345678901234567890', '081-234-5678 ext 9', '(((', '0812345678\u0000') }), bookingCredentials),
      request: ({ body, headers, ip }) => ({ method: 'POST', url: '/api/bookings/create', body, headers, ip }),
      runs: 300,
      // Members are limited per member (10 an hour), not per address: every run starts with fresh counters.
      beforeEach: async () => {
        await resetRateLimits();
      },
    }),
    'POST /api/vip/sessions': target({
      route: 'POST /api/vip/sessions',
      handler: createSessionRoute,
      input: parts(hostileBody({ vip_code: 'MIAMI2024' }, { vip_code: fc.constantFrom('MIA', 'MIAMI2024MIAMI', 'MIAMI 2024', 'miami2024\u0000', 'ＭＩＡＭＩ２０２４') })),
      request: ({ body, headers, ip }) => ({ method: 'POST', url: '/api/vip/sessions', body, headers, ip }),
      runs: 200,
      shape: 'vipSession',
    }),
    'POST /api/vip/sessions/validate': target({
      route: 'POST /api/vip/sessions/validate',
      handler: validateSessionRoute,
      input: parts(
        hostileBody(
          { session_token: opened.data.session_token },
          { session_token: fc.constantFrom('demo_', 'demo_-1', 'demo_1e9', `demo_${'9'.repeat(400)}`, '0'.repeat(64), 'G'.repeat(64), opened.data.session_token.toUpperCase()) },
        ),
      ),
      request: ({ body, headers, ip }) => ({ method: 'POST', url: '/api/vip/sessions/validate', body, headers, ip }),
      runs: 200,
      shape: 'vipSession',
    }),
    'GET /api/health': target({
      route: 'GET /api/health',
      handler: healthRoute,
      input: parts(hostileQuery({ verbose: '1' })),
      request: ({ body, headers, ip }) => ({ method: 'GET', url: `/api/health?${body}`, headers, ip }),
      runs: 60,
    }),
    'GET /api/lucky-draw/campaign-status': target({
      route: 'GET /api/lucky-draw/campaign-status',
      handler: campaignRoute,
      input: parts(hostileQuery({ campaignId: 'x' })),
      request: ({ body, headers, ip }) => ({ method: 'GET', url: `/api/lucky-draw/campaign-status?${body}`, headers, ip }),
      runs: 60,
    }),
  };
});

describe('hostile input: every route has a fuzz test', () => {
  it('the areas of the hostile-input files list exactly the contracts', () => {
    const covered = Object.values(fuzzAreas).flat();
    expect(new Set(covered).size, 'a route is listed in two areas').toBe(covered.length);
    expect([...covered].sort()).toEqual(contractRoutes().sort());
  });
});

describe('hostile input: public routes answer 4xx envelopes and leave the database alone', () => {
  // Routes without input of their own (health, campaign status) answer 200 to junk; the rest refuse most runs.
  const mostlyRefused = new Set(['PUT /api/bookings/manage/modify', 'POST /api/bookings/manage/cancel', 'POST /api/auth/email-code', 'POST /api/availability/check', 'POST /api/bookings/create', 'POST /api/vip/sessions', 'POST /api/vip/sessions/validate', 'GET /api/availability']);
  fuzzEveryRouteOf('public', () => targets, (route) => (mostlyRefused.has(route) ? 0.6 : undefined));

  it('past a rate limit the answer is the 429 envelope with Retry-After, and nothing is written', async () => {
    const ip = `10.250.${Math.floor(Math.random() * 250)}.7`;
    const before = await databaseFingerprint();
    const bodies = fc.sample(hostileBody({ vip_code: 'MIAMI2024' }), { numRuns: 14, seed: 7 }).map((body) => (typeof body === 'string' ? body : { ...body, vip_code: 42 }));
    const statuses: number[] = [];
    for (const body of bodies) {
      const response = await call(createSessionRoute, 'POST', '/api/vip/sessions', { body, ip });
      if (response.status === 429) {
        expect(response.headers.get('Retry-After')).toMatch(/^[0-9]+$/);
        const body = await json(response);
        expectEnvelope(body, 429, '/api/vip/sessions');
        expect(body.code).toBe('RATE_LIMIT_EXCEEDED');
      } else {
        await expectCleanAnswer(response, '/api/vip/sessions', 'vipSession');
      }
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10).every((status) => status === 422)).toBe(true);
    expect(statuses.slice(10).every((status) => status === 429)).toBe(true);
    expect(await databaseFingerprint()).toEqual(before);

    const bookingIp = `10.251.${Math.floor(Math.random() * 250)}.9`;
    const bookingStatuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await call(createBookingRoute, 'POST', '/api/bookings/create', { body: { date: '2026-02-30', customerName: ["'; drop table bookings; --"] }, ip: bookingIp });
      await expectCleanAnswer(response, '/api/bookings/create', 'envelope');
      bookingStatuses.push(response.status);
    }
    expect(bookingStatuses).toEqual([400, 400, 400, 429, 429]);
    expect(await databaseFingerprint()).toEqual(before);
  });
});

describe('hostile input: routes outside the contracts list', () => {
  const crmRoutes: Array<[string, 'GET' | 'POST', (request: Request) => Response | Promise<Response>]> = [
    ['/api/crm/mapping', 'GET', crmMappingRoute],
    ['/api/crm/match', 'POST', crmMatchRoute],
    ['/api/crm/packages', 'GET', crmPackagesRoute],
    ['/api/crm/profile', 'GET', crmProfileRoute],
    ['/api/crm/sync-packages', 'POST', crmSyncRoute],
  ];
  for (const [path, method, handler] of crmRoutes) {
    it(`${method} ${path} answers 410 GONE whatever it is sent`, async () => {
      const outcome = await fuzzRoute(
        target({
          route: `${method} ${path}`,
          handler,
          input: parts(fc.tuple(hostileQuery({ phone: '0812345678' }), hostileBody({ phoneNumber: '0812345678', profileId: 'x' }))),
          request: ({ body: [query, payload], headers, ip }) => ({ method, url: `${path}?${query}`, body: method === 'POST' ? payload : undefined, headers, ip }),
          runs: 30,
        }),
      );
      expect(outcome.statuses).toEqual({ 410: outcome.runs });
    }, FUZZ_TIMEOUT);
  }

  it('GET /api/openapi.json answers the document whatever it is sent', async () => {
    const outcome = await fuzzRoute(
      target({
        route: 'GET /api/openapi.json',
        handler: () => openApiRoute(),
        input: parts(hostileQuery({ format: 'json' })),
        request: ({ body, headers, ip }) => ({ method: 'GET', url: `/api/openapi.json?${body}`, headers, ip }),
        runs: 20,
      }),
    );
    expect(outcome.statuses).toEqual({ 200: outcome.runs });
  }, FUZZ_TIMEOUT);

  it('POST /api/liff/dev-token refuses anything but a LINE user id', async () => {
    const outcome = await fuzzRoute(
      target({
        route: 'POST /api/liff/dev-token',
        handler: devTokenRoute,
        input: parts(hostileBody({ lineUserId: 'U00000000000000000000000000demo01' }, { lineUserId: fc.constantFrom('U', 'U0000', `U${'0'.repeat(33)}`, `u${'0'.repeat(32)}`, `U${'0'.repeat(31)}\u0000`) })),
        request: ({ body, headers, ip }) => ({ method: 'POST', url: '/api/liff/dev-token', body, headers, ip }),
        runs: 150,
      }),
    );
    expect(outcome.refused / outcome.runs).toBeGreaterThan(0.6);
  }, FUZZ_TIMEOUT);

  it('NextAuth answers malformed calls without a 5xx', async () => {
    // NextAuth reads cookies() and headers(): give it the request scope Next would. Next's
    // request storage needs AsyncLocalStorage on globalThis before its modules load.
    (globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;
    const { workAsyncStorage } = await import('next/dist/server/app-render/work-async-storage.external');
    const { workUnitAsyncStorage } = await import('next/dist/server/app-render/work-unit-async-storage.external');
    const { createRequestStoreForAPI } = await import('next/dist/server/async-storage/request-store');
    const { NextRequest } = await import('next/server');
    const { GET: nextAuthGet, POST: nextAuthPost } = await import('@/app/api/auth/[...nextauth]/route');
    const authCall = (method: 'GET' | 'POST', segments: string[], init: { body?: string; headers?: Record<string, string> } = {}) => {
      const url = new URL(`/api/auth/${segments.map(encodeURIComponent).join('/')}`, 'http://localhost:3000');
      const request = new NextRequest(url, { method, headers: { 'content-type': 'application/x-www-form-urlencoded', ...init.headers }, body: init.body });
      const workStore = { route: '/api/auth/[...nextauth]', page: '/api/auth/[...nextauth]/route', forceStatic: false, dynamicShouldError: false } as never;
      const requestStore = createRequestStoreForAPI(request, request.nextUrl, { tags: [], expirationsByCacheKind: new Map() } as never, undefined, undefined as never, undefined);
      return workAsyncStorage.run(workStore, () =>
        workUnitAsyncStorage.run(requestStore, () => (method === 'GET' ? nextAuthGet : nextAuthPost)(request, { params: Promise.resolve({ nextauth: segments }) })),
      );
    };
    const before = await databaseFingerprint();
    const forgedCookie = { Cookie: `next-auth.session-token=${forged[0]}` };
    const calls: Array<Promise<Response>> = [
      authCall('GET', ['session'], { headers: forgedCookie }),
      authCall('GET', ['session'], { headers: { Cookie: 'next-auth.session-token=%E0%A4%A' } }),
      authCall('GET', ['providers']),
      authCall('GET', ['nonsense', '..', '..']),
      authCall('GET', ['callback', "'; drop table profiles; --"]),
      authCall('POST', ['callback', 'guest'], { body: 'name=%00&email=not-an-email&phone=' + 'x'.repeat(5000) }),
      authCall('POST', ['signin', 'guest'], { body: '%%%' }),
      authCall('POST', ['signout'], { body: 'csrfToken=forged' }),
      authCall('POST', ['session'], { body: JSON.stringify({ __proto__: { admin: true } }), headers: { 'content-type': 'application/json' } }),
    ];
    for (const response of await Promise.all(calls)) {
      expect(response.status).toBeLessThan(500);
      expect(await response.text()).not.toMatch(/\n\s+at |node_modules|SQLSTATE/);
    }
    expect(await databaseFingerprint()).toEqual(before);
  });

  it('hostile values generate (sanity): the mix holds strings, numbers, containers and nulls', () => {
    const kinds = new Set(fc.sample(hostileValue, { numRuns: 300, seed: 1 }).map((value) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value)));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['array', 'boolean', 'null', 'number', 'object', 'string']));
  });
});
