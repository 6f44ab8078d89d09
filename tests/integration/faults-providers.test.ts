import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as createRoute } from '@/app/api/bookings/create/route';
import { POST as cronRoute } from '@/app/api/cron/process-outbox/route';
import { POST as lineRoute } from '@/app/api/notifications/line/route';
import { POST as emailRoute } from '@/app/api/notifications/email/route';
import { POST as cancelRoute } from '@/app/api/vip/bookings/[bookingId]/cancel/route';
import { PUT as modifyRoute } from '@/app/api/vip/bookings/[bookingId]/modify/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { calendarEventIdFor } from '@/lib/notifications/compose/booking-ids';
import { createProfile, randomSuffix, venueDate } from '../support/factories';
import { call, json } from '../support/http';
import { messageIdOf, startProviderStandIns, startSilentServer, unusedPort, type ProviderStandIns } from '../support/provider-stand-ins';
import { sql } from '../support/sql';

/**
 * Each provider down in each way a provider fails, while bookings, member changes and system
 * notifications are made; then back. Every email, LINE message and calendar write arrives
 * exactly once (counted at the stand-in), none is lost, and every attempt is on record.
 * SMTP has no idempotency: a message the server kept whose reply was lost arrives twice,
 * under one Message-ID (the one at-least-once window, documented in lib/notifications/mailer.ts).
 */
let stand: ProviderStandIns;
let silent: Awaited<ReturnType<typeof startSilentServer>>;
let workingEnv: Record<string, string | undefined>;
const SYSTEM_KEY = 'faults-system-key';
const CRON = { Authorization: 'Bearer faults-cron-secret' };
const PROVIDER_TIMEOUT_MS = 400;

beforeAll(async () => {
  stand = await startProviderStandIns({
    SMTP_TIMEOUT_MS: String(PROVIDER_TIMEOUT_MS),
    GOOGLE_CALENDAR_TIMEOUT_MS: String(PROVIDER_TIMEOUT_MS),
    LINE_TIMEOUT_MS: String(PROVIDER_TIMEOUT_MS),
    BOOKING_INLINE_BUDGET_MS: '2000',
    SYSTEM_API_KEY: SYSTEM_KEY,
    CRON_SECRET: 'faults-cron-secret',
    OUTBOX_TIMER_SECONDS: '0',
  });
  silent = await startSilentServer();
  workingEnv = { SMTP_URL: process.env.SMTP_URL, GOOGLE_CALENDAR_API_ROOT_URL: process.env.GOOGLE_CALENDAR_API_ROOT_URL, GOOGLE_OAUTH_TOKEN_URL: process.env.GOOGLE_OAUTH_TOKEN_URL, LINE_API_BASE_URL: process.env.LINE_API_BASE_URL };
});

afterAll(async () => {
  await silent?.close();
  await stand?.close();
});

type Provider = 'smtp' | 'google' | 'line';
type Fault = 'refused' | 'error' | 'hang' | 'lose-reply';

/** Takes one provider down in one way: refusing connections, answering errors, never answering, or doing the work and losing the reply. */
async function takeDown(provider: Provider, fault: Fault) {
  const nowhere = `http://127.0.0.1:${await unusedPort()}`;
  if (provider === 'smtp') {
    if (fault === 'refused') process.env.SMTP_URL = `smtp://127.0.0.1:${await unusedPort()}`;
    if (fault === 'error') stand.smtp.unavailable = true; // 421 to every connection
    if (fault === 'hang') process.env.SMTP_URL = `smtp://127.0.0.1:${silent.port}`; // never greets
    if (fault === 'lose-reply') stand.smtp.loseDataReply = true;
  } else if (provider === 'google') {
    if (fault === 'refused') Object.assign(process.env, { GOOGLE_CALENDAR_API_ROOT_URL: `${nowhere}/`, GOOGLE_OAUTH_TOKEN_URL: `${nowhere}/token` });
    else stand.google.mode = fault;
  } else {
    if (fault === 'refused') process.env.LINE_API_BASE_URL = nowhere;
    else stand.line.mode = fault;
  }
}

function bringBack() {
  Object.assign(process.env, workingEnv);
  stand.smtp.unavailable = false;
  stand.smtp.loseDataReply = false;
  stand.google.mode = 'normal';
  stand.line.mode = 'normal';
}

/** Waits until no job of the booking is mid-attempt (attempts left running by the inline budget end by their timeout). */
async function attemptsSettled(where: string, params: unknown[]) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [row] = await sql<{ n: number }>(`select count(*)::int as n from public.outbox_jobs where status = 'running' and ${where}`, params);
    if (row!.n === 0) return;
    if (Date.now() > deadline) throw new Error('outbox attempts did not settle');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The scheduler's run, once the back-off has passed (made due now instead of waiting 30 s; a job never tried, as a reminder days ahead, keeps its time). */
async function cronRun(where: string, params: unknown[]) {
  await sql(`update public.outbox_jobs set run_after = now() where status = 'pending' and attempts > 0 and ${where}`, params);
  const response = await call(cronRoute, 'POST', '/api/cron/process-outbox', { headers: CRON });
  expect(response.status).toBe(200);
  return json<{ claimed: number; succeeded: number; failed: number; unfinished: number }>(response);
}

let slot = 0;
function bookingBody() {
  const n = slot++;
  return {
    // Inside the guest booking horizon (venue_settings), clear of the dates other tests of this file read.
    date: venueDate(10 + Math.floor(n / 36)),
    startTime: `${String(10 + (Math.floor(n / 3) % 12)).padStart(2, '0')}:00`,
    bay: ['Bay 1', 'Bay 2', 'Bay 3'][n % 3]!,
    duration: 1,
    numberOfPeople: 2,
    customerName: 'Fault Golfer',
    customerEmail: `provider-fault-${n}-${randomSuffix()}@example.test`,
    customerPhone: '0812345678',
  };
}

const mailsTo = (email: string) => stand.smtp.mails.filter((mail) => mail.to.includes(email));
const linePushesAbout = (reference: string) => stand.line.accepted.filter((push) => push.text.includes(reference));
const eventKey = (bay: string, bookingId: string) => `${bay.toLowerCase().replace(' ', '-')}@calendar.example.com/${calendarEventIdFor(bookingId)}`;

async function jobsOf(bookingId: string) {
  return sql<{ kind: string; status: string; attempts: number; failures: number }>(
    `select j.kind, j.status, j.attempts, (select count(*)::int from public.outbox_attempts a where a.job_id = j.id and a.outcome = 'failed') as failures
     from public.outbox_jobs j where j.booking_id = $1 order by j.kind`,
    [bookingId],
  );
}

const kindOf: Record<Provider, string> = { smtp: 'booking_confirmation_email', google: 'calendar_event_create', line: 'staff_line_message' };

describe('a booking made while one provider is down is delivered exactly once after it is back', () => {
  const cases = (['smtp', 'google', 'line'] as const).flatMap((provider) => (['refused', 'error', 'hang', 'lose-reply'] as const).map((fault) => [provider, fault] as const));

  it.each(cases)('%s %s', async (provider, fault) => {
    await takeDown(provider, fault);
    const body = bookingBody();
    const response = await call(createRoute, 'POST', '/api/bookings/create', { body });
    expect(response.status).toBe(200);
    const booking = await json<{ bookingId: string; bookingReference: string; confirmationSent: boolean; calendarEventId: string | null }>(response);
    // The answer tells the truth about what has been delivered so far.
    expect(booking.confirmationSent).toBe(provider !== 'smtp');
    expect(booking.calendarEventId === null).toBe(provider === 'google');
    await attemptsSettled('booking_id = $1', [booking.bookingId]);

    const failedJob = (await jobsOf(booking.bookingId)).find((job) => job.kind === kindOf[provider])!;
    expect(failedJob).toMatchObject({ status: 'pending', attempts: 1, failures: 1 });

    bringBack();
    const run = await cronRun('booking_id = $1', [booking.bookingId]);
    expect(run).toMatchObject({ claimed: 1, succeeded: 1, failed: 0, unfinished: 0 });
    // A second run finds nothing left to do.
    expect((await cronRun('booking_id = $1', [booking.bookingId])).claimed).toBe(0);

    const jobs = await jobsOf(booking.bookingId);
    expect(jobs.map((job) => [job.kind, job.status])).toEqual([
      ['booking_confirmation_email', 'succeeded'],
      ['booking_reminder_email', 'pending'], // due a lead time before the visit
      ['calendar_event_create', 'succeeded'],
      ['staff_line_message', 'succeeded'],
    ]);
    expect(jobs.find((job) => job.kind === kindOf[provider])).toMatchObject({ attempts: 2, failures: 1 });

    const mails = mailsTo(body.customerEmail);
    if (provider === 'smtp' && fault === 'lose-reply') {
      // The server kept the first copy but its reply was lost: SMTP cannot tell, so a second
      // copy goes out, under the same Message-ID, which mail systems use to spot the repeat.
      expect(mails).toHaveLength(2);
      expect(messageIdOf(mails[1]!)).toBe(messageIdOf(mails[0]!));
    } else {
      expect(mails).toHaveLength(1);
    }
    expect(linePushesAbout(booking.bookingReference)).toHaveLength(1);
    const key = eventKey(body.bay, booking.bookingId);
    expect(stand.google.events.has(key)).toBe(true);
    expect(stand.google.inserts.filter((insert) => `${insert.calendarId}/${String(insert.body.id)}` === key && insert.status === 200)).toHaveLength(1);
    if (provider === 'google' && fault === 'lose-reply') {
      // The retry's insert met the event the lost attempt created: 409, read back, done.
      expect(stand.google.inserts.filter((insert) => `${insert.calendarId}/${String(insert.body.id)}` === key).map((insert) => insert.status)).toEqual([200, 409]);
      expect(stand.google.gets.filter((get) => get.key === key)).toEqual([{ key, status: 200 }]);
    }
    if (provider === 'line' && fault === 'lose-reply') {
      // The retry carried the same X-Line-Retry-Key and was answered 409, not delivered again.
      const requests = stand.line.requests.filter((request) => request.body.messages.some((m) => m.text.includes(booking.bookingReference)));
      expect(requests).toHaveLength(2);
      expect(requests[1]!.retryKey).toBe(requests[0]!.retryKey);
    }
  });
});

describe('a slow attempt and its lease', () => {
  it('a hanging provider holds its job: a scheduler run meanwhile claims it not again, and the attempt ends well within the lease', async () => {
    stand.line.mode = 'hang';
    process.env.BOOKING_INLINE_BUDGET_MS = '50';
    const body = bookingBody();
    const { bookingId, bookingReference } = await json<{ bookingId: string; bookingReference: string }>(await call(createRoute, 'POST', '/api/bookings/create', { body }));
    process.env.BOOKING_INLINE_BUDGET_MS = '2000';
    const [running] = await sql<{ status: string; lease_left: number }>(
      `select status, extract(epoch from locked_until - now())::float as lease_left from public.outbox_jobs where booking_id = $1 and kind = 'staff_line_message'`,
      [bookingId],
    );
    expect(running!.status).toBe('running');
    expect(running!.lease_left * 1000).toBeGreaterThan(100 * PROVIDER_TIMEOUT_MS);
    // Even made due by hand, a running job under its lease is not handed out twice.
    await sql(`update public.outbox_jobs set run_after = now() where booking_id = $1 and kind = 'staff_line_message'`, [bookingId]);
    const meanwhile = await call(cronRoute, 'POST', '/api/cron/process-outbox', { headers: CRON });
    expect((await json<{ claimed: number }>(meanwhile)).claimed).toBe(0);
    await attemptsSettled('booking_id = $1', [bookingId]);
    bringBack();
    await cronRun('booking_id = $1', [bookingId]);
    expect(stand.line.requests.filter((request) => request.body.messages.some((m) => m.text.includes(bookingReference)))).toHaveLength(2);
    expect(linePushesAbout(bookingReference)).toHaveLength(1);
  });

  it('a provider timeout longer than the lease allows is refused, visibly on the job', async () => {
    process.env.LINE_TIMEOUT_MS = '60000';
    const body = bookingBody();
    const { bookingId } = await json<{ bookingId: string }>(await call(createRoute, 'POST', '/api/bookings/create', { body }));
    process.env.LINE_TIMEOUT_MS = String(PROVIDER_TIMEOUT_MS);
    await attemptsSettled('booking_id = $1', [bookingId]);
    const [job] = await sql<{ status: string; last_error: string }>(`select status, last_error from public.outbox_jobs where booking_id = $1 and kind = 'staff_line_message'`, [bookingId]);
    expect(job).toMatchObject({ status: 'pending', last_error: expect.stringMatching(/LINE_TIMEOUT_MS must be .* 30000/) });
    await cronRun('booking_id = $1', [bookingId]);
    expect(await jobsOf(bookingId)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'staff_line_message', status: 'succeeded' })]));
  });
});

describe('member changes and system notifications while every provider is down', () => {
  it('a modify and then a cancel, each made while providers are down, each delivered once afterwards', async () => {
    const profileId = await createProfile();
    const headers = { Authorization: `Bearer ${await issueSessionToken(profileId)}` };
    const body = bookingBody();
    const created = await call(createRoute, 'POST', '/api/bookings/create', { body, headers });
    const { bookingId } = await json<{ bookingId: string }>(created);
    const key = eventKey(body.bay, bookingId);
    expect(stand.google.events.has(key)).toBe(true);

    // Modify while SMTP refuses and Google errs: the change email and event update wait.
    await takeDown('smtp', 'refused');
    await takeDown('google', 'error');
    const modified = await call(modifyRoute, 'PUT', `/api/vip/bookings/${bookingId}/modify`, { headers, params: { bookingId }, body: { date: body.date, startTime: '22:00', duration: 1 } });
    expect(modified.status).toBe(200);
    await attemptsSettled('booking_id = $1', [bookingId]);
    bringBack();
    expect(await cronRun('booking_id = $1', [bookingId])).toMatchObject({ claimed: 2, succeeded: 2 });
    expect(mailsTo(body.customerEmail)).toHaveLength(2);
    expect(stand.google.updates.filter((update) => update.key === key && update.status === 200)).toHaveLength(1);
    expect((stand.google.events.get(key) as { start: { dateTime: string } }).start.dateTime).toBe(new Date(`${body.date}T22:00:00+07:00`).toISOString());

    // Cancel while SMTP never greets, and Google deletes the event but its reply is lost.
    await takeDown('smtp', 'hang');
    await takeDown('google', 'lose-reply');
    const cancelled = await call(cancelRoute, 'POST', `/api/vip/bookings/${bookingId}/cancel`, { headers, params: { bookingId }, body: {} });
    expect(cancelled.status).toBe(200);
    await attemptsSettled('booking_id = $1', [bookingId]);
    expect(stand.google.events.has(key)).toBe(false); // deleted, though the app does not know yet
    bringBack();
    expect(await cronRun('booking_id = $1', [bookingId])).toMatchObject({ claimed: 2, succeeded: 2 });
    const mails = mailsTo(body.customerEmail).map((mail) => mail.raw.toString('utf8'));
    expect(mails).toHaveLength(3);
    expect(mails[2]).toMatch(/METHOD[:=]\s*"?CANCEL/);
    // The retried delete found the event gone (410) and counted it as deleted.
    expect(stand.google.deletes.filter((d) => d.key === key)).toEqual([{ key, status: 204 }, { key, status: 410 }]);
    expect(stand.google.events.has(key)).toBe(false);
    const jobs = await jobsOf(bookingId);
    expect(jobs.every((job) => job.status === 'succeeded')).toBe(true);
  });

  it('a change whose calendar update was still in flight when the member cancelled never brings the event back', async () => {
    const profileId = await createProfile();
    const headers = { Authorization: `Bearer ${await issueSessionToken(profileId)}` };
    const body = bookingBody();
    const { bookingId } = await json<{ bookingId: string }>(await call(createRoute, 'POST', '/api/bookings/create', { body, headers }));
    const key = eventKey(body.bay, bookingId);

    // Google takes the update but its reply is lost; the member cancels before the attempt times out.
    stand.google.mode = 'lose-reply';
    process.env.BOOKING_INLINE_BUDGET_MS = '50';
    const modify = await call(modifyRoute, 'PUT', `/api/vip/bookings/${bookingId}/modify`, { headers, params: { bookingId }, body: { date: body.date, startTime: '21:00', duration: 1 } });
    expect(modify.status).toBe(200);
    const cancel = await call(cancelRoute, 'POST', `/api/vip/bookings/${bookingId}/cancel`, { headers, params: { bookingId }, body: {} });
    expect(cancel.status).toBe(200);
    process.env.BOOKING_INLINE_BUDGET_MS = '2000';
    await attemptsSettled('booking_id = $1', [bookingId]);
    bringBack();
    // Whatever order the retries run in, the cancelled booking's event stays deleted.
    await cronRun('booking_id = $1', [bookingId]);
    await cronRun('booking_id = $1', [bookingId]);
    expect(stand.google.events.has(key)).toBe(false);
    const jobs = await jobsOf(bookingId);
    expect(jobs.every((job) => job.status === 'succeeded')).toBe(true);
    expect(mailsTo(body.customerEmail).map((mail) => mail.raw.toString('utf8')).filter((raw) => /METHOD[:=]\s*"?CANCEL/.test(raw))).toHaveLength(1);
  });

  it('system LINE and email notifications queued while LINE loses replies and SMTP refuses arrive once', async () => {
    const groupId = `C${randomBytes(16).toString('hex')}`;
    const to = `system-${randomSuffix()}@example.test`;
    await takeDown('line', 'lose-reply');
    await takeDown('smtp', 'error');
    const system = { Authorization: `Bearer ${SYSTEM_KEY}` };
    const pushed = await call(lineRoute, 'POST', '/api/notifications/line', { headers: system, body: { groupId, message: `Bay 2 projector fixed ${randomSuffix()}` } });
    expect(pushed.status).toBe(202);
    const mailed = await call(emailRoute, 'POST', '/api/notifications/email', {
      headers: system,
      body: { to, subject: 'Hello', template: 'booking_confirmation', data: { bookingReference: 'BK1', customerName: 'A', date: '2026-12-01', startTime: '14:00' } },
    });
    expect(mailed.status).toBe(202);
    const jobIds = [(await json<{ jobId: string }>(pushed)).jobId, (await json<{ jobId: string }>(mailed)).jobId];
    await attemptsSettled('id = any($1::uuid[])', [jobIds]);
    bringBack();
    expect(await cronRun('id = any($1::uuid[])', [jobIds])).toMatchObject({ claimed: 2, succeeded: 2 });
    expect(stand.line.accepted.filter((push) => push.to === groupId)).toHaveLength(1);
    expect(mailsTo(to)).toHaveLength(1);
    const states = await sql<{ status: string; attempts: number }>('select status, attempts from public.outbox_jobs where id = any($1::uuid[])', [jobIds]);
    expect(states).toEqual([
      { status: 'succeeded', attempts: 2 },
      { status: 'succeeded', attempts: 2 },
    ]);
  });
});
