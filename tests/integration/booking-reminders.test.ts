import { randomBytes } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { POST as createRoute } from '@/app/api/bookings/create/route';
import { PUT as manageModifyRoute } from '@/app/api/bookings/manage/modify/route';
import { GET as manageRoute } from '@/app/api/bookings/manage/route';
import { POST as cancelRoute } from '@/app/api/vip/bookings/[bookingId]/cancel/route';
import { PUT as modifyRoute } from '@/app/api/vip/bookings/[bookingId]/modify/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { hashManageToken } from '@/lib/bookings/manage-links';
import { processOutbox } from '@/lib/outbox/process-outbox';
import { createProfile, insertBooking, randomSuffix, venueDate } from '../support/factories';
import { call, json } from '../support/http';
import { startProviderStandIns, type LineStandIn, type ProviderStandIns, type SmtpStandIn } from '../support/provider-stand-ins';
import { sql } from '../support/sql';

/**
 * Reminders before the visit: queued by the booking triggers a lead time before the start,
 * performed by the real outbox worker through nodemailer and the LINE SDK against the
 * stand-ins. Time is controlled as the other outbox tests do: a job is made due by moving its
 * run_after to now, and "the visit has started" by the venue clock (app_private.frozen_clock).
 */
let stand: ProviderStandIns;
let smtp: SmtpStandIn;
let line: LineStandIn;
const LEAD_MS = 180 * 60_000;

beforeAll(async () => {
  stand = await startProviderStandIns({ PUBLIC_BASE_URL: 'https://book.golfbay.test', BOOKING_INLINE_BUDGET_MS: '5000' });
  ({ smtp, line } = stand);
});
afterAll(() => stand.close());
afterEach(async () => {
  smtp.unavailable = false;
  line.mode = 'normal';
  await sql('delete from app_private.frozen_clock');
});

type Job = { id: string; kind: string; status: string; attempts: number; run_after: Date; payload: { bookingId: string; startsAt: string }; result: Record<string, unknown> | null; dedupe_key: string };
const reminders = (bookingId: string) =>
  sql<Job>(`select id, kind, status, attempts, run_after, payload, result, dedupe_key from public.outbox_jobs where booking_id = $1 and kind like 'booking_reminder_%' order by created_at, kind`, [bookingId]);
/** The reminder's due time has come: its run_after moves to now (as the review request tests do). */
const makeDue = (bookingId: string) => sql(`update public.outbox_jobs set run_after = now() where booking_id = $1 and kind like 'booking_reminder_%' and status = 'pending'`, [bookingId]);
/** The reminder emails the SMTP stand-in received for `address`, parsed (Message-ID <reminder-…>). */
async function reminderMailsTo(address: string) {
  const mails = await Promise.all(smtp.mails.filter((mail) => mail.to.includes(address)).map((mail) => simpleParser(mail.raw)));
  return mails.filter((mail) => mail.messageId?.startsWith('<reminder-'));
}
const pushesTo = (lineUserId: string) => line.accepted.filter((push) => push.to === lineUserId);
/** The instant of a venue-local date and time. */
const instant = (date: string, time: string) => new Date(`${date}T${time}:00+07:00`);

let day = 0;
/** A booking made through POST /api/bookings/create (by a member when `headers` are given), on a day of its own. */
async function book(options: { headers?: Record<string, string>; locale?: 'en' | 'th'; date?: string; startTime?: string } = {}) {
  const date = options.date ?? venueDate(5 + day++);
  const startTime = options.startTime ?? '15:00';
  const email = `reminder-${randomSuffix()}@example.test`;
  const response = await call(createRoute, 'POST', '/api/bookings/create', {
    headers: options.headers,
    body: { date, startTime, duration: 1, bay: 'Bay 3', customerName: 'Ann Golfer', customerEmail: email, customerPhone: '0812345678', numberOfPeople: 2, locale: options.locale },
  });
  expect(response.status).toBe(200);
  const { bookingId } = await json<{ bookingId: string }>(response);
  return { bookingId, email, date, startTime };
}

async function member(provider: 'guest' | 'line' = 'guest') {
  let profileId: string;
  let lineUserId: string | undefined;
  if (provider === 'line') {
    lineUserId = `U${randomBytes(16).toString('hex')}`;
    const [row] = await sql<{ id: string }>(`insert into public.profiles (provider, provider_account_id, display_name, email) values ('line', $1, 'Line Golfer', $2) returning id`, [
      lineUserId,
      `line-${randomSuffix()}@example.test`,
    ]);
    profileId = row!.id;
  } else profileId = await createProfile();
  return { profileId, lineUserId, headers: { Authorization: `Bearer ${await issueSessionToken(profileId)}` } };
}

const modify = (headers: Record<string, string>, bookingId: string, body: { date: string; startTime: string; duration: number }) =>
  call(modifyRoute, 'PUT', `/api/vip/bookings/${bookingId}/modify`, { headers, params: { bookingId }, body });

describe('a booking’s reminder', () => {
  it('is queued once, a lead time (3 h) before the start, and emailed once in English with the booking and the manage link', async () => {
    const booking = await book();
    const [job, ...others] = await reminders(booking.bookingId);
    expect(others).toEqual([]); // no LINE account: email only
    expect(job).toMatchObject({ kind: 'booking_reminder_email', status: 'pending', attempts: 0 });
    expect(job!.run_after.getTime()).toBe(instant(booking.date, booking.startTime).getTime() - LEAD_MS);
    // Not due yet: the worker leaves it.
    expect((await processOutbox({ bookingId: booking.bookingId })).claimed).toBe(0);

    await makeDue(booking.bookingId);
    const run = await processOutbox({ bookingId: booking.bookingId });
    expect(run).toMatchObject({ claimed: 1, succeeded: 1, failed: 0 });
    const [mail, ...more] = await reminderMailsTo(booking.email);
    expect(more).toEqual([]);
    expect(mail!.subject).toMatch(/^Reminder: Bay 3, .*, 15:00–16:00 \(BK\w+\)$/);
    expect(mail!.text).toContain('Hello Ann Golfer,');
    expect(mail!.text).toContain('15:00–16:00 (Bangkok time)');
    expect(mail!.html).toContain('15:00–16:00');
    expect((await reminders(booking.bookingId))[0]).toMatchObject({ status: 'succeeded', result: { sent: true, recipient: booking.email } });
    // Its own manage link, issued when it was sent: the token is this booking's, and no payload holds it.
    const token = /https:\/\/book\.golfbay\.test\/book\/manage#t=([0-9a-f]{64})/.exec(mail!.text!)![1]!;
    expect(mail!.html).toContain(`/book/manage#t=${token}`);
    expect(await sql('select booking_id from public.booking_manage_tokens where token_hash = $1', [hashManageToken(token)])).toEqual([{ booking_id: booking.bookingId }]);
    expect(JSON.stringify(await sql('select payload, result from public.outbox_jobs where booking_id = $1', [booking.bookingId]))).not.toContain(token);
    // The link opens the booking (GET /api/bookings/manage, the token as the manage page sends it).
    const opened = await call(manageRoute, 'GET', '/api/bookings/manage', { headers: { 'X-Manage-Token': token } });
    expect(opened.status).toBe(200);
    expect((await json<{ booking: Record<string, unknown> }>(opened)).booking).toMatchObject({ id: booking.bookingId, date: booking.date, startTime: '15:00', status: 'confirmed' });
  });

  it('is delivered exactly once: two workers racing, then a retried run, send one email and one LINE message', async () => {
    const { headers, lineUserId } = await member('line');
    const booking = await book({ headers });
    const jobs = await reminders(booking.bookingId);
    expect(jobs.map((job) => job.kind).sort()).toEqual(['booking_reminder_email', 'booking_reminder_line']);
    await makeDue(booking.bookingId);
    const runs = await Promise.all([processOutbox(), processOutbox(), processOutbox({ bookingId: booking.bookingId })]);
    expect(runs.reduce((sum, run) => sum + run.succeeded, 0)).toBeGreaterThanOrEqual(2);
    // The scheduler runs again, and a stray re-queue of the same reminder is the same job.
    expect((await processOutbox({ bookingId: booking.bookingId })).claimed).toBe(0);
    await sql(`insert into public.outbox_jobs (kind, dedupe_key, booking_id, payload) select kind, dedupe_key, booking_id, payload from public.outbox_jobs where booking_id = $1 and kind like 'booking_reminder_%' on conflict (dedupe_key) do nothing`, [
      booking.bookingId,
    ]);
    expect((await processOutbox({ bookingId: booking.bookingId })).claimed).toBe(0);

    expect(await reminderMailsTo(booking.email)).toHaveLength(1);
    const pushes = pushesTo(lineUserId!);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.text).toMatch(/^Reminder: Bay 3, .*15:00–16:00/);
    expect(pushes[0]!.text).toMatch(/Change or cancel: https:\/\/book\.golfbay\.test\/book\/manage#t=[0-9a-f]{64}$/);
    expect(pushes[0]!.text.length).toBeLessThan(300);
  });

  it('a LINE push whose reply was lost is retried with the same retry key and delivered once', async () => {
    const { headers, lineUserId } = await member('line');
    const booking = await book({ headers });
    await sql(`update public.outbox_jobs set run_after = now() where booking_id = $1 and kind = 'booking_reminder_line'`, [booking.bookingId]);
    line.mode = 'lose-reply';
    process.env.LINE_TIMEOUT_MS = '300';
    try {
      expect(await processOutbox({ bookingId: booking.bookingId })).toMatchObject({ claimed: 1, failed: 1 });
    } finally {
      delete process.env.LINE_TIMEOUT_MS;
      line.mode = 'normal';
    }
    await makeDue(booking.bookingId);
    expect(await processOutbox({ bookingId: booking.bookingId })).toMatchObject({ failed: 0 });
    expect(pushesTo(lineUserId!)).toHaveLength(1);
    const pushed = (await reminders(booking.bookingId)).find((job) => job.kind === 'booking_reminder_line');
    expect(pushed).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('a guest booking that a LINE member claims gets its LINE reminder too; the email one stays one', async () => {
    const booking = await book();
    const { profileId, lineUserId } = await member('line');
    // What claim_guest_booking writes (email-code sign-in): the booking moves into the account.
    await sql('update public.bookings set profile_id = $2 where id = $1', [booking.bookingId, profileId]);
    const jobs = await reminders(booking.bookingId);
    expect(jobs.map((job) => [job.kind, job.status])).toEqual([
      ['booking_reminder_email', 'pending'],
      ['booking_reminder_line', 'pending'],
    ]);
    expect(jobs[1]!.run_after.getTime()).toBe(instant(booking.date, booking.startTime).getTime() - LEAD_MS);
    await makeDue(booking.bookingId);
    await processOutbox({ bookingId: booking.bookingId });
    expect(pushesTo(lineUserId!)).toHaveLength(1);
    expect(await reminderMailsTo(booking.email)).toHaveLength(1);
  });

  it('is never sent for a cancelled booking, even when it was due', async () => {
    const { headers, lineUserId } = await member('line');
    const booking = await book({ headers });
    await makeDue(booking.bookingId);
    const response = await call(cancelRoute, 'POST', `/api/vip/bookings/${booking.bookingId}/cancel`, { headers, params: { bookingId: booking.bookingId }, body: { cancellationReason: 'Rain' } });
    expect(response.status).toBe(200);
    await processOutbox({ bookingId: booking.bookingId });
    expect(await reminderMailsTo(booking.email)).toEqual([]);
    expect(pushesTo(lineUserId!)).toEqual([]);
    const jobs = await reminders(booking.bookingId);
    expect(jobs).toHaveLength(2);
    for (const job of jobs) expect(job).toMatchObject({ status: 'succeeded', result: { skipped: 'booking cancelled' } });

    // Cancelled by another path (no moot sweep of its own): the worker still skips it.
    const other = await insertBooking({ bay: 'Bay 1', date: venueDate(40), startTime: '12:00' });
    await sql(`update public.bookings set status = 'cancelled', cancelled_at = now() where id = $1`, [other]);
    await makeDue(other);
    await processOutbox({ bookingId: other });
    expect((await reminders(other))[0]).toMatchObject({ status: 'succeeded', result: { skipped: 'booking cancelled' } });
    // A booking made cancelled (or made in the past) gets none.
    const neverLive = await insertBooking({ bay: 'Bay 1', date: venueDate(41), startTime: '12:00', status: 'cancelled' });
    const past = await insertBooking({ bay: 'Bay 1', date: venueDate(-1), startTime: '12:00' });
    expect([...(await reminders(neverLive)), ...(await reminders(past))]).toEqual([]);
  });

  it('moved after it was queued: the pending reminder follows the booking and is sent at the new time with the new times', async () => {
    const { headers } = await member();
    const booking = await book({ headers });
    const [queued] = await reminders(booking.bookingId);
    const newDate = venueDate(60);
    expect((await modify(headers, booking.bookingId, { date: newDate, startTime: '19:00', duration: 2 })).status).toBe(200);
    const [moved, ...none] = await reminders(booking.bookingId);
    expect(none).toEqual([]);
    expect(moved).toMatchObject({ id: queued!.id, status: 'pending', attempts: 0 });
    expect(moved!.run_after.getTime()).toBe(instant(newDate, '19:00').getTime() - LEAD_MS);
    expect(new Date(moved!.payload.startsAt).getTime()).toBe(instant(newDate, '19:00').getTime());
    // At the old time nothing is due.
    expect((await processOutbox({ bookingId: booking.bookingId })).claimed).toBe(0);
    expect(await reminderMailsTo(booking.email)).toEqual([]);

    await makeDue(booking.bookingId);
    await processOutbox({ bookingId: booking.bookingId });
    const mails = await reminderMailsTo(booking.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('19:00–21:00');
    expect(mails[0]!.text).toContain('19:00–21:00');
    expect(mails[0]!.text).not.toContain('15:00');
  });

  it('moved through the manage link it carried: the next reminder names the new time', async () => {
    const booking = await book();
    await makeDue(booking.bookingId);
    await processOutbox({ bookingId: booking.bookingId });
    const [first] = await reminderMailsTo(booking.email);
    const token = /\/book\/manage#t=([0-9a-f]{64})/.exec(first!.text!)![1]!;
    const newDate = venueDate(45);
    const moved = await call(manageModifyRoute, 'PUT', '/api/bookings/manage/modify', { headers: { 'X-Manage-Token': token }, body: { date: newDate, startTime: '12:00', duration: 1 } });
    expect(moved.status).toBe(200);
    const [, next] = await reminders(booking.bookingId);
    expect(next).toMatchObject({ status: 'pending', attempts: 0 });
    expect(next!.run_after.getTime()).toBe(instant(newDate, '12:00').getTime() - LEAD_MS);
    await makeDue(booking.bookingId);
    await processOutbox({ bookingId: booking.bookingId });
    const mails = await reminderMailsTo(booking.email);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.text).toContain('12:00–13:00');
  });

  it('moved after it was sent: a later day gets a reminder of its own; a move within the lead time gets none (the change email says it)', async () => {
    const { headers } = await member();
    const booking = await book({ headers });
    await makeDue(booking.bookingId);
    await processOutbox({ bookingId: booking.bookingId });
    expect(await reminderMailsTo(booking.email)).toHaveLength(1);

    const laterDay = venueDate(61);
    expect((await modify(headers, booking.bookingId, { date: laterDay, startTime: '13:00', duration: 1 })).status).toBe(200);
    const jobs = await reminders(booking.bookingId);
    expect(jobs.map((job) => job.status)).toEqual(['succeeded', 'pending']);
    expect(jobs[1]!.run_after.getTime()).toBe(instant(laterDay, '13:00').getTime() - LEAD_MS);
    await makeDue(booking.bookingId);
    await processOutbox({ bookingId: booking.bookingId });
    const mails = await reminderMailsTo(booking.email);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.text).toContain('13:00–14:00');
    expect(mails[1]!.messageId).not.toBe(mails[0]!.messageId);

    // On that day at 09:00, a move to 11:00 is inside the lead time.
    await sql(`insert into app_private.frozen_clock (frozen_at) values ($1)`, [instant(laterDay, '09:00')]);
    expect((await modify(headers, booking.bookingId, { date: laterDay, startTime: '11:00', duration: 1 })).status).toBe(200);
    expect((await reminders(booking.bookingId)).map((job) => job.status)).toEqual(['succeeded', 'succeeded']);
    expect(await reminderMailsTo(booking.email)).toHaveLength(2);
  });

  it('a pending reminder of a booking moved to within the lead time is dropped, never sent late', async () => {
    const { headers } = await member();
    const booking = await book({ headers });
    await sql(`insert into app_private.frozen_clock (frozen_at) values ($1)`, [instant(booking.date, '09:00')]);
    expect((await modify(headers, booking.bookingId, { date: booking.date, startTime: '11:00', duration: 1 })).status).toBe(200);
    const [job, ...none] = await reminders(booking.bookingId);
    expect(none).toEqual([]);
    expect(job).toMatchObject({ status: 'succeeded', attempts: 0, result: { skipped: 'Moved to within the reminder lead time' } });
    await makeDue(booking.bookingId);
    await processOutbox({ bookingId: booking.bookingId });
    expect(await reminderMailsTo(booking.email)).toEqual([]);
  });

  it('the provider is down at the due time: retried later and delivered once', async () => {
    const booking = await book();
    await makeDue(booking.bookingId);
    smtp.unavailable = true;
    expect(await processOutbox({ bookingId: booking.bookingId })).toMatchObject({ claimed: 1, failed: 1 });
    const [failed] = await reminders(booking.bookingId);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed!.run_after.getTime()).toBeGreaterThan(Date.now()); // back-off
    expect(await reminderMailsTo(booking.email)).toEqual([]);

    smtp.unavailable = false;
    await makeDue(booking.bookingId);
    expect(await processOutbox({ bookingId: booking.bookingId })).toMatchObject({ claimed: 1, succeeded: 1 });
    await makeDue(booking.bookingId);
    expect((await processOutbox({ bookingId: booking.bookingId })).claimed).toBe(0);
    expect(await reminderMailsTo(booking.email)).toHaveLength(1);
    const attempts = await sql<{ outcome: string }>('select outcome from public.outbox_attempts where job_id = $1 order by attempt', [failed!.id]);
    expect(attempts.map((a) => a.outcome)).toEqual(['failed', 'succeeded']);
  });

  it('a Thai booking gets the Thai text, by email and LINE', async () => {
    const { headers, lineUserId } = await member('line');
    const booking = await book({ headers, locale: 'th' });
    await makeDue(booking.bookingId);
    await processOutbox({ bookingId: booking.bookingId });
    const [mail] = await reminderMailsTo(booking.email);
    expect(mail!.subject).toMatch(/^แจ้งเตือนการจอง: เบย์ 3 .*25\d\d, 15:00–16:00 น\./); // Buddhist year
    expect(mail!.text).toContain('สวัสดีคุณ Ann Golfer');
    expect(mail!.text).toContain('จัดการการจองของคุณได้ที่');
    const [push] = pushesTo(lineUserId!);
    expect(push!.text).toMatch(/^แจ้งเตือน: เบย์ 3 .*15:00–16:00 น\./);
    expect(push!.text).toContain('เปลี่ยนหรือยกเลิก');
    expect(push!.text).toContain('ที่ Golf Bay Bangkok');
  });

  it('is not sent once the visit has started (held up until then, it is stale)', async () => {
    const booking = await book();
    await makeDue(booking.bookingId);
    smtp.unavailable = true;
    await processOutbox({ bookingId: booking.bookingId });
    smtp.unavailable = false;
    // The outage lasted past the start.
    await sql(`insert into app_private.frozen_clock (frozen_at) values ($1)`, [new Date(instant(booking.date, booking.startTime).getTime() + 60_000)]);
    await makeDue(booking.bookingId);
    expect(await processOutbox({ bookingId: booking.bookingId })).toMatchObject({ claimed: 1, succeeded: 1 });
    expect(await reminderMailsTo(booking.email)).toEqual([]);
    expect((await reminders(booking.bookingId))[0]).toMatchObject({ status: 'succeeded', result: { sent: false, skipped: 'The visit has started' } });
  });

  it('takes its lead time from the venue settings; a changed lead re-times the reminders not yet sent', async () => {
    const booking = await book();
    const start = instant(booking.date, booking.startTime).getTime();
    try {
      await sql('update public.venue_settings set reminder_lead_minutes = 24 * 60');
      expect((await reminders(booking.bookingId))[0]!.run_after.getTime()).toBe(start - 24 * 60 * 60_000);
      const later = await book();
      expect((await reminders(later.bookingId))[0]!.run_after.getTime()).toBe(instant(later.date, later.startTime).getTime() - 24 * 60 * 60_000);
    } finally {
      await sql('update public.venue_settings set reminder_lead_minutes = 180');
    }
    expect((await reminders(booking.bookingId))[0]!.run_after.getTime()).toBe(start - LEAD_MS);
  });

  it('a booking made within the lead time gets no reminder (its confirmation is that reminder)', async () => {
    const date = venueDate(70);
    await sql(`insert into app_private.frozen_clock (frozen_at) values ($1)`, [new Date(instant(date, '15:00').getTime() - LEAD_MS + 60_000)]);
    const inside = await insertBooking({ bay: 'Bay 2', date, startTime: '15:00' });
    const outside = await insertBooking({ bay: 'Bay 2', date, startTime: '18:30' });
    expect(await reminders(inside)).toEqual([]);
    expect(await reminders(outside)).toHaveLength(1);
  });
});
