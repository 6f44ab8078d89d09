import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as availabilityRoute } from '@/app/api/availability/route';
import { POST as createRoute } from '@/app/api/bookings/create/route';
import { GET as healthRoute } from '@/app/api/health/route';
import { POST as spinRoute } from '@/app/api/liff/spin/route';
import { GET as vipBookingsRoute } from '@/app/api/vip/bookings/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { closeDatabase, rpc, serviceCaller } from '@/lib/db';
import { HEALTH_CACHE_MS } from '@/lib/health/check-health';
import { processOutbox } from '@/lib/outbox/process-outbox';
import { randomSuffix, venueDate } from '../support/factories';
import { call, json } from '../support/http';
import { lineToken, lineUserIdOf, TEST_CHANNEL_ID, TEST_CHANNEL_SECRET } from '../support/lucky-draw';
import { startSmtpStandIn, unusedPort, type SmtpStandIn } from '../support/provider-stand-ins';
import { startSecondPostgres, type SecondPostgres } from '../support/second-postgres';

/**
 * The database goes away under a stream of real requests and comes back. The app runs on a
 * PostgreSQL server of this file's own (the shared test server stays up for other files):
 * Debian's PostgreSQL 15 where installed, which also proves the schema on a second version.
 */
let server: SecondPostgres;
let db: pg.Pool;
let smtp: SmtpStandIn;
const savedEnv = { ...process.env };
const crashes: unknown[] = [];
const recordCrash = (error: unknown) => crashes.push(error);

/** The longest any answer may take while the database is away (connect timeout 1 s, query timeout 3 s, plus slack). */
const ANSWER_BOUND_MS = 4_500;
/** How soon after the server is back every kind of request must succeed again. */
const RECOVERY_BOUND_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Member {
  profileId: string;
  token: string;
}
interface Spinner {
  customerId: string;
  lineUserId: string;
  token: string;
}
const members: Member[] = [];
let spinners: Spinner[] = [];

beforeAll(async () => {
  process.on('uncaughtException', recordCrash);
  process.on('unhandledRejection', recordCrash);
  server = await startSecondPostgres();
  db = new pg.Pool({ connectionString: server.url, max: 4 });
  db.on('error', () => undefined); // its idle connections die with the server, on purpose
  await closeDatabase();
  smtp = await startSmtpStandIn();
  Object.assign(process.env, {
    DATABASE_URL: server.url,
    DB_CONNECT_TIMEOUT_MS: '1000',
    DB_QUERY_TIMEOUT_MS: '3000',
    LINE_LIFF_CHANNEL_ID: TEST_CHANNEL_ID,
    LINE_LIFF_CHANNEL_SECRET: TEST_CHANNEL_SECRET,
    EMAIL_FROM: 'Golf Bay Bangkok <bookings@golfbay.test>',
    OUTBOX_TIMER_SECONDS: '0',
  });

  for (let i = 0; i < 4; i++) {
    const { profileId } = await rpc('create_guest_profile', { p_name: `Member ${i}`, p_email: `m${i}-${randomSuffix()}@example.test`, p_phone: '0812345678' }, serviceCaller);
    members.push({ profileId, token: await issueSessionToken(profileId) });
  }
  const [campaign] = (await db.query<{ id: string }>(`insert into public.lucky_draw_campaigns (name, starts_at, ends_at) values ('Faults', now() - interval '1 minute', now() + interval '1 day') returning id`)).rows;
  await db.query(`insert into public.lucky_draw_prizes (campaign_id, name, description, initial_quantity, remaining) values ($1, 'Towel', 'A towel', 100000, 100000)`, [campaign!.id]);
  spinners = await Promise.all(
    Array.from({ length: 8 }, async (_, i) => {
      const lineUserId = lineUserIdOf();
      const [customer] = (await db.query<{ id: string }>(`insert into public.customers (customer_code, name) values ($1, $2) returning id`, [`CUS-${randomInt(1_000_000, 9_999_999)}${i}`, `Spinner ${i}`])).rows;
      await db.query(`insert into public.profiles (provider, provider_account_id, display_name, customer_id) values ('line', $1, 'Spinner', $2)`, [lineUserId, customer!.id]);
      for (let d = 0; d < 15; d++) {
        await rpc('record_sales_transaction', { p_transaction_id: `F-${randomSuffix()}-${d}`, p_customer_id: customer!.id, p_amount_thb: 500 }, serviceCaller);
      }
      return { customerId: customer!.id, lineUserId, token: await lineToken(lineUserId) };
    }),
  );
}, 60_000);

afterAll(async () => {
  await closeDatabase();
  process.env = savedEnv;
  await db?.end();
  await smtp?.close();
  await server?.close();
  process.off('uncaughtException', recordCrash);
  process.off('unhandledRejection', recordCrash);
});

// --- a stream of requests -----------------------------------------------------------------

type Kind = 'availability' | 'booking' | 'vip-list' | 'spin';
type Phase = 'up' | 'stopping' | 'down' | 'starting' | 'back';
interface Answer {
  kind: Kind;
  status: number;
  body: Record<string, unknown>;
  text: string;
  retryAfter: string | null;
  ms: number;
  startedIn: Phase;
  endedAt: number;
  booking?: BookingRequest;
}
interface BookingRequest {
  key: string;
  body: Record<string, unknown>;
}

let bookingCount = 0;
/** A booking of a slot no other request of this file asks for. */
function nextBooking(): BookingRequest {
  const n = bookingCount++;
  const bay = ['Bay 1', 'Bay 2', 'Bay 3'][n % 3]!;
  const hour = 10 + (Math.floor(n / 3) % 12);
  // Inside the guest booking horizon (venue_settings): up to 36 bookings a day from day 10 on.
  const date = venueDate(10 + Math.floor(n / 36));
  const email = `fault-${n}-${randomSuffix()}@example.test`;
  return {
    key: `fault-${randomSuffix()}-${n}`,
    body: { date, startTime: `${hour}:00`.padStart(5, '0'), duration: 1, bay, numberOfPeople: 2, customerName: 'Fault Tester', customerEmail: email, customerPhone: '0812345678' },
  };
}

const book = (request: BookingRequest) => call(createRoute, 'POST', '/api/bookings/create', { body: request.body, headers: { 'Idempotency-Key': request.key } });

let roundCount = 0;
async function answer(kind: Kind, phase: () => Phase, answers: Answer[], send: () => Promise<Response>, booking?: BookingRequest) {
  const startedIn = phase();
  const started = Date.now();
  const response = await send();
  const text = await response.text();
  answers.push({ kind, status: response.status, body: JSON.parse(text) as Record<string, unknown>, text, retryAfter: response.headers.get('retry-after'), ms: Date.now() - started, startedIn, endedAt: Date.now(), booking });
}

/** One of each request at once: a guest's availability and booking, a member's list, a spin. */
function round(phase: () => Phase, answers: Answer[]): Promise<unknown> {
  const n = roundCount++;
  const member = members[n % members.length]!;
  const spinner = spinners[n % spinners.length]!;
  const booking = nextBooking();
  return Promise.all([
    answer('availability', phase, answers, () => call(availabilityRoute, 'GET', `/api/availability?date=${venueDate(3)}`)),
    answer('booking', phase, answers, () => book(booking), booking),
    answer('vip-list', phase, answers, () => call(vipBookingsRoute, 'GET', '/api/vip/bookings', { headers: { Authorization: `Bearer ${member.token}` } })),
    answer('spin', phase, answers, () =>
      call(spinRoute, 'POST', '/api/liff/spin', { body: { customerId: spinner.customerId, lineUserId: spinner.lineUserId }, headers: { Authorization: `Bearer ${spinner.token}` } }),
    ),
  ]);
}

/** Fires a round every `everyMs` until `done()`, then waits for every answer. */
async function traffic(phase: () => Phase, answers: Answer[], done: () => boolean, everyMs = 150) {
  const rounds: Promise<unknown>[] = [];
  while (!done()) {
    rounds.push(round(phase, answers));
    await sleep(everyMs);
  }
  await Promise.all(rounds);
}

async function bookingsWithEmail(email: unknown): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from public.bookings where customer_email = $1', [email]);
  return rows[0]!.n;
}

/** Every answer is a success or a clean 503 envelope, quickly; nothing crashed. */
function expectCleanAnswers(answers: Answer[]) {
  for (const a of answers) {
    expect([200, 503], `${a.kind} answered ${a.status}: ${a.text}`).toContain(a.status);
    expect(a.ms, `${a.kind} took ${a.ms} ms`).toBeLessThan(ANSWER_BOUND_MS);
    if (a.status === 503) {
      expect(a.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', error: expect.any(String), timestamp: expect.any(String), path: expect.any(String) });
      expect(a.retryAfter, 'a 503 tells when to retry').toBe('5');
      // No stack, SQL or driver message reaches the client.
      expect(a.text).not.toMatch(/stack|ECONN|terminat|postgres|pg_|select |\bat .*\.ts/i);
    }
  }
  expect(crashes).toEqual([]);
}

/** Bookings answered 200 exist once; those answered 503 exist at most once, and their retry with the same key books exactly once. */
async function expectEachBookingOnce(answers: Answer[]) {
  const bookings = answers.filter((a) => a.kind === 'booking');
  for (const a of bookings.filter((b) => b.status === 200)) expect(await bookingsWithEmail(a.booking!.body.customerEmail)).toBe(1);
  const failed = bookings.filter((b) => b.status === 503);
  for (const a of failed) {
    expect(await bookingsWithEmail(a.booking!.body.customerEmail)).toBeLessThanOrEqual(1);
    const retry = await book(a.booking!);
    expect(retry.status, await retry.clone().text()).toBe(200);
    expect(await bookingsWithEmail(a.booking!.body.customerEmail)).toBe(1);
  }
  return { succeeded: bookings.length - failed.length, retried: failed.length };
}

describe('the database server stops under load and comes back', () => {
  it.each(['fast', 'immediate'] as const)('%s shutdown: clean 503s while it is down, health says so, and the same process recovers', async (mode) => {
    const answers: Answer[] = [];
    let phase: Phase = 'up';
    let done = false;
    const running = traffic(() => phase, answers, () => done);

    await sleep(700);
    const stoppingAt = Date.now();
    phase = 'stopping';
    await server.stop(mode);
    phase = 'down';
    await sleep(1_200);
    const health = await call(healthRoute, 'GET', '/api/health');
    expect(health.status).toBe(503);
    expect(await json(health)).toMatchObject({ status: 'unavailable', database: 'down' });
    await sleep(300);

    phase = 'starting';
    await server.start();
    const backAt = Date.now();
    phase = 'back';
    // Recovered: a whole round started after the restart succeeds, within the bound.
    let recoveredAt: number | undefined;
    while (recoveredAt === undefined && Date.now() - backAt < RECOVERY_BOUND_MS + 2_000) {
      await sleep(100);
      const kinds = new Set(answers.filter((a) => a.startedIn === 'back' && a.status === 200).map((a) => a.kind));
      if (kinds.size === 4) recoveredAt = Date.now();
    }
    done = true;
    await running;

    const afterRestart = answers.filter((a) => a.startedIn === 'back').map((a) => `${a.kind} ${a.status} ${a.status === 200 ? '' : a.text}`);
    expect(recoveredAt, `every kind of request succeeds again after the restart: ${afterRestart.slice(-8).join('; ')}`).toBeDefined();
    expect(recoveredAt! - backAt).toBeLessThan(RECOVERY_BOUND_MS);
    expectCleanAnswers(answers);
    // Health answers from a check at most HEALTH_CACHE_MS old; recovery can be quicker than that.
    await sleep(HEALTH_CACHE_MS);
    const healthAfter = await call(healthRoute, 'GET', '/api/health');
    expect(healthAfter.status).toBe(200);
    expect(await json(healthAfter)).toMatchObject({ status: 'ok', database: 'up' });

    // Before the stop everything worked; while the server was down every kind answered 503.
    expect(answers.filter((a) => a.startedIn === 'up' && a.endedAt < stoppingAt).every((a) => a.status === 200)).toBe(true);
    const down = answers.filter((a) => a.startedIn === 'down');
    expect(new Set(down.map((a) => a.kind)).size).toBe(4);
    expect(down.every((a) => a.status === 503)).toBe(true);

    const { succeeded, retried } = await expectEachBookingOnce(answers);
    expect(succeeded).toBeGreaterThan(0);
    expect(retried).toBeGreaterThan(0);
  });

  it('a server that stops answering (frozen) costs each request at most the connect or query timeout, then 503', async () => {
    const answers: Answer[] = [];
    let phase: Phase = 'up';
    let done = false;
    // Warm the pool so that some calls meet a connection whose server no longer answers.
    await Promise.all(Array.from({ length: 4 }, () => round(() => phase, answers)));
    await server.freeze(true);
    phase = 'down';
    const running = traffic(() => phase, answers, () => done, 300);
    await sleep(3_500);
    const health = await call(healthRoute, 'GET', '/api/health');
    expect(health.status).toBe(503);
    await server.freeze(false);
    const thawedAt = Date.now();
    phase = 'back';
    while (!done && Date.now() - thawedAt < RECOVERY_BOUND_MS) {
      await sleep(100);
      done = new Set(answers.filter((a) => a.startedIn === 'back' && a.status === 200).map((a) => a.kind)).size === 4;
    }
    const recovered = done;
    done = true;
    await running;
    expect(recovered, 'every kind of request succeeds again once the server answers').toBe(true);
    expectCleanAnswers(answers);
    const frozen = answers.filter((a) => a.startedIn === 'down');
    expect(frozen.length).toBeGreaterThan(8);
    expect(frozen.filter((a) => a.status === 503).length).toBeGreaterThan(4);
    await expectEachBookingOnce(answers);
  });

  it('a booking whose transaction is in flight when the server is killed is rolled back, and its retry books it once', async () => {
    for (const how of ['the whole server is killed', 'its backend is killed'] as const) {
      // Hold the bookings table so that create_booking waits mid-transaction.
      const locker = new pg.Client({ connectionString: server.url });
      locker.on('error', () => undefined);
      await locker.connect();
      await locker.query('begin');
      await locker.query('lock table public.bookings in share row exclusive mode');

      const request = nextBooking();
      const pending = book(request);
      let backendPid: number | undefined;
      for (let i = 0; i < 100 && backendPid === undefined; i++) {
        await sleep(50);
        const { rows } = await db.query<{ pid: number }>(`select pid from pg_stat_activity where wait_event_type = 'Lock' and query like '%create_booking%'`);
        backendPid = rows[0]?.pid;
      }
      expect(backendPid, 'create_booking is waiting inside its transaction').toBeDefined();

      if (how === 'the whole server is killed') {
        await server.stop('crash');
        const response = await pending;
        expect(response.status).toBe(503);
        expect(await json(response)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
        await server.start();
      } else {
        // PostgreSQL resets every connection after a backend dies and recovers by itself.
        process.kill(backendPid!, 'SIGKILL');
        const response = await pending;
        expect(response.status).toBe(503);
      }
      await locker.end().catch(() => undefined);

      // Rolled back: no trace of it; a retry with the same key books it once (the server may still be recovering).
      let retry: Response | undefined;
      const deadline = Date.now() + RECOVERY_BOUND_MS;
      do {
        await sleep(100);
        retry = await book(request).catch(() => undefined);
      } while (retry?.status !== 200 && Date.now() < deadline);
      expect(retry?.status).toBe(200);
      expect(await bookingsWithEmail(request.body.customerEmail)).toBe(1);
      const again = await book(request);
      expect(await json(again)).toMatchObject({ bookingId: (await json(retry!)).bookingId });
      expect(await bookingsWithEmail(request.body.customerEmail)).toBe(1);
    }
    expect(crashes).toEqual([]);
  });

  it('an email the SMTP server took while the database went down is recorded once the database is back, and never sent twice', async () => {
    // The booking's confirmation fails inline (no SMTP server yet), so its job waits.
    process.env.SMTP_URL = `smtp://127.0.0.1:${await unusedPort()}`;
    const request = nextBooking();
    const created = await book(request);
    expect(created.status).toBe(200);
    const { bookingId } = await json<{ bookingId: string }>(created);
    // Only the job that was tried (a reminder days ahead keeps its time).
    await db.query(`update public.outbox_jobs set run_after = now() where booking_id = $1 and attempts > 0`, [bookingId]);

    // The server keeps the mail; before it says "250 OK" the database goes down for a moment.
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
    let restarted: Promise<void> | undefined;
    smtp.beforeDataReply = async () => {
      smtp.beforeDataReply = undefined;
      await server.stop('fast');
      restarted = sleep(1_000).then(() => server.start());
    };
    const run = await processOutbox({ bookingId });
    await restarted;
    expect(run).toMatchObject({ claimed: 1, succeeded: 1, failed: 0 });

    const mails = smtp.mails.filter((mail) => mail.to.includes(String(request.body.customerEmail)));
    expect(mails).toHaveLength(1);
    const { rows } = await db.query<{ status: string; attempts: number }>(
      `select status, attempts from public.outbox_jobs where booking_id = $1 and kind = 'booking_confirmation_email'`,
      [bookingId],
    );
    expect(rows).toEqual([{ status: 'succeeded', attempts: 2 }]);
    expect((await processOutbox({ bookingId })).claimed).toBe(0);
    expect(smtp.mails.filter((mail) => mail.to.includes(String(request.body.customerEmail)))).toHaveLength(1);
    delete process.env.SMTP_URL;
  });

  it('a server that refuses the app (wrong password, no such database) is 503 too, never a client error', async () => {
    const wrong = [new URL(server.url), new URL(server.url)];
    wrong[0]!.password = 'not-the-password';
    wrong[1]!.pathname = '/no_such_database';
    for (const url of wrong) {
      await closeDatabase();
      process.env.DATABASE_URL = url.toString();
      const response = await call(availabilityRoute, 'GET', `/api/availability?date=${venueDate(3)}`);
      expect(response.status).toBe(503);
      expect(await json(response)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    }
    await closeDatabase();
    process.env.DATABASE_URL = server.url;
    expect((await call(availabilityRoute, 'GET', `/api/availability?date=${venueDate(3)}`)).status).toBe(200);
  });

  it('ran all of the above on a second PostgreSQL version where one is installed', () => {
    // The shared test server is the embedded 17; Debian's 15 proves the migrations and seed there too.
    expect(Math.floor(server.versionNum / 10000)).toBe(existsSync('/usr/lib/postgresql/15/bin/postgres') ? 15 : 17);
  });
});
