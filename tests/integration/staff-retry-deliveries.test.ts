import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as createRoute } from '@/app/api/bookings/create/route';
import { POST as retryRoute } from '@/app/api/staff/bookings/[bookingId]/deliveries/retry/route';
import { randomSuffix, venueDate } from '../support/factories';
import { call, json } from '../support/http';
import { startProviderStandIns, unusedPort, type ProviderStandIns } from '../support/provider-stand-ins';
import { sql, sqlAs } from '../support/sql';
import { createStaffMember, emailSession, type StaffFixture } from '../support/staff';

/**
 * Issue 16: the front desk retries a booking's failing deliveries from the day sheet
 * (POST /api/staff/bookings/{bookingId}/deliveries/retry): only that booking's failed jobs,
 * tried now through the real SMTP client against a local stand-in, audited; nobody but staff.
 */
let stand: ProviderStandIns;
let desk: StaffFixture;

beforeAll(async () => {
  stand = await startProviderStandIns();
  desk = await createStaffMember('staff', 'Som (desk)');
});
afterAll(() => stand.close());

const retry = (bookingId: string, headers: Record<string, string> = desk.headers) =>
  call(retryRoute, 'POST', `/api/staff/bookings/${bookingId}/deliveries/retry`, { headers, params: { bookingId } });

interface Job { id: string; kind: string; status: string; attempts: number; run_after: string; last_error: string | null }
const jobsOf = (bookingId: string) =>
  sql<Job>(`select id, kind, status, attempts, run_after::text, last_error from public.outbox_jobs where booking_id = $1 order by kind, id`, [bookingId]);
const emailJob = async (bookingId: string) => (await jobsOf(bookingId)).find((job) => job.kind === 'booking_confirmation_email')!;
const mailsTo = (address: string) => stand.smtp.mails.filter((mail) => mail.to.includes(address));

/** A booking whose confirmation email failed: the SMTP server refused while it was booked. */
async function bookingWithFailedEmail(startTime: string) {
  const email = `retry-${randomSuffix()}@example.test`;
  const working = process.env.SMTP_URL;
  process.env.SMTP_URL = `smtp://127.0.0.1:${await unusedPort()}`;
  try {
    const response = await call(createRoute, 'POST', '/api/bookings/create', {
      body: { date: venueDate(36), startTime, duration: 1, customerName: 'Retry Tester', customerEmail: email, customerPhone: '+66 81 234 5678', numberOfPeople: 2 },
    });
    expect(response.status).toBe(200);
    const { bookingId } = await json<{ bookingId: string }>(response);
    expect(await emailJob(bookingId)).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.any(String) });
    return { bookingId, email };
  } finally {
    process.env.SMTP_URL = working;
  }
}

describe("the desk retries a booking's failing deliveries", () => {
  it("staff retry one booking's failed jobs (a given-up one too): sent now, audited; another booking's jobs untouched", async () => {
    const mine = await bookingWithFailedEmail('13:00');
    const other = await bookingWithFailedEmail('14:00');
    // Mine was given up after its attempts (still retryable); the other waits out its back-off.
    await sql(`update public.outbox_jobs set status = 'failed', max_attempts = attempts where id = $1`, [(await emailJob(mine.bookingId)).id]);
    const otherBefore = await jobsOf(other.bookingId);

    const response = await retry(mine.bookingId);
    expect(response.status).toBe(200);
    const body = await json<{ bookingId: string; jobs: Array<{ jobId: string; kind: string; status: string; attempts: number }> }>(response);
    expect(body).toEqual({ bookingId: mine.bookingId, jobs: [{ jobId: expect.any(String), kind: 'booking_confirmation_email', status: 'sent', attempts: 2 }] });
    expect(mailsTo(mine.email)).toHaveLength(1);
    expect(await emailJob(mine.bookingId)).toMatchObject({ status: 'succeeded', attempts: 2 });

    // The other booking's failing email is exactly as it was: not retried, not sent.
    expect(await jobsOf(other.bookingId)).toEqual(otherBefore);
    expect(mailsTo(other.email)).toHaveLength(0);

    const audit = await sql<{ booking_id: string; staff_member_id: string; staff_email: string; job_ids: string[] }>(
      'select booking_id, staff_member_id, staff_email, job_ids from public.booking_delivery_retries where booking_id = any($1::uuid[])',
      [[mine.bookingId, other.bookingId]],
    );
    expect(audit).toEqual([{ booking_id: mine.bookingId, staff_member_id: desk.memberId, staff_email: desk.email, job_ids: [body.jobs[0]!.jobId] }]);

    // Nothing failing any more: nothing retried, nothing audited.
    const again = await retry(mine.bookingId);
    expect(await json(again)).toEqual({ bookingId: mine.bookingId, jobs: [] });
    expect(await sql('select 1 from public.booking_delivery_retries where booking_id = $1', [mine.bookingId])).toHaveLength(1);
  });

  it('a customer, a typed staff email and no credential are refused, and nothing is retried', async () => {
    const target = await bookingWithFailedEmail('15:00');
    const before = await jobsOf(target.bookingId);
    const customer = await emailSession(`customer-${randomSuffix()}@example.test`);
    const typed = await emailSession(desk.email, { verified: false });
    for (const [headers, status] of [
      [{ Authorization: `Bearer ${customer.token}` }, 403],
      [{ Authorization: `Bearer ${typed.token}` }, 403],
      [{}, 401],
    ] as const) {
      const response = await retry(target.bookingId, headers);
      expect(response.status, JSON.stringify(headers)).toBe(status);
      expect((await json(response)).code).toBe(status === 401 ? 'AUTH_REQUIRED' : 'FORBIDDEN');
    }
    expect(await jobsOf(target.bookingId)).toEqual(before);
    expect(mailsTo(target.email)).toHaveLength(0);
    expect(await sql('select 1 from public.booking_delivery_retries where booking_id = $1', [target.bookingId])).toHaveLength(0);
  });

  it('an unknown booking is 404, a malformed id 400; the trail is append-only for every API role', async () => {
    const unknown = await retry('00000000-0000-4000-8000-000000000000');
    expect([unknown.status, (await json(unknown)).code]).toEqual([404, 'BOOKING_NOT_FOUND']);
    const malformed = await retry('not-a-uuid');
    expect([malformed.status, (await json(malformed)).code]).toEqual([400, 'VALIDATION_ERROR']);
    for (const statement of ["update public.booking_delivery_retries set staff_email = 'forged@x.y'", 'delete from public.booking_delivery_retries', 'truncate public.booking_delivery_retries']) {
      await expect(sqlAs('service_role', {}, statement), statement).rejects.toMatchObject({ code: '42501' });
    }
  });
});
