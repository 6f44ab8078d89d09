import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { GET as auditRoute } from '@/app/api/staff/audit/route';
import { POST as attendanceRoute } from '@/app/api/staff/bookings/[bookingId]/attendance/route';
import { POST as cancelRoute } from '@/app/api/staff/bookings/[bookingId]/cancel/route';
import { POST as retryDeliveriesRoute } from '@/app/api/staff/bookings/[bookingId]/deliveries/retry/route';
import { POST as moveRoute } from '@/app/api/staff/bookings/[bookingId]/move/route';
import { POST as staffBookRoute } from '@/app/api/staff/bookings/route';
import { GET as findCustomersRoute, POST as addCustomerRoute } from '@/app/api/staff/customers/route';
import { GET as daySheetRoute } from '@/app/api/staff/day-sheet/route';
import { GET as meRoute } from '@/app/api/staff/me/route';
import { DELETE as removeRoute, PATCH as changeRoute } from '@/app/api/staff/members/[memberId]/route';
import { GET as listRoute, POST as inviteRoute } from '@/app/api/staff/members/route';
import { POST as redeemRoute } from '@/app/api/staff/prizes/[code]/redeem/route';
import { GET as findPrizeRoute } from '@/app/api/staff/prizes/[code]/route';
import { GET as consentsRoute } from '@/app/api/staff/profiles/[profileId]/marketing-consents/route';
import { POST as spinRoute } from '@/app/api/liff/spin/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { createCustomer, createProfile, insertBooking, randomSuffix, venueDate } from '../support/factories';
import { call, json } from '../support/http';
import {
  badDate,
  badTime,
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
import { freshCampaign, lineCustomer, TEST_CHANNEL_ID, TEST_CHANNEL_SECRET } from '../support/lucky-draw';
import { resetRateLimits } from '../support/rate-limits';
import { createStaffMember, emailSession } from '../support/staff';

/**
 * Hostile input against the staff routes (issue #16), signed in as staff or as an admin (so
 * the body, query and path are what is attacked), with a customer's session, a guest sign-in
 * that typed a staff email, the admin API key (never a person, so refused for account
 * changes), forged sessions and junk path ids. The admin whose session drives the run is never
 * a path id of the account changes: those target separate accounts.
 */

let targets: Record<string, FuzzTarget<never>> = {};

interface Parts<B> {
  body: B;
  headers: Record<string, string>;
  ip: string | undefined;
}

const ADMIN_API_KEY = `admin-${randomSuffix()}-${randomSuffix()}`;
const ENV = { ADMIN_API_KEY, LINE_LIFF_CHANNEL_ID: TEST_CHANNEL_ID, LINE_LIFF_CHANNEL_SECRET: TEST_CHANNEL_SECRET };
const saved: Record<string, string | undefined> = {};

const target = <T,>(definition: FuzzTarget<T>) => definition as unknown as FuzzTarget<never>;
// Staff routes are limited per profile, not per address: every run starts with fresh counters.
const freshRateLimits = async () => {
  await resetRateLimits();
};

/** A prize won by a spin of a LINE customer: its redemption code. */
async function wonCode(): Promise<string> {
  const winner = await lineCustomer(1);
  const spun = await call(spinRoute, 'POST', '/api/liff/spin', {
    body: { customerId: winner.customerId, lineUserId: winner.lineUserId },
    headers: { Authorization: `Bearer ${winner.token}` },
  });
  expect(spun.status).toBe(200);
  return (await json<{ redemptionCode: string }>(spun)).redemptionCode;
}

beforeAll(async () => {
  for (const [key, value] of Object.entries(ENV)) {
    saved[key] = process.env[key];
    process.env[key] = value;
  }
  const admin = await createStaffMember('admin', 'Fuzz Admin');
  const desk = await createStaffMember('staff', 'Fuzz Desk');
  // Accounts the changes and removals target (never the driving admin).
  const changed = [(await createStaffMember('staff', 'Fuzz Target')).memberId, (await createStaffMember('admin', 'Fuzz Target Admin')).memberId];
  const removed = [(await createStaffMember('staff', 'Fuzz Leaving')).memberId, (await createStaffMember('staff', 'Fuzz Leaving 2')).memberId];
  const member = await createProfile('Fuzz Customer');
  const customerToken = await issueSessionToken(member);
  // A guest sign-in that typed the desk's email: never staff.
  const typedDesk = (await emailSession(desk.email, { verified: false })).token;
  const forged = await forgedSessionTokens(desk.profileId);

  await freshCampaign({ Cap: 5 });
  const codes = [await wonCode(), await wonCode()];

  const bookings = async (bay: string, hour: string) => {
    const ids: string[] = [];
    for (let day = 10; day <= 14; day++) ids.push(await insertBooking({ bay, date: venueDate(day), startTime: hour }));
    return ids;
  };
  const attended = [...(await bookings('Bay 1', '11:00')), await insertBooking({ bay: 'Bay 1', date: venueDate(0), startTime: '00:00' })];
  const moved = [...(await bookings('Bay 2', '11:00')), await insertBooking({ bay: 'Bay 2', date: venueDate(16), startTime: '11:00', status: 'cancelled' })];
  const cancelled = await bookings('Bay 3', '11:00');
  // The customer record the desk books for (walk-ins and phone calls).
  const walkIn = await createCustomer();
  const deskBooking = (slot: { date: string; startTime: string }) => ({ ...slot, customerId: walkIn, source: 'walk_in', bay: 'Bay 1', duration: 1, numberOfPeople: 2 });

  const staffCredentials: Array<Record<string, string>> = [
    desk.headers,
    admin.headers,
    { Cookie: `theme=dark; next-auth.session-token=${desk.token}` },
    desk.headers,
    { Authorization: `Bearer ${customerToken}` },
    { Authorization: `Bearer ${typedDesk}` },
  ];
  const adminCredentials: Array<Record<string, string>> = [
    admin.headers,
    { Cookie: `next-auth.session-token=${admin.token}` },
    admin.headers,
    desk.headers,
    { Authorization: `Bearer ${ADMIN_API_KEY}` },
    { Authorization: `Bearer ${customerToken}` },
  ];
  const parts = <B,>(body: fc.Arbitrary<B>, valid: Array<Record<string, string>>) =>
    fc.record({ body, headers: hostileHeaders(valid, forged), ip: hostileIp }) as fc.Arbitrary<Parts<B>>;
  // Other people's ids, but never a staff account whose session drives the run.
  const pathId = (ids: string[], others: string[] = [member]) => fc.oneof({ arbitrary: fc.constantFrom(...ids), weight: 3 }, { arbitrary: hostilePathId(others), weight: 2 });
  const getTarget = (route: string, handler: FuzzTarget<never>['handler'], path: string, valid: Array<Record<string, string>>) =>
    target({
      route,
      handler,
      input: parts(hostileQuery({ fields: 'all' }), valid),
      request: ({ body, headers, ip }) => ({ method: 'GET', url: `${path}?${body}`, headers, ip }),
      runs: 40,
      beforeEach: freshRateLimits,
    });
  // A share of valid bodies, so unknown ids, wrong states and the rules in SQL are attacked too, not only validation.
  const orValid = <B,>(valid: fc.Arbitrary<B>, hostile: fc.Arbitrary<B | string>) => fc.oneof({ arbitrary: valid, weight: 1 }, { arbitrary: hostile, weight: 3 });
  const reason = { reason: fc.constantFrom('', ' ', 'x'.repeat(501), 'Rain\u0000', '\uD800') };

  targets = {
    'GET /api/staff/me': getTarget('GET /api/staff/me', meRoute, '/api/staff/me', staffCredentials),
    'GET /api/staff/members': getTarget('GET /api/staff/members', listRoute, '/api/staff/members', adminCredentials),
    'POST /api/staff/members': target({
      route: 'POST /api/staff/members',
      handler: inviteRoute,
      input: parts(
        hostileBody(fc.constantFrom('staff', 'admin').map((role) => ({ email: `invite-${randomSuffix()}@venue.example`, role, displayName: 'New Desk' })), {
          email: fc.constantFrom('a@b', '@venue.example', 'x@venue.example\u0000', `${'a'.repeat(300)}@venue.example`, desk.email, desk.email.toUpperCase()),
          role: fc.constantFrom('owner', 'ADMIN', 'staff ', 'superuser'),
          displayName: fc.constantFrom('', ' ', 'x'.repeat(81), 'Nok\u0000', '\uD800'),
        }),
        adminCredentials,
      ),
      request: ({ body, headers, ip }) => ({ method: 'POST', url: '/api/staff/members', body, headers, ip }),
      runs: 80,
      beforeEach: freshRateLimits,
    }),
    'PATCH /api/staff/members/{memberId}': target({
      route: 'PATCH /api/staff/members/{memberId}',
      handler: changeRoute,
      input: fc.tuple(
        parts(
          orValid(fc.constantFrom({ role: 'staff' }, { role: 'admin', displayName: 'Promoted' }), hostileBody(fc.constantFrom({ role: 'staff', displayName: 'Renamed' }, { role: 'admin', displayName: 'Promoted' }), {
            role: fc.constantFrom('owner', 'ADMIN', ''),
            displayName: fc.constantFrom('', ' ', 'x'.repeat(81), 'Nok\u0000', '\uD800'),
          })),
          adminCredentials,
        ),
        pathId(changed, []),
      ),
      request: ([{ body, headers, ip }, id]) => ({ method: 'PATCH', url: `/api/staff/members/${percentEncoded(id)}`, body, headers, ip, params: { memberId: id } }),
      runs: 80,
      beforeEach: freshRateLimits,
    }),
    'DELETE /api/staff/members/{memberId}': target({
      route: 'DELETE /api/staff/members/{memberId}',
      handler: removeRoute,
      // No body is read: the path id and the credential are what is attacked.
      input: fc.tuple(parts(hostileBody({ note: 'remove' }), adminCredentials), pathId(removed, [])),
      request: ([{ body, headers, ip }, id]) => ({ method: 'DELETE', url: `/api/staff/members/${percentEncoded(id)}`, body, headers, ip, params: { memberId: id } }),
      runs: 60,
      beforeEach: freshRateLimits,
    }),
    'GET /api/staff/audit': target({
      route: 'GET /api/staff/audit',
      handler: auditRoute,
      input: parts(hostileQuery({ limit: '20' }, { limit: fc.constantFrom('0', '201', '-5', '1.5', '1e2', '0x10', '') }), adminCredentials),
      request: ({ body, headers, ip }) => ({ method: 'GET', url: `/api/staff/audit?${body}`, headers, ip }),
      runs: 60,
      beforeEach: freshRateLimits,
    }),
    'GET /api/staff/profiles/{profileId}/marketing-consents': target({
      route: 'GET /api/staff/profiles/{profileId}/marketing-consents',
      handler: consentsRoute,
      input: fc.tuple(parts(hostileQuery({ fields: 'all' }), staffCredentials), pathId([member, randomUUID()])),
      request: ([{ body, headers, ip }, id]) => ({ method: 'GET', url: `/api/staff/profiles/${percentEncoded(id)}/marketing-consents?${body}`, headers, ip, params: { profileId: id } }),
      runs: 60,
      beforeEach: freshRateLimits,
    }),
    'GET /api/staff/prizes/{code}': target({
      route: 'GET /api/staff/prizes/{code}',
      handler: findPrizeRoute,
      input: fc.tuple(parts(hostileQuery({ fields: 'all' }), staffCredentials), fc.oneof(fc.constantFrom(...codes, codes[0]!.toLowerCase(), ` ${codes[0]} `, 'LG22222222', 'LG1111111I', `${codes[0]}\u0000`), hostilePathId())),
      request: ([{ body, headers, ip }, code]) => ({ method: 'GET', url: `/api/staff/prizes/${percentEncoded(code)}?${body}`, headers, ip, params: { code } }),
      runs: 60,
      beforeEach: freshRateLimits,
    }),
    'POST /api/staff/prizes/{code}/redeem': target({
      route: 'POST /api/staff/prizes/{code}/redeem',
      handler: redeemRoute,
      input: fc.tuple(parts(hostileBody({ note: 'redeem' }), staffCredentials), fc.oneof(fc.constantFrom(...codes, codes[1]!.toLowerCase(), 'LG22222222', 'LG1111111I', `${codes[0]}\u0000`), hostilePathId())),
      request: ([{ body, headers, ip }, code]) => ({ method: 'POST', url: `/api/staff/prizes/${percentEncoded(code)}/redeem`, body, headers, ip, params: { code } }),
      runs: 60,
      beforeEach: freshRateLimits,
    }),
    'GET /api/staff/day-sheet': target({
      route: 'GET /api/staff/day-sheet',
      handler: daySheetRoute,
      input: parts(hostileQuery({ date: venueDate(10) }, { date: badDate }), staffCredentials),
      request: ({ body, headers, ip }) => ({ method: 'GET', url: `/api/staff/day-sheet?${body}`, headers, ip }),
      runs: 80,
      beforeEach: freshRateLimits,
    }),
    'POST /api/staff/bookings/{bookingId}/attendance': target({
      route: 'POST /api/staff/bookings/{bookingId}/attendance',
      handler: attendanceRoute,
      input: fc.tuple(
        parts(orValid(fc.constantFrom({ outcome: 'checked_in' }, { outcome: 'no_show' }), hostileBody(fc.constantFrom({ outcome: 'checked_in' }, { outcome: 'no_show' }), { outcome: fc.constantFrom('CHECKED_IN', 'checked_in ', 'arrived', 'cancelled') })), staffCredentials),
        pathId(attended),
      ),
      request: ([{ body, headers, ip }, id]) => ({ method: 'POST', url: `/api/staff/bookings/${percentEncoded(id)}/attendance`, body, headers, ip, params: { bookingId: id } }),
      runs: 100,
      beforeEach: freshRateLimits,
    }),
    'POST /api/staff/bookings/{bookingId}/deliveries/retry': target({
      route: 'POST /api/staff/bookings/{bookingId}/deliveries/retry',
      handler: retryDeliveriesRoute,
      input: fc.tuple(parts(hostileBody({ note: 'retry' }), staffCredentials), pathId(attended)),
      request: ([{ body, headers, ip }, id]) => ({ method: 'POST', url: `/api/staff/bookings/${percentEncoded(id)}/deliveries/retry`, body, headers, ip, params: { bookingId: id } }),
      runs: 60,
      beforeEach: freshRateLimits,
    }),
    'POST /api/staff/bookings/{bookingId}/move': target({
      route: 'POST /api/staff/bookings/{bookingId}/move',
      handler: moveRoute,
      input: fc.tuple(
        parts(
          orValid(freeSlot(20, 30, venueDate).map((slot) => ({ ...slot, duration: 1, reason: 'Desk move' })), hostileBody(freeSlot(20, 30, venueDate).map((slot) => ({ ...slot, duration: 1, reason: 'Desk move' })), {
            date: badDate,
            startTime: badTime,
            duration: fc.constantFrom(0.75, 5.5, 1e-9, '1', 0),
            ...reason,
          })),
          staffCredentials,
        ),
        pathId(moved),
      ),
      request: ([{ body, headers, ip }, id]) => ({ method: 'POST', url: `/api/staff/bookings/${percentEncoded(id)}/move`, body, headers, ip, params: { bookingId: id } }),
      runs: 120,
      beforeEach: freshRateLimits,
    }),
    'POST /api/staff/bookings/{bookingId}/cancel': target({
      route: 'POST /api/staff/bookings/{bookingId}/cancel',
      handler: cancelRoute,
      input: fc.tuple(parts(orValid(fc.constant({ reason: 'Rain' }), hostileBody({ reason: 'Rain' }, reason)), staffCredentials), pathId(cancelled)),
      request: ([{ body, headers, ip }, id]) => ({ method: 'POST', url: `/api/staff/bookings/${percentEncoded(id)}/cancel`, body, headers, ip, params: { bookingId: id } }),
      runs: 100,
      beforeEach: freshRateLimits,
    }),
    'GET /api/staff/customers': target({
      route: 'GET /api/staff/customers',
      handler: findCustomersRoute,
      input: parts(hostileQuery({ q: 'Customer' }, { q: fc.constantFrom('a', 'x'.repeat(121), '%_%', '0812345678', '+66 81', 'BK', "' OR 1=1 --", '\u0000') }), staffCredentials),
      request: ({ body, headers, ip }) => ({ method: 'GET', url: `/api/staff/customers?${body}`, headers, ip }),
      runs: 60,
      beforeEach: freshRateLimits,
    }),
    'POST /api/staff/customers': target({
      route: 'POST /api/staff/customers',
      handler: addCustomerRoute,
      input: parts(
        orValid(
          fc.integer({ min: 1_000_000, max: 9_999_999 }).map((n) => ({ name: 'Fuzz Walk-in', phone: `081${n}` })),
          hostileBody({ name: 'Fuzz Walk-in', phone: '0812345678', email: 'walkin@example.test' }, { phone: fc.constantFrom('081-234-567', '+0', 'phone', '0'.repeat(40)), email: fc.constantFrom('not-an-email', '@', 'a@') }),
        ),
        staffCredentials,
      ),
      request: ({ body, headers, ip }) => ({ method: 'POST', url: '/api/staff/customers', body, headers, ip }),
      runs: 80,
      beforeEach: freshRateLimits,
    }),
    'POST /api/staff/bookings': target({
      route: 'POST /api/staff/bookings',
      handler: staffBookRoute,
      input: parts(
        orValid(
          freeSlot(40, 30, venueDate).map(deskBooking),
          hostileBody(freeSlot(40, 30, venueDate).map(deskBooking), {
            customerId: fc.constantFrom(randomUUID(), 'not-a-uuid', member),
            source: fc.constantFrom('online', 'WALK_IN', ''),
            packageId: fc.constantFrom(randomUUID(), 'x'),
            date: badDate,
            startTime: badTime,
            duration: fc.constantFrom(0.75, 5.5, 1e-9, '1', 0),
          }),
        ),
        staffCredentials,
      ),
      request: ({ body, headers, ip }) => ({ method: 'POST', url: '/api/staff/bookings', body, headers, ip }),
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

describe('hostile input: staff routes answer 4xx envelopes and leave the database alone', () => {
  const mostlyRefused = new Set([
    'POST /api/staff/members',
    'PATCH /api/staff/members/{memberId}',
    'DELETE /api/staff/members/{memberId}',
    'GET /api/staff/audit',
    'POST /api/staff/prizes/{code}/redeem',
    'GET /api/staff/day-sheet',
    'POST /api/staff/bookings/{bookingId}/attendance',
    'POST /api/staff/bookings/{bookingId}/deliveries/retry',
    'POST /api/staff/bookings/{bookingId}/move',
    'POST /api/staff/bookings/{bookingId}/cancel',
    'POST /api/staff/customers',
    'POST /api/staff/bookings',
  ]);
  fuzzEveryRouteOf('staff', () => targets, (route) => (mostlyRefused.has(route) ? 0.6 : undefined));
});
