import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { anonCaller, memberCaller } from '@/lib/db';
import { functionCall, oneRoundTrip } from '@/lib/db/pg-transport';
import { POST as createRoute } from '@/app/api/bookings/create/route';
import { GET as managedRoute } from '@/app/api/bookings/manage/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { JOB_LEASE_SECONDS } from '@/lib/outbox/process-outbox';
import { createCustomer, createProfile, insertBooking, venueDate } from '../support/factories';
import { call, json, randomIp } from '../support/http';
import { sql, sqlAs } from '../support/sql';

interface Created {
  success: true;
  bookingId: string;
  bookingReference: string;
  calendarEventId: string | null;
  confirmationSent: boolean;
}

const guest = (overrides: Record<string, unknown> = {}) => ({
  date: venueDate(20),
  startTime: '14:00',
  duration: 2,
  customerName: 'Pim Guest',
  customerEmail: 'pim.guest@example.test',
  customerPhone: '081-234-5678',
  numberOfPeople: 2,
  ...overrides,
});

const create = (body: unknown, options: { ip?: string; token?: string; key?: string } = {}) =>
  call(createRoute, 'POST', '/api/bookings/create', {
    body,
    ip: options.ip,
    headers: {
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...(options.key ? { 'Idempotency-Key': options.key } : {}),
    },
  });

async function linkedMember(): Promise<{ profileId: string; customerId: string; token: string }> {
  const profileId = await createProfile();
  const customerId = await createCustomer();
  await sql('update public.profiles set customer_id = $1 where id = $2', [customerId, profileId]);
  return { profileId, customerId, token: await issueSessionToken(profileId) };
}

describe('POST /api/bookings/create', () => {
  it('books a bay for a guest: the spec response, a priced booking, normalised contact, its jobs delivered inline', async () => {
    const response = await create(guest({ date: venueDate(20), specialRequests: '  First time visitor ' }));
    expect(response.status).toBe(200);
    const body = await json<Created>(response);
    expect(body).toEqual({
      success: true,
      bookingId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      bookingReference: expect.stringMatching(new RegExp(`^BK${venueDate(20).slice(2).replaceAll('-', '')}[2-9A-HJ-NP-Z]{8}$`)),
      calendarEventId: expect.any(String),
      confirmationSent: true,
      vipCode: null,
      // Its confirmation page's link (the token in the fragment only): tests/integration/booking-manage-links.test.ts.
      manageUrl: expect.stringMatching(/^http:\/\/localhost:3000\/book\/manage#t=[0-9a-f]{64}$/),
    });
    const [booking] = await sql<Record<string, unknown>>(
      `select b.*, bay.name as bay, to_char(b.starts_at at time zone 'Asia/Bangkok', 'YYYY-MM-DD HH24:MI') as local_start
       from public.bookings b join public.bays bay on bay.id = b.bay_id where b.id = $1`,
      [body.bookingId],
    );
    expect(booking).toMatchObject({
      reference: body.bookingReference,
      bay: 'Bay 1',
      local_start: `${venueDate(20)} 14:00`,
      duration_hours: '2.0',
      status: 'confirmed',
      customer_phone: '+66812345678',
      customer_email: 'pim.guest@example.test',
      notes: 'First time visitor',
      profile_id: null,
      calendar_event_id: body.calendarEventId,
    });
    // Weekday 14-16 is off-peak (500/h) on a weekday, peak weekend (800/h).
    const weekend = [0, 6].includes(new Date(`${venueDate(20)}T00:00:00Z`).getUTCDay());
    expect(booking!.price_thb).toBe(weekend ? 1600 : 1000);
    const jobs = await sql<{ kind: string; status: string; attempts: number }>(
      'select kind, status, attempts from public.outbox_jobs where booking_id = $1 order by kind',
      [body.bookingId],
    );
    expect(jobs).toEqual([
      { kind: 'booking_confirmation_email', status: 'succeeded', attempts: 1 },
      // Due a lead time before the visit (booking-reminders.test.ts).
      { kind: 'booking_reminder_email', status: 'pending', attempts: 0 },
      { kind: 'calendar_event_create', status: 'succeeded', attempts: 1 },
      { kind: 'staff_line_message', status: 'succeeded', attempts: 1 },
    ]);
  });

  it('lets exactly one of 50 concurrent bookings of one bay and time in; the rest get 409 with alternatives', async () => {
    const date = venueDate(21);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => create(guest({ date, startTime: '18:00', duration: 1, bay: 'Bay 2', customerEmail: `racer${i}@example.test` }), { ip: randomIp() })),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    for (const response of responses.filter((r) => r.status === 409)) {
      const body = await json(response);
      expect(body).toMatchObject({ code: 'SLOT_UNAVAILABLE', error: 'Requested time slot is not available', path: '/api/bookings/create' });
      expect(body.details).toMatchObject({ date, startTime: '18:00', bay: 'Bay 2' });
      // Nearest whole hours first (a later one wins a tie), listed in time order.
      expect((body.details as { alternativeTimes: string[] }).alternativeTimes).toEqual(['17:00', '19:00', '20:00']);
    }
    const [{ count }] = (await sql<{ count: number }>(
      `select count(*)::int as count from public.bookings b join public.bays bay on bay.id = b.bay_id
       where bay.name = 'Bay 2' and b.starts_at = ($1::date + time '18:00') at time zone 'Asia/Bangkok'`,
      [date],
    )) as [{ count: number }];
    expect(count).toBe(1);
  });

  it('concurrent bookings of one bay and time never deadlock: one wins, the rest are told the slot is taken', async () => {
    // Straight to the database, each on its own connection, with no retry between (the app retries deadlocks).
    const date = venueDate(23);
    const clients = await Promise.all(Array.from({ length: 30 }, async () => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      return client;
    }));
    try {
      const outcomes = await Promise.all(clients.map((client, i) => {
        const { sql: callSql, values } = functionCall('create_booking', {
          p_booking: { date, startTime: '19:00', duration: 1, bay: 'Bay 3', numberOfPeople: 2, customerName: 'Racer', customerEmail: `dl${i}@example.test`, customerPhone: '0812345678' },
        });
        return client.query(oneRoundTrip(callSql, values, anonCaller)).then(() => 'booked', (error: { code?: string; message?: string }) => `${error.code}:${error.message}`);
      }));
      expect(outcomes.filter((outcome) => outcome === 'booked')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome !== 'booked')).toEqual(Array(29).fill('PT409:SLOT_UNAVAILABLE'));
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
  });

  it('concurrent bookings without a bay never deadlock: each free bay goes to one, the rest are told none is left', async () => {
    // Two inserts of overlapping rows that both reach the exclusion constraint before either
    // commits wait for each other: a deadlock, found only after deadlock_timeout (1 s).
    // Straight to the database, no app retry, several rounds to give the race its chances.
    const clients = await Promise.all(Array.from({ length: 12 }, async () => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      return client;
    }));
    try {
      const rounds = [40, 41].flatMap((days) => ['10:00', '11:30', '13:00', '14:30', '16:00', '17:30'].map((startTime) => ({ date: venueDate(days), startTime })));
      for (const [round, { date, startTime }] of rounds.entries()) {
        const outcomes = await Promise.all(clients.map((client, i) => {
          const { sql: callSql, values } = functionCall('create_booking', {
            p_booking: { date, startTime, duration: 1.5, numberOfPeople: 2, customerName: 'Racer', customerEmail: `nb${round}.${i}@example.test`, customerPhone: '0812345678' },
          });
          return client.query(oneRoundTrip(callSql, values, anonCaller)).then(() => 'booked', (error: { code?: string; message?: string }) => `${error.code}:${error.message}`);
        }));
        expect(outcomes.filter((outcome) => outcome === 'booked')).toHaveLength(4);
        expect(outcomes.filter((outcome) => outcome !== 'booked')).toEqual(Array(8).fill('PT409:SLOT_UNAVAILABLE'));
      }
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
  });

  it('a move racing bookings of the times it leaves and takes never deadlocks: one of them gets each time', async () => {
    const profileId = await createProfile();
    const mover = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await mover.connect();
    const clients = await Promise.all(Array.from({ length: 8 }, async () => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      return client;
    }));
    const at = (time: string, minutes: number) => {
      const [hours = 0, mins = 0] = time.split(':').map(Number);
      const total = hours * 60 + mins + minutes;
      return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
    };
    try {
      const rounds = [42, 43].flatMap((days) => ['10:30', '13:30', '16:30'].map((time) => ({ date: venueDate(days), time })));
      for (const [round, { date, time }] of rounds.entries()) {
        const bookingId = await insertBooking({ bay: 'Bay 2', date, startTime: time, hours: 1, profileId });
        const attempt = (client: pg.Client, name: string, args: Record<string, unknown>, caller: Parameters<typeof oneRoundTrip>[2], success: string) => {
          const { sql: callSql, values } = functionCall(name, args);
          return client.query(oneRoundTrip(callSql, values, caller)).then(() => success, (error: { code?: string; message?: string }) => `${error.code}:${error.message}`);
        };
        const book = (client: pg.Client, i: number, startTime: string, success: string) => attempt(client, 'create_booking', {
          p_booking: { date, startTime, duration: 1, bay: 'Bay 2', numberOfPeople: 2, customerName: 'Racer', customerEmail: `mv${round}.${i}@example.test`, customerPhone: '0812345678' },
        }, anonCaller, success);
        // The move takes [time+30, time+90); four bookings want [time+60, time+120) (only the
        // new place), four want [time-30, time+30) (only the old one, free once the move commits).
        const [moved, ...booked] = await Promise.all([
          attempt(mover, 'modify_vip_booking', { p_booking_id: bookingId, p_change: { date, startTime: at(time, 30), duration: 1 } }, memberCaller(profileId), 'moved'),
          ...clients.slice(0, 4).map((client, i) => book(client, i, at(time, 60), 'booked new')),
          ...clients.slice(4).map((client, i) => book(client, 4 + i, at(time, -30), 'booked old')),
        ]);
        const count = (outcome: string) => booked.filter((other) => other === outcome).length;
        expect([moved, ...booked].filter((outcome) => !['moved', 'booked new', 'booked old'].includes(outcome)).every((outcome) => outcome === 'PT409:SLOT_UNAVAILABLE')).toBe(true);
        expect((moved === 'moved' ? 1 : 0) + count('booked new')).toBe(1);
        expect(count('booked old')).toBeLessThanOrEqual(moved === 'moved' ? 1 : 0);
      }
    } finally {
      await Promise.all([mover, ...clients].map((client) => client.end()));
    }
  });

  it('assigns free bays to concurrent bookings without a bay until none is left', async () => {
    const date = venueDate(22);
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => create(guest({ date, startTime: '12:00', duration: 1, numberOfPeople: 2, customerEmail: `g${i}@example.test` }), { ip: randomIp() })),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(4);
    expect(statuses.filter((status) => status === 409)).toHaveLength(8);
    const bays = await sql<{ name: string }>(
      `select bay.name from public.bookings b join public.bays bay on bay.id = b.bay_id
       where b.starts_at = ($1::date + time '12:00') at time zone 'Asia/Bangkok' order by bay.sort_order`,
      [date],
    );
    expect(bays.map((bay) => bay.name)).toEqual(['Bay 1', 'Bay 2', 'Bay 3', 'AI Lab']);
  });

  it('returns the first booking for a repeated Idempotency-Key, also when the repeats race', async () => {
    const key = randomUUID();
    const body = guest({ date: venueDate(23), startTime: '11:00' });
    const ip = randomIp();
    const first = await json<Created>(await create(body, { key, ip }));
    const again = await create(body, { key, ip });
    expect(again.status).toBe(200);
    expect(await json<Created>(again)).toMatchObject({ bookingId: first.bookingId, bookingReference: first.bookingReference });

    const raceKey = randomUUID();
    const raceBody = guest({ date: venueDate(23), startTime: '15:00', customerEmail: 'double.click@example.test' });
    const raced = await Promise.all(Array.from({ length: 5 }, () => create(raceBody, { key: raceKey, ip: randomIp() })));
    expect(raced.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    const ids = new Set(await Promise.all(raced.map(async (response) => (await json<Created>(response)).bookingId)));
    expect(ids.size).toBe(1);
    const [{ count }] = (await sql<{ count: number }>(`select count(*)::int as count from public.bookings where customer_email = 'double.click@example.test'`)) as [{ count: number }];
    expect(count).toBe(1);

    const reused = await create({ ...body, startTime: '12:00' }, { key, ip: randomIp() });
    expect(reused.status).toBe(422);
    expect(await json(reused)).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('draws package hours for members and never lets them go negative under concurrent bookings', async () => {
    const member = await linkedMember();
    const [pkg] = await sql<{ id: string }>(
      `insert into public.packages (customer_id, package_name, purchase_date, total_hours)
       values ($1, 'Test 3 Hours', current_date - 1, 3) returning id`,
      [member.customerId],
    );
    const date = venueDate(24);
    const responses = await Promise.all(
      ['10:00', '11:00', '12:00', '13:00', '14:00', '15:00'].map((startTime) =>
        create(guest({ date, startTime, duration: 1, packageId: pkg!.id }), { token: member.token }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(3);
    for (const response of responses.filter((r) => r.status === 409)) {
      expect(await json(response)).toMatchObject({ code: 'PACKAGE_HOURS_INSUFFICIENT', details: { remainingHours: 0 } });
    }
    const [row] = await sql<{ used_hours: string }>('select used_hours from public.packages where id = $1', [pkg!.id]);
    expect(row!.used_hours).toBe('3.0');
    const bookings = await sql<{ price_thb: number; profile_id: string; customer_id: string }>(
      'select price_thb, profile_id, customer_id from public.bookings where package_id = $1',
      [pkg!.id],
    );
    expect(bookings).toHaveLength(3);
    for (const booking of bookings) expect(booking).toEqual({ price_thb: 0, profile_id: member.profileId, customer_id: member.customerId });
  });

  it("refuses another member's package, a guest's package booking, and an expired package", async () => {
    const owner = await linkedMember();
    const other = await linkedMember();
    const [pkg] = await sql<{ id: string }>(
      `insert into public.packages (customer_id, package_name, purchase_date, expiry_date, total_hours)
       values ($1, 'Owner 5 Hours', current_date - 100, current_date + 2, 5) returning id`,
      [owner.customerId],
    );
    const body = guest({ date: venueDate(25), packageId: pkg!.id, duration: 1 });
    const foreign = await create(body, { token: other.token });
    expect(foreign.status).toBe(404);
    expect(await json(foreign)).toMatchObject({ code: 'PACKAGE_NOT_FOUND' });
    const anonymous = await create(body);
    expect(anonymous.status).toBe(401);
    const expired = await create(body, { token: owner.token });
    expect(expired.status).toBe(409);
    expect(await json(expired)).toMatchObject({ code: 'PACKAGE_EXPIRED' });
    const [row] = await sql<{ used_hours: string }>('select used_hours from public.packages where id = $1', [pkg!.id]);
    expect(row!.used_hours).toBe('0.0');
  });

  it('links a signed-in booking to the member profile and customer record', async () => {
    const member = await linkedMember();
    const response = await create(guest({ date: venueDate(26) }), { token: member.token });
    expect(response.status).toBe(200);
    const { bookingId } = await json<Created>(response);
    const [row] = await sql('select profile_id, customer_id from public.bookings where id = $1', [bookingId]);
    expect(row).toEqual({ profile_id: member.profileId, customer_id: member.customerId });
  });

  it.each([
    [{ bay: 'AI Lab', numberOfPeople: 3 }, 'numberOfPeople', 'AI Lab takes at most 2 people'],
    [{ numberOfPeople: 6 }, 'numberOfPeople', 'No bay takes that many people'],
    [{ startTime: '22:00', duration: 2 }, 'startTime', 'The venue is not open for the whole booking'],
    [{ startTime: '09:30', duration: 1 }, 'startTime', 'The venue is not open for the whole booking'],
    [{ date: venueDate(-1) }, 'startTime', 'Start time must be in the future'],
    [{ bay: 'Bay 42' }, 'bay', 'Unknown bay: Bay 42'],
    [{ customerEmail: 'not-an-email' }, 'customerEmail', 'Invalid email format'],
    [{ customerPhone: '12345' }, 'customerPhone', 'Phone must be a Thai number (0812345678) or start with +country code'],
    [{ customerName: '  ' }, 'customerName', 'Name is required'],
    [{ numberOfPeople: 0 }, 'numberOfPeople', 'At least 1 person'],
    [{ duration: 6 }, 'duration', 'Duration must be at most 5 hours'],
    [{ packageId: 'abc' }, 'packageId', 'Not a package id'],
  ])('refuses %j with 400 on %s', async (overrides, field, message) => {
    const response = await create(guest({ date: venueDate(27), ...overrides }));
    expect(response.status).toBe(400);
    const body = await json(response);
    expect(body.code).toBe('VALIDATION_ERROR');
    expect((body.details as { fields: Record<string, string> }).fields[field]).toBe(message);
  });

  it('refuses a booking that overlaps an existing one with 409, and a malformed Idempotency-Key with 400', async () => {
    const date = venueDate(28);
    await insertBooking({ bay: 'Bay 3', date, startTime: '19:00', hours: 2 });
    const taken = await create(guest({ date, startTime: '20:00', duration: 1, bay: 'Bay 3' }));
    expect(taken.status).toBe(409);
    expect(await json(taken)).toMatchObject({ code: 'SLOT_UNAVAILABLE', details: { alternativeTimes: ['18:00', '21:00', '22:00'] } });
    const badKey = await create(guest({ date }), { key: 'x'.repeat(201) });
    expect(badKey.status).toBe(400);
  });

  it("answers a manage link that opens its booking, issued in the booking's transaction; a replay's answer carries a link of its own", async () => {
    const key = randomUUID();
    const body = guest({ date: venueDate(30), startTime: '16:00', duration: 1, customerEmail: 'link.holder@example.test' });
    const first = await json<Created & { manageUrl: string }>(await create(body, { key }));
    const replay = await json<Created & { manageUrl: string }>(await create(body, { key }));
    expect(replay.bookingId).toBe(first.bookingId);
    expect(replay.manageUrl).not.toBe(first.manageUrl);
    for (const url of [first.manageUrl, replay.manageUrl]) {
      const opened = await call(managedRoute, 'GET', '/api/bookings/manage', { headers: { 'X-Manage-Token': new URL(url).hash.slice('#t='.length) } });
      expect(opened.status).toBe(200);
      expect(await json(opened)).toMatchObject({ booking: { id: first.bookingId, reference: first.bookingReference } });
    }
    // The confirmation email's link (issued with the booking for its inline attempt) opens it too.
    const [mail] = await sql<{ text: string }>(
      `select body ->> 'text' as text from public.dev_outgoing_messages where channel = 'email' and body ->> 'bookingId' = $1`, [first.bookingId]);
    const emailed = /\/book\/manage#t=([0-9a-f]{64})/.exec(mail!.text)![1]!;
    expect([first.manageUrl, replay.manageUrl].map((url) => new URL(url).hash.slice('#t='.length))).not.toContain(emailed);
    const opened = await call(managedRoute, 'GET', '/api/bookings/manage', { headers: { 'X-Manage-Token': emailed } });
    expect(await json(opened)).toMatchObject({ booking: { id: first.bookingId } });
    // Those three, as hashes only.
    const [{ count }] = (await sql<{ count: number }>('select count(*)::int as count from public.booking_manage_tokens where booking_id = $1', [first.bookingId])) as [{ count: number }];
    expect(count).toBe(3);
  });

  it("a direct call of create_booking (PostgREST's anon) claims only its own booking's jobs, for no longer than the app's lease, and issues at most two links", async () => {
    const other = await insertBooking({ bay: 'Bay 1', date: venueDate(31), startTime: '10:00' });
    await sql(`insert into public.outbox_jobs (kind, dedupe_key, booking_id, payload) values ('staff_line_message', $1, $2, '{}')`, [`attack:${other}`, other]);
    const record = (startTime: string) => JSON.stringify({ ...guest({ date: venueDate(31), startTime, duration: 1, bay: 'Bay 2' }), customerPhone: '+66812345678' });
    const hashes = JSON.stringify(['a', 'b', 'c'].map((c) => c.repeat(64)));
    await expect(sqlAs('anon', { role: 'anon' }, 'select public.create_booking(p_booking => $1::jsonb, p_manage_token_hashes => $2::jsonb)', [record('11:00'), hashes]))
      .rejects.toMatchObject({ code: 'PT400' });
    const direct = (startTime: string, lease: number) =>
      sqlAs<{ result: { bookingId: string; jobs: { kind: string; bookingId: string }[] } }>('anon', { role: 'anon' },
        'select public.create_booking(p_booking => $1::jsonb, p_lease_seconds => $2) as result', [record(startTime), lease]);
    // Held for a day, its confirmation, calendar event and the staff's message would wait that long.
    for (const lease of [86_400, JOB_LEASE_SECONDS + 1, 0, -5]) {
      await expect(direct('12:00', lease)).rejects.toMatchObject({ code: 'PT400' });
    }
    // The app's own lease is the longest (lib/outbox/process-outbox.ts; the SQL holds the same number).
    const [{ result }] = (await direct('12:00', JOB_LEASE_SECONDS)) as [{ result: { bookingId: string; jobs: { kind: string; bookingId: string }[] } }];
    expect(result.jobs.map((job) => job.kind).sort()).toEqual(['booking_confirmation_email', 'calendar_event_create', 'staff_line_message']);
    expect(result.jobs.every((job) => job.bookingId === result.bookingId)).toBe(true);
    const [otherJob] = await sql<{ status: string }>('select status from public.outbox_jobs where dedupe_key = $1', [`attack:${other}`]);
    expect(otherJob!.status).toBe('pending');
    const [claimed] = await sql<{ longest: number }>(
      `select max(extract(epoch from locked_until - created_at))::int as longest from public.outbox_jobs where booking_id = $1 and status = 'running'`, [result.bookingId]);
    expect(claimed!.longest).toBeLessThanOrEqual(JOB_LEASE_SECONDS);
  });

  it('rate-limits guests to 3 bookings an hour per client and members to 10', async () => {
    const ip = randomIp();
    const date = venueDate(29);
    const guestStatuses: number[] = [];
    for (const startTime of ['10:00', '11:00', '12:00', '13:00']) {
      guestStatuses.push((await create(guest({ date, startTime, duration: 1, bay: 'Bay 1' }), { ip })).status);
    }
    expect(guestStatuses).toEqual([200, 200, 200, 429]);

    const member = await linkedMember();
    const memberStatuses: number[] = [];
    for (let hour = 10; hour <= 20; hour++) {
      const response = await create(guest({ date, startTime: `${hour}:00`, duration: 1, bay: 'Bay 2' }), { token: member.token, ip });
      memberStatuses.push(response.status);
      if (response.status === 429) expect(response.headers.get('x-ratelimit-limit')).toBe('10');
    }
    expect(memberStatuses).toEqual([...Array(10).fill(200), 429]);
  });

  it('a slot taken meanwhile (409) books nothing and uses none of the guest\'s 3 an hour, but counts against the general limit', async () => {
    const ip = randomIp();
    const date = venueDate(30);
    const taken = (await create(guest({ date, startTime: '10:00', duration: 1, bay: 'Bay 3' }), { ip: randomIp() })).status;
    expect(taken).toBe(200);
    const statuses: number[] = [];
    // Twice the taken slot, then four free hours: three bookings, then the limit.
    for (const startTime of ['10:00', '10:00', '11:00', '12:00', '13:00', '14:00']) {
      statuses.push((await create(guest({ date, startTime, duration: 1, bay: 'Bay 3' }), { ip })).status);
    }
    expect(statuses).toEqual([409, 409, 200, 200, 200, 429]);

    // Probing taken slots is bounded all the same: the general limit (120 a minute) ends it.
    const probe = randomIp();
    let refused: Response | undefined;
    for (let attempt = 0; attempt < 130 && !refused; attempt++) {
      const response = await create(guest({ date, startTime: '10:00', duration: 1, bay: 'Bay 3' }), { ip: probe });
      if (response.status === 429) refused = response;
      else expect(response.status).toBe(409);
    }
    expect(refused?.headers.get('x-ratelimit-limit')).toBe('120');
  });
});
