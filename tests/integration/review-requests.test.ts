import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as processGet, POST as processRoute } from '@/app/api/notifications/process-review-requests/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { createProfile, insertBooking, randomSuffix, venueDate } from '../support/factories';
import { call, json } from '../support/http';
import { startProviderStandIns, type LineStandIn, type ProviderStandIns, type SmtpStandIn } from '../support/provider-stand-ins';
import { sql } from '../support/sql';

/** Review requests: queued by the cron run after a booking ends, sent once, by LINE or email. */
let stand: ProviderStandIns;
let smtp: SmtpStandIn;
let line: LineStandIn;
const cron = { Authorization: 'Bearer review-cron-secret' };

beforeAll(async () => {
  stand = await startProviderStandIns({ CRON_SECRET: 'review-cron-secret', REVIEW_REQUEST_DELAY_MINUTES: '60', REVIEW_REQUEST_MAX_AGE_HOURS: '240', PUBLIC_BASE_URL: 'https://book.golfbay.test' });
  ({ smtp, line } = stand);
});
afterAll(() => stand.close());
beforeEach(() => {
  smtp.reject.rcpt = false;
  line.mode = 'normal';
});

let slot = 0;
/** A booking that ended in the past (each in its own hour), mailed to its own address. */
async function pastBooking(options: { profileId?: string; daysAgo?: number; status?: 'confirmed' | 'cancelled'; locale?: 'en' | 'th' } = {}) {
  const index = slot++;
  const date = venueDate(-(options.daysAgo ?? 2) - Math.floor(index / 12));
  const startTime = `${String(8 + (index % 12)).padStart(2, '0')}:00`;
  const bookingId = await insertBooking({ bay: 'Bay 3', date, startTime, status: options.status, profileId: options.profileId ?? null });
  const email = `review-${randomSuffix()}@example.test`;
  await sql('update public.bookings set customer_email = $2, customer_name = $3, locale = $4 where id = $1', [bookingId, email, 'Ann Golfer', options.locale ?? 'en']);
  return { bookingId, email, date, startTime };
}

async function lineProfile(): Promise<{ profileId: string; lineUserId: string }> {
  const lineUserId = `U${randomBytes(16).toString('hex')}`;
  const [row] = await sql<{ id: string }>(
    // A member who said yes to marketing (opt-in since migration 20261202004100): review requests are marketing mail.
    `insert into public.profiles (provider, provider_account_id, display_name, email, marketing_preference) values ('line', $1, 'Line Golfer', $2, true) returning id`,
    [lineUserId, `line-${randomSuffix()}@example.test`],
  );
  return { profileId: row!.id, lineUserId };
}

const mailsTo = (address: string) => smtp.mails.filter((mail) => mail.to.includes(address)).map((mail) => mail.raw.toString('utf8'));
type Run = { processed: number; sent: number; skipped: number; failed: number; errors: Array<{ bookingId: string; error: string }> };
const runCron = async () => {
  const response = await call(processRoute, 'POST', '/api/notifications/process-review-requests', { headers: cron });
  expect(response.status).toBe(200);
  return json<Run>(response);
};
/** Back-off made due now, as if its time had passed. */
const makeDue = (bookingId: string) => sql(`update public.outbox_jobs set run_after = now() where kind = 'review_request' and booking_id = $1`, [bookingId]);

describe('POST /api/notifications/process-review-requests', () => {
  it('refuses a missing or wrong credential and a member session (401: a cron route tests only the cron secret)', async () => {
    const token = await issueSessionToken(await createProfile());
    const headerSets: Array<Record<string, string>> = [{}, { Authorization: 'Bearer wrong' }, { Authorization: 'Bearer ' + (process.env.SYSTEM_API_KEY ?? 'x') }];
    for (const headers of headerSets) {
      const response = await call(processRoute, 'POST', '/api/notifications/process-review-requests', { headers });
      expect(response.status).toBe(401);
      expect((await json(response)).code).toBe('AUTH_REQUIRED');
    }
    const member = await call(processRoute, 'POST', '/api/notifications/process-review-requests', { headers: { Authorization: `Bearer ${token}` } });
    expect(member.status).toBe(401);
    expect((await json(member)).code).toBe('AUTH_REQUIRED');
    expect((await call(processGet, 'GET', '/api/notifications/process-review-requests', { headers: cron })).status).toBe(200);
  });

  it('emails a completed booking’s customer once (venue-local time, plain text, preferences link) and LINEs a LINE member', async () => {
    const byEmail = await pastBooking({ locale: 'en' });
    const { profileId, lineUserId } = await lineProfile();
    const byLine = await pastBooking({ profileId });
    const thai = await pastBooking({ locale: 'th' });
    const run = await runCron();
    expect(run.sent).toBeGreaterThanOrEqual(3);
    expect(run.failed).toBe(0);

    const [mail] = mailsTo(byEmail.email);
    expect(mailsTo(byEmail.email)).toHaveLength(1);
    expect(mail).toMatch(/Subject: How was your visit to Golf Bay Bangkok\?/);
    expect(mail).toMatch(/Content-Type: text\/plain/);
    expect(mail).toMatch(/Content-Type: text\/html/);
    expect(mail).toContain(`${byEmail.startTime}=E2=80=93`); // quoted-printable "14:00–"
    expect(mail).toMatch(/https:\/\/book\.golfbay\.test\/vip\/profile/);
    expect(mail).toMatch(/List-Unsubscribe: <https:\/\/book\.golfbay\.test\/vip\/profile>/);

    expect(mailsTo(thai.email)).toHaveLength(1);
    expect(mailsTo(thai.email)[0]).toMatch(/Subject: =\?UTF-8\?/); // Thai subject, encoded

    const pushes = line.accepted.filter((message) => message.to === lineUserId);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.text).toContain('Ann Golfer');
    expect(pushes[0]!.text).toContain(`${byLine.startTime}–`);
    expect(pushes[0]!.text.length).toBeLessThanOrEqual(5000);
    expect(mailsTo(byLine.email)).toHaveLength(0);

    // Nothing is sent twice.
    const again = await runCron();
    expect(again.sent).toBe(0);
    expect(mailsTo(byEmail.email)).toHaveLength(1);
    expect(line.accepted.filter((message) => message.to === lineUserId)).toHaveLength(1);
  });

  it('does not ask for cancelled bookings, opted-out customers, bookings not yet due or too old', async () => {
    const cancelled = await pastBooking({ status: 'cancelled' });
    const optedOutProfile = await createProfile();
    await sql('update public.profiles set marketing_preference = false where id = $1', [optedOutProfile]);
    const optedOut = await pastBooking({ profileId: optedOutProfile });
    const tooOld = await pastBooking({ daysAgo: 30 });
    const notYet = await insertBooking({ bay: 'Bay 2', date: venueDate(3), startTime: '12:00' });
    // Queued while allowed, then the customer opts out: skipped when it runs.
    const laterOptOut = await createProfile();
    const queued = await pastBooking({ profileId: laterOptOut });
    await sql(`insert into public.outbox_jobs (kind, dedupe_key, booking_id, payload, run_after) values ('review_request', $1, $2, $3, now() + interval '1 hour')`, [
      `review_request:${queued.bookingId}`,
      queued.bookingId,
      JSON.stringify({ bookingId: queued.bookingId }),
    ]);
    await sql('update public.profiles set marketing_preference = false where id = $1', [laterOptOut]);
    await makeDue(queued.bookingId);

    const run = await runCron();
    expect(run.skipped).toBeGreaterThanOrEqual(1);
    for (const booking of [cancelled, optedOut, tooOld, queued]) expect(mailsTo(booking.email)).toHaveLength(0);
    const jobs = await sql<{ booking_id: string }>(`select booking_id from public.outbox_jobs where kind = 'review_request' and booking_id = any($1)`, [
      [cancelled.bookingId, optedOut.bookingId, tooOld.bookingId, notYet],
    ]);
    expect(jobs).toEqual([]);
  });

  it('two concurrent runs send each due request exactly once', async () => {
    const bookings = await Promise.all(Array.from({ length: 8 }, () => pastBooking()));
    const [a, b] = await Promise.all([runCron(), runCron()]);
    expect(a.sent + b.sent).toBeGreaterThanOrEqual(8);
    for (const booking of bookings) expect(mailsTo(booking.email)).toHaveLength(1);
    const rows = await sql<{ n: string }>(`select count(*) as n from public.outbox_jobs where kind = 'review_request' and booking_id = any($1)`, [bookings.map((x) => x.bookingId)]);
    expect(Number(rows[0]!.n)).toBe(8);
  });

  it('retries when SMTP refuses or LINE fails, reports failed/errors, and delivers once they recover', async () => {
    const byEmail = await pastBooking();
    const { profileId, lineUserId } = await lineProfile();
    const byLine = await pastBooking({ profileId });
    smtp.reject.rcpt = true;
    line.mode = 'error';
    const failing = await runCron();
    expect(failing.failed).toBeGreaterThanOrEqual(2);
    expect(failing.errors.map((e) => e.bookingId)).toEqual(expect.arrayContaining([byEmail.bookingId, byLine.bookingId]));
    expect(failing.errors.find((e) => e.bookingId === byEmail.bookingId)!.error).toMatch(/SMTP|not sent|Mailbox/);
    expect(mailsTo(byEmail.email)).toHaveLength(0);

    // Still failing on the next due run.
    await makeDue(byEmail.bookingId);
    await makeDue(byLine.bookingId);
    expect((await runCron()).failed).toBeGreaterThanOrEqual(2);

    // Not due yet (back-off): a run now sends nothing.
    smtp.reject.rcpt = false;
    line.mode = 'normal';
    expect((await runCron()).sent).toBe(0);
    await makeDue(byEmail.bookingId);
    await makeDue(byLine.bookingId);
    const recovered = await runCron();
    expect(recovered.sent).toBe(2);
    expect(recovered.failed).toBe(0);
    expect(mailsTo(byEmail.email)).toHaveLength(1);
    expect(line.accepted.filter((m) => m.to === lineUserId)).toHaveLength(1);
    const [job] = await sql<{ status: string; attempts: number }>(`select status, attempts from public.outbox_jobs where kind = 'review_request' and booking_id = $1`, [byEmail.bookingId]);
    expect(job).toEqual({ status: 'succeeded', attempts: 3 });
  });
});
