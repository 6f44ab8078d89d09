import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as createRoute } from '@/app/api/bookings/create/route';
import { POST as moveRoute } from '@/app/api/staff/bookings/[bookingId]/move/route';
import { POST as staffBookingsRoute } from '@/app/api/staff/bookings/route';
import { GET as findRoute, POST as createCustomerRoute } from '@/app/api/staff/customers/route';
import { GET as vipBookingsRoute } from '@/app/api/vip/bookings/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import type { DaySheetBooking, DeskCustomer } from '@/lib/db/functions';
import { createCustomer, createProfile, insertBooking, randomSuffix, venueDate } from '../support/factories';
import { call, json } from '../support/http';
import { resetRateLimits } from '../support/rate-limits';
import { sql } from '../support/sql';
import { createStaffMember, emailSession, type StaffFixture } from '../support/staff';
import { bangkok, freezeVenueClock, thawVenueClock } from '../support/venue-clock';

/**
 * The front desk books for a customer on the phone or at the desk (issue #16): it finds the
 * customer record (phone, name, email, reference) or adds one, then books through the same SQL
 * body as the customers' route, without the online rules but never a slot that has ended; the
 * exclusion constraint and the package hours hold under races; each booking is audited.
 */

let staff: StaffFixture;
beforeAll(async () => {
  staff = await createStaffMember('staff', 'Nok (desk)');
});
afterAll(thawVenueClock);

type Booked = { replayed: boolean; booking: DaySheetBooking };
const find = (q: string, headers: Record<string, string> = staff.headers) =>
  call(findRoute, 'GET', `/api/staff/customers?q=${encodeURIComponent(q)}`, { headers });
const addCustomer = (body: unknown, headers: Record<string, string> = staff.headers) =>
  call(createCustomerRoute, 'POST', '/api/staff/customers', { headers, body });
const book = (body: unknown, headers: Record<string, string> = staff.headers) =>
  call(staffBookingsRoute, 'POST', '/api/staff/bookings', { headers, body });
const jobKinds = async (bookingId: string) =>
  (await sql<{ kind: string }>('select kind from public.outbox_jobs where booking_id = $1 order by kind', [bookingId])).map((j) => j.kind);
const uniquePhone = () => `+668${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const localPhone = (e164: string) => `0${e164.slice(3, 5)} ${e164.slice(5, 8)} ${e164.slice(8)}`;

async function customerRecord(fields: { name?: string; phone?: string; email?: string | null } = {}) {
  const response = await addCustomer({
    name: fields.name ?? `Walk In ${randomSuffix()}`,
    phone: fields.phone ?? uniquePhone(),
    ...(fields.email === null ? {} : { email: fields.email ?? `walkin-${randomSuffix()}@example.test` }),
  });
  expect(response.status, JSON.stringify(await response.clone().json())).toBe(201);
  return (await json<{ customer: DeskCustomer }>(response)).customer;
}

describe('finding and adding customers at the desk', () => {
  it('finds a record by its phone as typed locally, by its last digits, by name start or part in any case, by email and by a booking reference', async () => {
    const tag = randomSuffix();
    const phone = uniquePhone();
    const customer = await customerRecord({ name: `Somchai Dee${tag}`, phone, email: `somchai-${tag}@example.test` });
    const bookingId = await insertBooking({ bay: 'Bay 2', date: venueDate(20), startTime: '12:00', customerId: customer.id });
    const [{ reference }] = (await sql<{ reference: string }>('select reference from public.bookings where id = $1', [bookingId])) as [{ reference: string }];
    for (const q of [localPhone(phone), phone.slice(-7), `somchai dee${tag}`, `DEE${tag}`, `somchai-${tag}@EXAMPLE.test`, reference.toLowerCase()]) {
      const response = await find(q);
      expect(response.status, `${q}: ${JSON.stringify(await response.clone().json())}`).toBe(200);
      const { customers } = await json<{ customers: DeskCustomer[] }>(response);
      expect(customers.map((c) => c.id), q).toContain(customer.id);
    }
    const [found] = (await json<{ customers: DeskCustomer[] }>(await find(localPhone(phone)))).customers;
    expect(found).toMatchObject({ id: customer.id, name: `Somchai Dee${tag}`, phone, member: false, packages: [] });
  });

  it('answers at most 10, name starts before name parts, and refuses a query too short or too long (400)', async () => {
    const tag = randomSuffix();
    for (let i = 0; i < 12; i++) await customerRecord({ name: `Zed${tag} ${String(i).padStart(2, '0')}`, email: null });
    const inside = await customerRecord({ name: `Anna Zed${tag}`, email: null });
    const { customers } = await json<{ customers: DeskCustomer[] }>(await find(`zed${tag}`));
    expect(customers).toHaveLength(10);
    expect(customers.map((c) => c.id)).not.toContain(inside.id);
    expect(customers.every((c) => c.name.startsWith(`Zed${tag}`))).toBe(true);
    const short = await find('a');
    expect(short.status).toBe(400);
    expect((await json(short)).code).toBe('VALIDATION_ERROR');
    expect((await find('x'.repeat(121))).status).toBe(400);
    // LIKE's wildcards are text like any other.
    expect((await json<{ customers: DeskCustomer[] }>(await find('%_%'))).customers).toEqual([]);
  });

  it('adds a record with a normalised phone and no email; the same number again answers 409 with that record; a bad number is 400', async () => {
    const phone = uniquePhone();
    const customer = await customerRecord({ name: 'Walk-up Without Email', phone: localPhone(phone), email: null });
    expect(customer).toMatchObject({ phone, email: null, customerCode: expect.stringMatching(/^CUS-\d{4,}$/) });
    const again = await addCustomer({ name: 'Someone Else', phone });
    expect(again.status).toBe(409);
    const body = await json<{ code: string; details: { customer: DeskCustomer } }>(again);
    expect(body.code).toBe('CUSTOMER_EXISTS');
    expect(body.details.customer.id).toBe(customer.id);
    const bad = await addCustomer({ name: 'Bad Number', phone: '081-234-567' });
    expect(bad.status).toBe(400);
    expect(Object.keys((await json<{ details: { fields: Record<string, string> } }>(bad)).details.fields)).toEqual(['phone']);
  });

  it('two desks adding one number at once make one record', async () => {
    const phone = uniquePhone();
    const answers = await Promise.all([1, 2, 3].map((i) => addCustomer({ name: `Twin ${i}`, phone })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    expect(await sql('select id from public.customers where phone = $1', [phone])).toHaveLength(1);
  });
});

describe('booking at the desk', () => {
  it('books a walk-in inside the online notice and a slot that has started, never one that has ended; beyond the guest horizon too; audited as booked', async () => {
    const day = venueDate(3);
    const customer = await customerRecord();
    await freezeVenueClock(bangkok(day, '12:40'));
    try {
      const started = await book({ customerId: customer.id, source: 'walk_in', bay: 'Bay 3', date: day, startTime: '12:00', duration: 1, numberOfPeople: 2 });
      expect(started.status, JSON.stringify(await started.clone().json())).toBe(201);
      const { booking, replayed } = await json<Booked>(started);
      expect(replayed).toBe(false);
      expect(booking).toMatchObject({
        bay: 'Bay 3', date: day, startTime: '12:00', endTime: '13:00', status: 'confirmed', source: 'walk_in',
        customerName: customer.name, customerPhone: customer.phone, customerEmail: customer.email,
        staffChanges: [{ action: 'booked', reason: null, by: 'Nok (desk)', at: expect.any(String) }],
      });
      expect(await jobKinds(booking.id)).toEqual(expect.arrayContaining(['booking_confirmation_email', 'calendar_event_create', 'staff_line_message']));
      const [audit] = await sql<{ action: string; staff_email: string; before: unknown }>(
        'select action, staff_email, before from public.booking_staff_changes where booking_id = $1', [booking.id]);
      expect(audit).toEqual({ action: 'booked', staff_email: staff.email, before: null });

      const soon = await book({ customerId: customer.id, source: 'phone', bay: 'Bay 3', date: day, startTime: '13:00', duration: 1, numberOfPeople: 2 });
      expect(soon.status).toBe(201);
      expect((await json<Booked>(soon)).booking.source).toBe('phone');

      const ended = await book({ customerId: customer.id, source: 'walk_in', bay: 'Bay 3', date: day, startTime: '11:00', duration: 1, numberOfPeople: 2 });
      expect(ended.status).toBe(400);
      expect((await json<{ details: { fields: Record<string, string> } }>(ended)).details.fields).toHaveProperty('startTime');
    } finally {
      await thawVenueClock();
    }
    const far = await book({ customerId: customer.id, source: 'phone', bay: 'Bay 1', date: venueDate(75), startTime: '12:00', duration: 1, numberOfPeople: 2 });
    expect(far.status, JSON.stringify(await far.clone().json())).toBe(201);
    // Days ahead: the bookings trigger queued the reminder as for any booking.
    expect(await jobKinds((await json<Booked>(far)).booking.id)).toContain('booking_reminder_email');
  });

  it('a customer without an email gets no email jobs (booking, move), the calendar and LINE as usual', async () => {
    const customer = await customerRecord({ email: null });
    const response = await book({ customerId: customer.id, source: 'walk_in', bay: 'Bay 2', date: venueDate(21), startTime: '15:00', duration: 1.5, numberOfPeople: 1 });
    expect(response.status).toBe(201);
    const { booking } = await json<Booked>(response);
    expect(booking.customerEmail).toBeNull();
    const kinds = await jobKinds(booking.id);
    expect(kinds).toEqual(expect.arrayContaining(['calendar_event_create', 'staff_line_message']));
    expect(kinds.filter((k) => k.endsWith('_email') && k !== 'booking_reminder_email')).toEqual([]);
    const moved = await call(moveRoute, 'POST', `/api/staff/bookings/${booking.id}/move`, {
      headers: staff.headers, params: { bookingId: booking.id }, body: { date: venueDate(21), startTime: '17:00', duration: 1.5, reason: 'Came later' },
    });
    expect(moved.status).toBe(200);
    const afterMove = await jobKinds(booking.id);
    expect(afterMove).toContain('calendar_event_update');
    expect(afterMove).not.toContain('booking_change_email');
  });

  it('refuses an unknown customer (404), a malformed id or source (400), a package of someone else (404), and a taken slot (409)', async () => {
    await resetRateLimits();
    const customer = await customerRecord();
    const base = { customerId: customer.id, source: 'walk_in', bay: 'Bay 1', date: venueDate(22), startTime: '14:00', duration: 1, numberOfPeople: 2 };
    const unknown = await book({ ...base, customerId: crypto.randomUUID() });
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).code).toBe('CUSTOMER_NOT_FOUND');
    expect((await book({ ...base, customerId: 'not-a-uuid' })).status).toBe(400);
    expect((await book({ ...base, source: 'online' })).status).toBe(400);
    const otherCustomer = await createCustomer();
    const [pkg] = (await sql<{ id: string }>(
      `insert into public.packages (customer_id, package_name, purchase_date, total_hours) values ($1, 'Other''s', current_date, 5) returning id`, [otherCustomer])) as [{ id: string }];
    const foreign = await book({ ...base, packageId: pkg.id });
    expect(foreign.status).toBe(404);
    expect((await json(foreign)).code).toBe('PACKAGE_NOT_FOUND');
    await insertBooking({ bay: 'Bay 1', date: base.date, startTime: '14:30' });
    const taken = await book(base);
    expect(taken.status).toBe(409);
    expect((await json(taken)).code).toBe('SLOT_UNAVAILABLE');
    expect(await sql('select id from public.bookings where customer_id = $1', [customer.id])).toEqual([]);
  });

  it('an Idempotency-Key replays the first booking (audited once); the key with another body is 422', async () => {
    const customer = await customerRecord();
    const body = { customerId: customer.id, source: 'phone', bay: 'Bay 3', date: venueDate(23), startTime: '16:00', duration: 1, numberOfPeople: 2 };
    const headers = { ...staff.headers, 'Idempotency-Key': `desk-${randomSuffix()}` };
    const [first, second] = await Promise.all([book(body, headers), book(body, headers)]);
    const answers = await Promise.all([json<Booked>(first), json<Booked>(second)]);
    expect(answers.map((a) => a.replayed).sort()).toEqual([false, true]);
    expect(answers[0]!.booking.id).toBe(answers[1]!.booking.id);
    expect(await sql('select id from public.booking_staff_changes where booking_id = $1', [answers[0]!.booking.id])).toHaveLength(1);
    const reused = await book({ ...body, startTime: '18:00' }, headers);
    expect(reused.status).toBe(422);
    expect((await json(reused)).code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('10 desk bookings racing a customer booking for one slot: exactly one booking; package hours never overspent', async () => {
    await resetRateLimits();
    const customer = await customerRecord();
    const [pkg] = (await sql<{ id: string }>(
      `insert into public.packages (customer_id, package_name, purchase_date, total_hours) values ($1, '10 hours', current_date, 10) returning id`, [customer.id])) as [{ id: string }];
    const date = venueDate(24);
    const desk = Array.from({ length: 10 }, () =>
      book({ customerId: customer.id, source: 'walk_in', bay: 'Bay 1', date, startTime: '19:00', duration: 2, numberOfPeople: 2, packageId: pkg.id }));
    const online = call(createRoute, 'POST', '/api/bookings/create', {
      body: { date, startTime: '19:00', duration: 1, bay: 'Bay 1', customerName: 'Race Guest', customerEmail: `race-${randomSuffix()}@example.test`, customerPhone: '+66812345678', numberOfPeople: 2 },
    });
    const statuses = (await Promise.all([...desk, online])).map((r) => r.status);
    expect(statuses.filter((s) => s === 201 || s === 200), JSON.stringify(statuses)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(10);
    const [{ n }] = (await sql<{ n: number }>(
      `select count(*)::int as n from public.bookings b join public.bays bay on bay.id = b.bay_id
       where bay.name = 'Bay 1' and b.status <> 'cancelled' and tstzrange(b.starts_at, b.ends_at) && tstzrange(($1::date + time '19:00') at time zone 'Asia/Bangkok', ($1::date + time '21:00') at time zone 'Asia/Bangkok')`,
      [date])) as [{ n: number }];
    expect(n).toBe(1);
    const [{ used }] = (await sql<{ used: string }>('select used_hours::text as used from public.packages where id = $1', [pkg.id])) as [{ used: string }];
    // The desk's winner drew 2 hours; a losing attempt gave its hours back with its transaction.
    expect(Number(used)).toBe(statuses[10] === 200 ? 0 : 2);

    // Ten at once on separate slots, a 3-hour package: three get it, the rest are refused, never overspent.
    const small = await customerRecord();
    const [three] = (await sql<{ id: string }>(
      `insert into public.packages (customer_id, package_name, purchase_date, total_hours) values ($1, '3 hours', current_date, 3) returning id`, [small.id])) as [{ id: string }];
    const spread = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      book({ customerId: small.id, source: 'phone', bay: i % 2 ? 'Bay 2' : 'Bay 3', date: venueDate(25), startTime: `${11 + Math.floor(i / 2)}:00`, duration: 1, numberOfPeople: 2, packageId: three.id })));
    const codes = await Promise.all(spread.map(async (r) => (r.status === 201 ? 'ok' : (await json(r)).code)));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(3);
    expect(new Set(codes.filter((c) => c !== 'ok'))).toEqual(new Set(['PACKAGE_HOURS_INSUFFICIENT']));
    const [{ used: usedThree }] = (await sql<{ used: string }>('select used_hours::text as used from public.packages where id = $1', [three.id])) as [{ used: string }];
    expect(Number(usedThree)).toBe(3);
  });

  it("a walk-in for an existing member shows in that member's /api/vip/bookings, and the sheet calls it a member's", async () => {
    const profileId = await createProfile();
    const customerId = await createCustomer();
    await sql('update public.profiles set customer_id = $1 where id = $2', [customerId, profileId]);
    const response = await book({ customerId, source: 'walk_in', bay: 'Bay 2', date: venueDate(26), startTime: '13:00', duration: 1, numberOfPeople: 3 });
    expect(response.status).toBe(201);
    const { booking } = await json<Booked>(response);
    expect(booking.member).toBe(true);
    const list = await call(vipBookingsRoute, 'GET', '/api/vip/bookings', { headers: { Authorization: `Bearer ${await issueSessionToken(profileId)}` } });
    expect(list.status).toBe(200);
    const { bookings } = await json<{ bookings: { id: string; reference: string }[] }>(list);
    expect(bookings.map((b) => b.reference)).toContain(booking.reference);
  });

  it('a customer session, a guest that typed a staff email and no credential are refused, booking and finding nothing', async () => {
    const customer = await customerRecord();
    const body = { customerId: customer.id, source: 'walk_in', bay: 'Bay 1', date: venueDate(27), startTime: '12:00', duration: 1, numberOfPeople: 2 };
    const member = await emailSession(`customer-${randomSuffix()}@example.test`);
    const typed = await emailSession(staff.email, { verified: false });
    for (const headers of [{ Authorization: `Bearer ${member.token}` }, { Authorization: `Bearer ${typed.token}` }]) {
      expect((await book(body, headers)).status).toBe(403);
      expect((await find(customer.name, headers)).status).toBe(403);
      expect((await addCustomer({ name: 'X', phone: uniquePhone() }, headers)).status).toBe(403);
    }
    expect((await book(body, {})).status).toBe(401);
    expect((await find(customer.name, {})).status).toBe(401);
    expect(await sql('select id from public.bookings where customer_id = $1', [customer.id])).toEqual([]);
  });
});
