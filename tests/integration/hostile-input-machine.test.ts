import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as calendarRetryRoute } from '@/app/api/admin/calendar-retry/route';
import { POST as retryJobRoute } from '@/app/api/admin/outbox-jobs/[jobId]/retry/route';
import { POST as calendarCreateRoute } from '@/app/api/bookings/calendar/create/route';
import { POST as createBookingRoute } from '@/app/api/bookings/create/route';
import { GET as cleanupGetRoute, POST as cleanupRoute } from '@/app/api/cron/cleanup-vip-sessions/route';
import { GET as outboxGetRoute, POST as outboxRoute } from '@/app/api/cron/process-outbox/route';
import { GET as liffMeRoute } from '@/app/api/liff/me/route';
import { POST as spinRoute } from '@/app/api/liff/spin/route';
import { GET as customerStatusRoute } from '@/app/api/lucky-draw/customer-status/route';
import { POST as redeemRoute } from '@/app/api/lucky-draw/redeem/route';
import { POST as salesRoute } from '@/app/api/lucky-draw/sales-transactions/route';
import { POST as emailCancellationRoute } from '@/app/api/notifications/email/cancellation/route';
import { POST as emailRoute } from '@/app/api/notifications/email/route';
import { POST as lineReviewRoute } from '@/app/api/notifications/line/review-request/route';
import { POST as lineRoute } from '@/app/api/notifications/line/route';
import { GET as processReviewGetRoute, POST as processReviewRoute } from '@/app/api/notifications/process-review-requests/route';
import { POST as scheduleReviewRoute } from '@/app/api/notifications/schedule-review-request/route';
import { POST as sendReviewRoute } from '@/app/api/notifications/send-review-request/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { createProfile, insertBooking, randomSuffix, venueDate } from '../support/factories';
import { call, json } from '../support/http';
import {
  badDate,
  badTime,
  databaseFingerprint,
  expectCleanAnswer,
  forgedSessionTokens,
  fuzzEveryRouteOf,
  type FuzzTarget,
  hostileBody,
  hostileHeaders,
  hostileIp,
  hostilePathId,
  hostileQuery,
  percentEncoded,
} from '../support/hostile-input';
import { lineCustomer, lineToken, lineUserIdOf, TEST_CHANNEL_ID, TEST_CHANNEL_SECRET } from '../support/lucky-draw';
import { resetRateLimits } from '../support/rate-limits';
import { sql } from '../support/sql';
import { createStaffMember, emailSession, type StaffFixture } from '../support/staff';

/**
 * Hostile input against the machine and staff routes (lucky draw and LIFF, system
 * notifications, cron, admin), with valid credentials in most runs so that the body,
 * query and path are what is attacked, and forged or foreign credentials in the rest.
 */

const SYSTEM_KEY = `system-${randomSuffix()}`;
const CRON_SECRET = `cron-${randomSuffix()}`;
const ADMIN_KEY = `admin-${randomSuffix()}`;
const ENV = {
  SYSTEM_API_KEY: SYSTEM_KEY,
  CRON_SECRET,
  ADMIN_API_KEY: ADMIN_KEY,
  LINE_LIFF_CHANNEL_ID: TEST_CHANNEL_ID,
  LINE_LIFF_CHANNEL_SECRET: TEST_CHANNEL_SECRET,
};
const saved: Record<string, string | undefined> = {};

let targets: Record<string, FuzzTarget<never>> = {};
let spinner = { customerId: '', lineUserId: '', token: '' };
let desk: StaffFixture;
let typedDesk = '';

interface Parts<B> {
  body: B;
  headers: Record<string, string>;
  ip: string | undefined;
}
const target = <T,>(definition: FuzzTarget<T>) => definition as unknown as FuzzTarget<never>;
// LIFF routes are limited per LINE user, not per address, and failed secret checks also globally
// per kind: every run starts with fresh counters, so the input, not a limit, is what is attacked.
const freshRateLimits = async () => {
  await resetRateLimits();
};

beforeAll(async () => {
  for (const [key, value] of Object.entries(ENV)) {
    saved[key] = process.env[key];
    process.env[key] = value;
  }
  const memberId = await createProfile();
  const { profileId: admin, token: adminToken } = await createStaffMember('admin', 'Fuzz Admin');
  desk = await createStaffMember('staff', 'Fuzz Staff');
  // A guest sign-in that typed the desk's email: never staff.
  typedDesk = (await emailSession(desk.email, { verified: false })).token;
  const memberToken = await issueSessionToken(memberId);
  const forged = await forgedSessionTokens(admin);

  spinner = await lineCustomer(3);
  const neighbour = await lineCustomer(1);
  const spun = await json<{ prizeId: string }>(
    await call(spinRoute, 'POST', '/api/liff/spin', { body: { customerId: spinner.customerId, lineUserId: spinner.lineUserId }, headers: { Authorization: `Bearer ${spinner.token}` } }),
  );
  const stranger = lineUserIdOf();
  const lineCredentials = [
    { Authorization: `Bearer ${spinner.token}` },
    { Authorization: `Bearer ${spinner.token}` },
    { Authorization: `Bearer ${neighbour.token}` },
    // Signed right, but for a LINE user without a profile; expired; another channel; another secret.
    { Authorization: `Bearer ${await lineToken(stranger)}` },
    { Authorization: `Bearer ${await lineToken(spinner.lineUserId, { expiresIn: Math.floor(Date.now() / 1000) - 60 })}` },
    { Authorization: `Bearer ${await lineToken(spinner.lineUserId, { audience: '999' })}` },
    { Authorization: `Bearer ${await lineToken(spinner.lineUserId, { secret: 'forged-secret-forged-secret-forged' })}` },
  ];
  const system = { Authorization: `Bearer ${SYSTEM_KEY}` };
  const cron = { Authorization: `Bearer ${CRON_SECRET}` };
  const member = { Authorization: `Bearer ${memberToken}` };
  const systemCredentials = [system, system, system, cron, member];
  const cronCredentials = [cron, system, member, { Authorization: `Bearer ${ADMIN_KEY}` }];
  const adminCredentials = [{ Authorization: `Bearer ${ADMIN_KEY}` }, { Authorization: `Bearer ${adminToken}` }, { Cookie: `next-auth.session-token=${adminToken}` }, system, member];

  const confirmed = await insertBooking({ bay: 'AI Lab', date: venueDate(9), startTime: '13:00' });
  const cancelled = await insertBooking({ bay: 'AI Lab', date: venueDate(9), startTime: '16:00', status: 'cancelled' });
  const past = await insertBooking({ bay: 'AI Lab', date: venueDate(-2), startTime: '13:00' });
  const bookingIds = fc.oneof({ arbitrary: fc.constantFrom(confirmed, cancelled, past), weight: 1 }, { arbitrary: fc.uuid(), weight: 1 });
  // Real outbox jobs: those of a booking made through the booking route.
  const booked = await json<{ bookingId: string }>(
    await call(createBookingRoute, 'POST', '/api/bookings/create', {
      body: { date: venueDate(9), startTime: '18:00', duration: 1, bay: 'AI Lab', customerName: 'Job Maker', customerEmail: 'jobs@example.test', customerPhone: '0812345678', numberOfPeople: 1 },
    }),
  );
  const [job] = await sql<{ id: string }>('select id from public.outbox_jobs where booking_id = $1 limit 1', [booked.bookingId]);

  const parts = <B,>(body: fc.Arbitrary<B>, valid: Array<Record<string, string>>) =>
    fc.record({ body, headers: hostileHeaders(valid, forged), ip: hostileIp }) as fc.Arbitrary<Parts<B>>;
  const post = <B extends Record<string, unknown>>(route: string, handler: FuzzTarget<never>['handler'], valid: B, special: Record<string, fc.Arbitrary<unknown>>, credentials: Array<Record<string, string>>, runs: number, extra: Partial<FuzzTarget<Parts<unknown>>> = {}) => {
    const path = route.slice('POST '.length);
    return target({
      route,
      handler,
      input: parts(hostileBody(valid, special), credentials),
      request: ({ body, headers, ip }) => ({ method: 'POST', url: path, body, headers, ip }),
      runs,
      beforeEach: freshRateLimits,
      ...extra,
    });
  };
  const bare = (route: string, handler: FuzzTarget<never>['handler'], credentials: Array<Record<string, string>>, runs: number) => {
    const [method, path] = route.split(' ') as [string, string];
    return target({
      route,
      handler,
      input: parts(fc.tuple(hostileQuery({ limit: '10' }), hostileBody({ force: true })), credentials),
      request: ({ body: [query, payload], headers, ip }) => ({ method, url: `${path}?${query}`, body: method === 'POST' ? payload : undefined, headers, ip }),
      runs,
      beforeEach: freshRateLimits,
    });
  };
  const email = fc.constantFrom('a@b', 'x@example.test\u0000', `${'a'.repeat(300)}@example.test`, 'a@b.c d', '"a"@example.test');
  const uuidish = { bookingId: bookingIds, customerId: bookingIds };

  targets = {
    'POST /api/bookings/calendar/create': post('POST /api/bookings/calendar/create', calendarCreateRoute, { bookingId: confirmed, calendarId: 'bay@example.test', eventDetails: { summary: 'x' } }, uuidish, systemCredentials, 120),
    'POST /api/cron/process-outbox': bare('POST /api/cron/process-outbox', outboxRoute, cronCredentials, 40),
    'GET /api/cron/process-outbox': bare('GET /api/cron/process-outbox', outboxGetRoute, cronCredentials, 40),
    'POST /api/cron/cleanup-vip-sessions': bare('POST /api/cron/cleanup-vip-sessions', cleanupRoute, cronCredentials, 40),
    'GET /api/cron/cleanup-vip-sessions': bare('GET /api/cron/cleanup-vip-sessions', cleanupGetRoute, cronCredentials, 40),
    'POST /api/notifications/process-review-requests': bare('POST /api/notifications/process-review-requests', processReviewRoute, cronCredentials, 40),
    'GET /api/notifications/process-review-requests': bare('GET /api/notifications/process-review-requests', processReviewGetRoute, cronCredentials, 40),
    'GET /api/lucky-draw/customer-status': target({
      route: 'GET /api/lucky-draw/customer-status',
      handler: customerStatusRoute,
      input: parts(hostileQuery({ customerId: spinner.customerId }, { customerId: fc.constantFrom(neighbour.customerId, spinner.customerId.toUpperCase()) }), lineCredentials),
      request: ({ body, headers, ip }) => ({ method: 'GET', url: `/api/lucky-draw/customer-status?${body}`, headers, ip }),
      runs: 150,
      beforeEach: freshRateLimits,
    }),
    'GET /api/liff/me': target({
      route: 'GET /api/liff/me',
      handler: liffMeRoute,
      input: parts(hostileQuery({ lineUserId: spinner.lineUserId }), lineCredentials),
      request: ({ body, headers, ip }) => ({ method: 'GET', url: `/api/liff/me?${body}`, headers, ip }),
      runs: 80,
      beforeEach: freshRateLimits,
    }),
    'POST /api/liff/spin': post(
      'POST /api/liff/spin',
      spinRoute,
      { customerId: spinner.customerId, lineUserId: spinner.lineUserId },
      { customerId: fc.constantFrom(neighbour.customerId), lineUserId: fc.constantFrom(neighbour.lineUserId, spinner.lineUserId.toLowerCase(), `${spinner.lineUserId} `, `U${'0'.repeat(32)}`) },
      lineCredentials,
      200,
      { beforeEach: freshRateLimits },
    ),
    'POST /api/lucky-draw/redeem': post(
      'POST /api/lucky-draw/redeem',
      redeemRoute,
      { prizeId: spun.prizeId, staffName: 'Fuzz Staff' },
      { prizeId: fc.uuid(), staffName: fc.constantFrom('x'.repeat(81), ' ', 'Staff\u0000') },
      [desk.headers, desk.headers, { Authorization: `Bearer ${typedDesk}` }, { 'X-Staff-Pin': '482913' }, member, system],
      200,
      { beforeEach: freshRateLimits },
    ),
    'POST /api/lucky-draw/sales-transactions': post(
      'POST /api/lucky-draw/sales-transactions',
      salesRoute,
      { transactionId: 'POS-1', customerId: spinner.customerId, amountThb: 650, occurredAt: new Date().toISOString() },
      { customerId: bookingIds, amountThb: fc.constantFrom(-0.01, 100_000_001, 499.999, '650', 5e-324), occurredAt: fc.constantFrom('0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '2026-02-30T10:00:00Z', '2026-06-15T24:00:00Z', '0001-01-01T00:00:00+23:59'), transactionId: fc.constantFrom('', ' ', 'x'.repeat(101)) },
      systemCredentials,
      200,
    ),
    'POST /api/notifications/line': post('POST /api/notifications/line', lineRoute, { groupId: 'Cfuzzgroup', message: 'Hello', type: 'booking_created' }, { message: fc.constantFrom('x'.repeat(5001), ' ') }, systemCredentials, 120),
    'POST /api/notifications/email': post(
      'POST /api/notifications/email',
      emailRoute,
      { to: 'fuzz@example.test', subject: 'Hi', template: 'booking_confirmation', data: { bookingReference: 'BK1', customerName: 'A', date: venueDate(3), startTime: '14:00', endTime: '15:00', bay: 'Bay 1' }, locale: 'en' },
      {
        to: email,
        template: fc.constantFrom('newsletter', 'BOOKING_CONFIRMATION', ''),
        data: fc.record({ bookingReference: fc.constantFrom('', 'x'.repeat(500)), customerName: fc.constantFrom('A\u0000', ''), date: badDate, startTime: badTime, endTime: badTime, bay: fc.constantFrom('', 7) }, { requiredKeys: [] }),
      },
      systemCredentials,
      200,
    ),
    'POST /api/notifications/email/cancellation': post('POST /api/notifications/email/cancellation', emailCancellationRoute, { bookingId: cancelled, customerEmail: 'fuzz@example.test', cancellationReason: 'Rain' }, { ...uuidish, customerEmail: email }, systemCredentials, 120),
    'POST /api/notifications/schedule-review-request': post(
      'POST /api/notifications/schedule-review-request',
      scheduleReviewRoute,
      { bookingId: past, scheduledTime: new Date(Date.now() + 86_400_000).toISOString(), customerEmail: 'fuzz@example.test', customerName: 'Fuzz' },
      { ...uuidish, scheduledTime: fc.constantFrom('0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '2026-02-30T10:00:00Z', '2026-06-15T24:00:00Z', '0001-01-01T00:00:00+23:59'), customerEmail: email },
      systemCredentials,
      120,
    ),
    'POST /api/notifications/send-review-request': post('POST /api/notifications/send-review-request', sendReviewRoute, { bookingId: past, customerEmail: 'fuzz@example.test', deliveryMethod: 'email' }, { ...uuidish, customerEmail: email, deliveryMethod: fc.constantFrom('sms', 'EMAIL') }, systemCredentials, 120),
    'POST /api/notifications/line/review-request': post('POST /api/notifications/line/review-request', lineReviewRoute, { bookingId: past, lineUserId: spinner.lineUserId, customerName: 'Fuzz' }, { ...uuidish, lineUserId: fc.constantFrom('', 'x'.repeat(101)) }, systemCredentials, 120),
    'POST /api/admin/calendar-retry': post(
      'POST /api/admin/calendar-retry',
      calendarRetryRoute,
      { operationType: 'update', bookingId: confirmed, retryCount: 2 },
      { ...uuidish, operationType: fc.constantFrom('recreate', 'CREATE', ''), retryCount: fc.constantFrom(-1, 101, 1.5, '2') },
      adminCredentials,
      150,
    ),
    'POST /api/admin/outbox-jobs/{jobId}/retry': target({
      route: 'POST /api/admin/outbox-jobs/{jobId}/retry',
      handler: retryJobRoute,
      input: fc.tuple(parts(hostileBody({ force: true }), adminCredentials), hostilePathId([job!.id, randomUUID()])),
      request: ([{ body, headers, ip }, id]) => ({ method: 'POST', url: `/api/admin/outbox-jobs/${percentEncoded(id)}/retry`, body, headers, ip, params: { jobId: id } }),
      runs: 120,
      beforeEach: freshRateLimits,
    }),
  };
});

afterAll(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('hostile input: lucky draw, LIFF, system, cron and admin routes answer 4xx envelopes and leave the database alone', () => {
  fuzzEveryRouteOf('machine', () => targets, () => 0.5);

  it('past the redeem limit the answer is the 429 envelope; sessions that are not staff are refused every time; nothing is written', async () => {
    const ip = `10.252.${Math.floor(Math.random() * 250)}.3`;
    const attempt = async (headers: Record<string, string>, tries: number) => {
      await freshRateLimits();
      const before = await databaseFingerprint();
      const statuses: number[] = [];
      for (let i = 0; i < tries; i++) {
        const response = await call(redeemRoute, 'POST', '/api/lucky-draw/redeem', { body: { prizeId: `${i}`, staffName: ['x'] }, headers, ip });
        const { status, code } = await expectCleanAnswer(response, '/api/lucky-draw/redeem', 'envelope');
        if (status === 429) expect(code).toBe('RATE_LIMIT_EXCEEDED');
        statuses.push(status);
      }
      expect(await databaseFingerprint()).toEqual(before);
      return statuses;
    };
    // A session that typed a staff email: refused before the body is read, every time (nothing to guess).
    expect(await attempt({ Authorization: `Bearer ${typedDesk}` }, 32)).toEqual(Array(32).fill(403));
    // The staff session with bad bodies: the route's own 30 a minute per staff member.
    expect(await attempt(desk.headers, 32)).toEqual([...Array(30).fill(400), 429, 429]);
  });
});

describe('regressions the fuzzing found', () => {
  it('an unpaired surrogate in free-form JSON (email data) is a field error, not a bare database refusal', async () => {
    const before = await databaseFingerprint();
    const response = await call(emailRoute, 'POST', '/api/notifications/email', {
      body: { to: 'fuzz@example.test', subject: 'Hi', template: 'booking_confirmation', data: { bookingReference: 'BK1', customerName: 'Nok \uDC00', date: venueDate(3), startTime: '14:00' } },
      headers: { Authorization: `Bearer ${SYSTEM_KEY}` },
    });
    const body = JSON.parse(await response.clone().text()) as { details: { fields: Record<string, string> } };
    const { status, code } = await expectCleanAnswer(response, '/api/notifications/email', 'envelope');
    expect([status, code]).toEqual([400, 'VALIDATION_ERROR']);
    expect(Object.keys(body.details.fields)).toEqual(['data.customerName']);
    expect(await databaseFingerprint()).toEqual(before);
  });

  it('an instant PostgreSQL cannot store (year 0) is a field error, not a bare database refusal', async () => {
    const before = await databaseFingerprint();
    const headers = { Authorization: `Bearer ${SYSTEM_KEY}` };
    const attempts: Array<[Response, string, string]> = [
      [
        await call(salesRoute, 'POST', '/api/lucky-draw/sales-transactions', { body: { transactionId: `POS-${randomSuffix()}`, customerId: spinner.customerId, amountThb: 650, occurredAt: '0000-01-01T00:00:00Z' }, headers }),
        '/api/lucky-draw/sales-transactions',
        'occurredAt',
      ],
      [
        await call(scheduleReviewRoute, 'POST', '/api/notifications/schedule-review-request', { body: { bookingId: randomUUID(), scheduledTime: '0000-01-01T00:00:00Z' }, headers }),
        '/api/notifications/schedule-review-request',
        'scheduledTime',
      ],
    ];
    for (const [response, path, field] of attempts) {
      const body = JSON.parse(await response.clone().text()) as { details: { fields: Record<string, string> } };
      const { status, code } = await expectCleanAnswer(response, path, 'envelope');
      expect([status, code]).toEqual([400, 'VALIDATION_ERROR']);
      expect(Object.keys(body.details.fields)).toEqual([field]);
    }
    expect(await databaseFingerprint()).toEqual(before);
  });
});
