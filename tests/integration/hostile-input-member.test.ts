import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as cancelRoute } from '@/app/api/vip/bookings/[bookingId]/cancel/route';
import { PUT as modifyRoute } from '@/app/api/vip/bookings/[bookingId]/modify/route';
import { GET as bookingsRoute } from '@/app/api/vip/bookings/route';
import { POST as claimRoute } from '@/app/api/vip/guest-bookings/[bookingId]/claim/route';
import { GET as guestBookingsRoute } from '@/app/api/vip/guest-bookings/route';
import { POST as linkRoute } from '@/app/api/vip/link-account/route';
import { GET as packagesRoute } from '@/app/api/vip/packages/route';
import { GET as profileRoute, PUT as updateProfileRoute } from '@/app/api/vip/profile/route';
import { GET as analyticsRoute } from '@/app/api/vip/sessions/analytics/route';
import { GET as statusRoute } from '@/app/api/vip/status/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { createProfile, insertBooking, venueDate } from '../support/factories';
import { call } from '../support/http';
import {
  badDate,
  badTime,
  databaseFingerprint,
  expectCleanAnswer,
  forgedSessionTokens,
  freeSlot,
  fuzzEveryRouteOf,
  type FuzzTarget,
  hostileBody,
  hostileHeaders,
  hostileIp,
  hostilePathId,
  hostileQuery,
  percentEncoded,
} from '../support/hostile-input';
import { resetRateLimits } from '../support/rate-limits';
import { createStaffMember } from '../support/staff';

/**
 * Hostile input against the VIP member routes, signed in as a member (so the body, query
 * and path are what is attacked), with other members' booking ids, forged sessions and
 * the session of a profile that no longer exists.
 */

let targets: Record<string, FuzzTarget<never>> = {};
let memberToken = '';
let memberId = '';

interface Parts<B> {
  body: B;
  headers: Record<string, string>;
  ip: string | undefined;
}

const target = <T,>(definition: FuzzTarget<T>) => definition as unknown as FuzzTarget<never>;
// Member routes are limited per member, not per address: every run starts with fresh counters.
const freshRateLimits = async () => {
  await resetRateLimits();
};

beforeAll(async () => {
  const member = await createProfile('Fuzz Member');
  memberId = member;
  const other = await createProfile('Other Member');
  const staff = await createStaffMember('staff', 'Fuzz Staff');
  memberToken = await issueSessionToken(member);
  // A valid session of a profile that was deleted since: its id names nobody.
  const ghostToken = await issueSessionToken(randomUUID());
  const forged = await forgedSessionTokens(member);

  const own: string[] = [];
  for (let i = 0; i < 6; i++) own.push(await insertBooking({ bay: 'Bay 1', date: venueDate(10 + i), startTime: '12:00', profileId: member }));
  own.push(await insertBooking({ bay: 'Bay 1', date: venueDate(-3), startTime: '12:00', profileId: member }));
  own.push(await insertBooking({ bay: 'Bay 2', date: venueDate(12), startTime: '12:00', profileId: member, status: 'cancelled' }));
  const others = [
    await insertBooking({ bay: 'Bay 2', date: venueDate(10), startTime: '15:00', profileId: other }),
    await insertBooking({ bay: 'Bay 3', date: venueDate(11), startTime: '15:00' }),
  ];

  const credentials: Array<Record<string, string>> = [
    { Authorization: `Bearer ${memberToken}` },
    { Cookie: `theme=dark; next-auth.session-token=${memberToken}` },
    { Authorization: `Bearer ${memberToken}` },
    { Authorization: `Bearer ${ghostToken}` },
  ];
  const parts = <B,>(body: fc.Arbitrary<B>, valid = credentials) =>
    fc.record({ body, headers: hostileHeaders(valid, forged), ip: hostileIp }) as fc.Arbitrary<Parts<B>>;
  const bookingId = fc.oneof({ arbitrary: fc.constantFrom(...own), weight: 3 }, { arbitrary: hostilePathId(others), weight: 2 });
  const dateFields = { date: badDate, startTime: badTime };
  const getTarget = (route: string, handler: FuzzTarget<never>['handler'], path: string, runs: number, valid = credentials) =>
    target({
      route,
      handler,
      input: parts(hostileQuery({ fields: 'all' }), valid),
      request: ({ body, headers, ip }) => ({ method: 'GET', url: `${path}?${body}`, headers, ip }),
      runs,
      beforeEach: freshRateLimits,
    });

  targets = {
    'GET /api/vip/status': getTarget('GET /api/vip/status', statusRoute, '/api/vip/status', 60),
    'GET /api/vip/packages': getTarget('GET /api/vip/packages', packagesRoute, '/api/vip/packages', 60),
    'GET /api/vip/profile': getTarget('GET /api/vip/profile', profileRoute, '/api/vip/profile', 60),
    'GET /api/vip/guest-bookings': getTarget('GET /api/vip/guest-bookings', guestBookingsRoute, '/api/vip/guest-bookings', 60, [
      ...credentials,
      { Authorization: `Bearer ${await issueSessionToken(member, { email: 'fuzz.member@example.test', emailVerified: true })}` },
    ]),
    'POST /api/vip/guest-bookings/{bookingId}/claim': target({
      route: 'POST /api/vip/guest-bookings/{bookingId}/claim',
      handler: claimRoute,
      // No body is read; a session whose email is verified too, so the claim itself is attacked, not only the 403.
      input: fc.tuple(parts(hostileBody({ note: 'claim' }), [...credentials, { Authorization: `Bearer ${await issueSessionToken(member, { email: 'fuzz.member@example.test', emailVerified: true })}` }]), bookingId),
      request: ([{ body, headers, ip }, id]) => ({ method: 'POST', url: `/api/vip/guest-bookings/${percentEncoded(id)}/claim`, body, headers, ip, params: { bookingId: id } }),
      runs: 150,
      beforeEach: freshRateLimits,
    }),
    'GET /api/vip/sessions/analytics': getTarget('GET /api/vip/sessions/analytics', analyticsRoute, '/api/vip/sessions/analytics', 60, [
      ...credentials,
      staff.headers,
    ]),
    'PUT /api/vip/profile': target({
      route: 'PUT /api/vip/profile',
      handler: updateProfileRoute,
      input: parts(
        hostileBody(
          { display_name: 'Fuzz Member', email: 'fuzz.member@example.test', marketingPreference: true },
          { email: fc.constantFrom('a@b', '@example.test', 'x@example.test\u0000', `${'a'.repeat(300)}@example.test`, 'a@b.c d'), phoneNumber: fc.constant('0812345678') },
        ),
      ),
      request: ({ body, headers, ip }) => ({ method: 'PUT', url: '/api/vip/profile', body, headers, ip }),
      runs: 200,
      beforeEach: freshRateLimits,
    }),
    'POST /api/vip/link-account': target({
      route: 'POST /api/vip/link-account',
      handler: linkRoute,
      input: parts(
        hostileBody(
          { phoneNumber: '+66810000002', code: '123456' },
          { phoneNumber: fc.constantFrom('0810000002', '66810000002', '+66 81 000 0002', '+66810000002\u0000', '+6681000000２', '0'.repeat(100)), code: fc.constantFrom('12345', '1234567', '12345a', '١٢٣٤٥٦', ' 123456 ') },
        ),
      ),
      request: ({ body, headers, ip }) => ({ method: 'POST', url: '/api/vip/link-account', body, headers, ip }),
      runs: 150,
      beforeEach: freshRateLimits,
      // A wrong code is counted against the code (it dies after 5): that write is the point.
      refusalWrites: { LINK_CODE_INVALID: ['public.vip_link_codes'] },
    }),
    'GET /api/vip/bookings': target({
      route: 'GET /api/vip/bookings',
      handler: bookingsRoute,
      input: parts(hostileQuery({ page: '1', limit: '10', filter: 'future' }, { page: fc.constantFrom('0', '-1', '1.5', '1e3', '9999999', '00001'), limit: fc.constantFrom('0', '51', '-5', '1e2'), filter: fc.constantFrom('FUTURE', 'past ', 'none') })),
      request: ({ body, headers, ip }) => ({ method: 'GET', url: `/api/vip/bookings?${body}`, headers, ip }),
      runs: 150,
      beforeEach: freshRateLimits,
    }),
    'PUT /api/vip/bookings/{bookingId}/modify': target({
      route: 'PUT /api/vip/bookings/{bookingId}/modify',
      handler: modifyRoute,
      input: fc.tuple(parts(hostileBody(freeSlot(20, 60, venueDate).map((slot) => ({ ...slot, duration: 1 })), { ...dateFields, duration: fc.constantFrom(0.75, 5.5, 1e-9, '1') })), bookingId),
      request: ([{ body, headers, ip }, id]) => ({ method: 'PUT', url: `/api/vip/bookings/${percentEncoded(id)}/modify`, body, headers, ip, params: { bookingId: id } }),
      runs: 250,
      beforeEach: freshRateLimits,
    }),
    'POST /api/vip/bookings/{bookingId}/cancel': target({
      route: 'POST /api/vip/bookings/{bookingId}/cancel',
      handler: cancelRoute,
      input: fc.tuple(parts(hostileBody({ cancellationReason: 'Rain' }, { cancellationReason: fc.constantFrom('x'.repeat(501), 'Rain\u0000', '\uD800') })), bookingId),
      request: ([{ body, headers, ip }, id]) => ({ method: 'POST', url: `/api/vip/bookings/${percentEncoded(id)}/cancel`, body, headers, ip, params: { bookingId: id } }),
      runs: 200,
      beforeEach: freshRateLimits,
    }),
  };
});

describe('hostile input: VIP member routes answer 4xx envelopes and leave the database alone', () => {
  const mostlyRefused = new Set(['POST /api/vip/guest-bookings/{bookingId}/claim', 'PUT /api/vip/profile', 'POST /api/vip/link-account', 'GET /api/vip/bookings', 'PUT /api/vip/bookings/{bookingId}/modify', 'POST /api/vip/bookings/{bookingId}/cancel']);
  fuzzEveryRouteOf('member', () => targets, (route) => (mostlyRefused.has(route) ? 0.6 : undefined));

  it("past the member's link-account limit the answer is the 429 envelope, and nothing is written", async () => {
    await freshRateLimits();
    const before = await databaseFingerprint();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const response = await call(linkRoute, 'POST', '/api/vip/link-account', {
        body: { phoneNumber: ["' OR 1=1 --"], code: i },
        headers: { Authorization: `Bearer ${memberToken}` },
      });
      const { status, code } = await expectCleanAnswer(response, '/api/vip/link-account', 'envelope');
      if (status === 429) {
        expect(code).toBe('RATE_LIMIT_EXCEEDED');
        expect(response.headers.get('Retry-After')).toMatch(/^[0-9]+$/);
      }
      statuses.push(status);
    }
    expect(statuses).toEqual([...Array(8).fill(400), 429, 429]);
    expect(await databaseFingerprint()).toEqual(before);
  });
});

describe('regressions the fuzzing found', () => {
  it('a session cookie with a malformed percent-escape is no session (401), not a 500', async () => {
    const response = await call(statusRoute, 'GET', '/api/vip/status', { headers: { Cookie: 'next-auth.session-token=%E0%A4%A' } });
    const { status, code } = await expectCleanAnswer(response, '/api/vip/status', 'envelope');
    expect([status, code]).toEqual([401, 'AUTH_REQUIRED']);
  });

  it('text PostgreSQL cannot store (NUL, unpaired surrogates) is a field error before any SQL, and nothing is written', async () => {
    const bookingId = await insertBooking({ bay: 'AI Lab', date: venueDate(30), startTime: '20:00', profileId: memberId, people: 1 });
    const before = await databaseFingerprint();
    const headers = { Authorization: `Bearer ${memberToken}` };
    const attempts: Array<[Response, string, string]> = [
      [await call(cancelRoute, 'POST', `/api/vip/bookings/${bookingId}/cancel`, { body: { cancellationReason: 'Rain\u0000' }, headers, params: { bookingId } }), `/api/vip/bookings/${bookingId}/cancel`, 'cancellationReason'],
      [await call(updateProfileRoute, 'PUT', '/api/vip/profile', { body: { display_name: 'Nok \uD800' }, headers }), '/api/vip/profile', 'display_name'],
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
