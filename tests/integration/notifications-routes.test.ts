import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as calendarRetryRoute } from '@/app/api/admin/calendar-retry/route';
import { POST as retryJobRoute } from '@/app/api/admin/outbox-jobs/[jobId]/retry/route';
import { rpc, serviceCaller } from '@/lib/db';
import { POST as emailCancellationRoute } from '@/app/api/notifications/email/cancellation/route';
import { POST as emailRoute } from '@/app/api/notifications/email/route';
import { POST as lineReviewRoute } from '@/app/api/notifications/line/review-request/route';
import { POST as lineRoute } from '@/app/api/notifications/line/route';
import { POST as processReviewRoute } from '@/app/api/notifications/process-review-requests/route';
import { POST as scheduleReviewRoute } from '@/app/api/notifications/schedule-review-request/route';
import { POST as sendReviewRoute } from '@/app/api/notifications/send-review-request/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { calendarEventIdFor } from '@/lib/notifications/compose/booking-ids';
import { processOutbox } from '@/lib/outbox/process-outbox';
import { createProfile, insertBooking, randomSuffix, venueDate } from '../support/factories';
import { call, json } from '../support/http';
import { startProviderStandIns, type GoogleStandIn, type LineStandIn, type ProviderStandIns, type SmtpStandIn } from '../support/provider-stand-ins';
import { sql } from '../support/sql';
import { createStaffMember } from '../support/staff';

/** The system notification routes and the admin calendar retry, with the real SDKs against stand-ins. */
let stand: ProviderStandIns;
let smtp: SmtpStandIn;
let line: LineStandIn;
let google: GoogleStandIn;
const system = { Authorization: 'Bearer system-key-for-tests' };
const cron = { Authorization: 'Bearer cron-secret-for-tests' };

beforeAll(async () => {
  stand = await startProviderStandIns({
    SYSTEM_API_KEY: 'system-key-for-tests',
    CRON_SECRET: 'cron-secret-for-tests',
    ADMIN_API_KEY: 'admin-key-for-tests',
    PUBLIC_BASE_URL: 'https://book.golfbay.test',
  });
  ({ smtp, line, google } = stand);
});
afterAll(() => stand.close());
beforeEach(() => {
  smtp.reject.rcpt = false;
  line.mode = 'normal';
});

type RouteHandler = (request: Request) => Promise<Response>;
const mailsTo = (address: string) => smtp.mails.filter((mail) => mail.to.includes(address)).map((mail) => mail.raw.toString('utf8'));
const newEmail = () => `notify-${randomSuffix()}@example.test`;
const lineUser = () => `U${randomBytes(16).toString('hex')}`;

let slot = 0;
async function booking(options: { status?: 'confirmed' | 'cancelled'; past?: boolean } = {}) {
  const index = slot++;
  const date = options.past ? venueDate(-2 - Math.floor(index / 12)) : venueDate(20 + Math.floor(index / 12));
  const bookingId = await insertBooking({ bay: 'Bay 1', date, startTime: `${String(8 + (index % 12)).padStart(2, '0')}:00`, status: options.status });
  const email = newEmail();
  await sql('update public.bookings set customer_email = $2, customer_name = $3 where id = $1', [bookingId, email, 'Nok Golfer']);
  return { bookingId, email, date };
}

const systemRoutes: Array<[string, RouteHandler, Record<string, unknown>]> = [
  ['/api/notifications/line', lineRoute, { groupId: 'Cgroup1', message: 'Hello', type: 'booking_created' }],
  [
    '/api/notifications/email',
    emailRoute,
    { to: 'a@example.test', subject: 'Hi', template: 'booking_confirmation', data: { bookingReference: 'BK1', customerName: 'A', date: '2026-12-01', startTime: '14:00' } },
  ],
  ['/api/notifications/email/cancellation', emailCancellationRoute, { bookingId: '00000000-0000-4000-8000-000000000000' }],
  ['/api/notifications/schedule-review-request', scheduleReviewRoute, { bookingId: '00000000-0000-4000-8000-000000000000' }],
  ['/api/notifications/send-review-request', sendReviewRoute, { bookingId: '00000000-0000-4000-8000-000000000000' }],
  ['/api/notifications/line/review-request', lineReviewRoute, { bookingId: '00000000-0000-4000-8000-000000000000', lineUserId: 'U1' }],
];

describe('credentials', () => {
  it('every system route refuses a missing or wrong key, the cron secret and a member session (401: it tests only the system key), and sends nothing', async () => {
    const member = { Authorization: `Bearer ${await issueSessionToken(await createProfile())}` };
    const before = { mails: smtp.mails.length, pushes: line.requests.length };
    for (const [path, handler, body] of systemRoutes) {
      for (const headers of [{}, { Authorization: 'Bearer nope' }, { Authorization: 'system-key-for-tests' }] as Record<string, string>[]) {
        const response = await call(handler, 'POST', path, { headers, body });
        expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect((await json(response)).code).toBe('AUTH_REQUIRED');
      }
      // Valid credentials of another kind are no system key: the route never tests them (401).
      for (const headers of [cron, member]) {
        const response = await call(handler, 'POST', path, { headers, body });
        expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect((await json(response)).code).toBe('AUTH_REQUIRED');
      }
    }
    expect((await call(processReviewRoute, 'POST', '/api/notifications/process-review-requests', { headers: system })).status).toBe(401);
    expect(smtp.mails.length).toBe(before.mails);
    expect(line.requests.length).toBe(before.pushes);
  });

  it('calendar-retry: 401 for nobody, a wrong key or the system key; 403 for a customer and non-admin staff', async () => {
    const { bookingId } = await booking();
    const body = { operationType: 'create', bookingId };
    expect((await call(calendarRetryRoute, 'POST', '/api/admin/calendar-retry', { body })).status).toBe(401);
    expect((await call(calendarRetryRoute, 'POST', '/api/admin/calendar-retry', { body, headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await call(calendarRetryRoute, 'POST', '/api/admin/calendar-retry', { body, headers: system })).status).toBe(401);
    const customer = { Authorization: `Bearer ${await issueSessionToken(await createProfile())}` };
    const staff = (await createStaffMember('staff')).headers;
    for (const headers of [customer, staff]) {
      const response = await call(calendarRetryRoute, 'POST', '/api/admin/calendar-retry', { body, headers });
      expect(response.status).toBe(403);
      expect((await json(response)).code).toBe('FORBIDDEN');
    }
  });
});

describe('bad bodies are 400 with field messages, never 500', () => {
  const bad: Array<[string, RouteHandler, unknown, string]> = [
    ['/api/notifications/line', lineRoute, { message: 'x' }, 'groupId'],
    ['/api/notifications/line', lineRoute, { groupId: 'C1', message: 'x'.repeat(5001) }, 'message'],
    ['/api/notifications/line', lineRoute, '{not json', 'body'],
    ['/api/notifications/email', emailRoute, { to: 'nobody', subject: 'x', template: 'booking_confirmation', data: {} }, 'to'],
    ['/api/notifications/email', emailRoute, { to: 'a@example.test', subject: 'x', template: 'newsletter', data: {} }, 'template'],
    ['/api/notifications/email', emailRoute, { to: 'a@example.test', subject: 'x', template: 'booking_confirmation', data: { customerName: 'A', date: '1 Dec', startTime: '14:00' } }, 'bookingReference'],
    ['/api/notifications/email', emailRoute, [], 'body'],
    ['/api/notifications/email/cancellation', emailCancellationRoute, { bookingId: 'booking-uuid-123' }, 'bookingId'],
    ['/api/notifications/email/cancellation', emailCancellationRoute, { bookingId: '00000000-0000-4000-8000-000000000000', customerEmail: 'x' }, 'customerEmail'],
    ['/api/notifications/schedule-review-request', scheduleReviewRoute, { bookingId: '00000000-0000-4000-8000-000000000000', scheduledTime: 'tomorrow' }, 'scheduledTime'],
    ['/api/notifications/send-review-request', sendReviewRoute, { bookingId: '00000000-0000-4000-8000-000000000000', deliveryMethod: 'sms' }, 'deliveryMethod'],
    ['/api/notifications/line/review-request', lineReviewRoute, { bookingId: '00000000-0000-4000-8000-000000000000' }, 'lineUserId'],
  ];
  it.each(bad)('%s -> 400 on %$3s', async (path, handler, body, field) => {
    const response = await call(handler, 'POST', path, { headers: system, body });
    expect(response.status).toBe(400);
    const answer = await json<{ code: string; details: { fields: Record<string, string> } }>(response);
    expect(answer.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(answer.details.fields).join(' ')).toContain(field);
  });

  it('calendar-retry (as admin) answers bad bodies with 400 and an unknown booking with 404', async () => {
    const headers = { Authorization: 'Bearer admin-key-for-tests' };
    for (const [body, field] of [
      [{ operationType: 'recreate', bookingId: '00000000-0000-4000-8000-000000000000' }, 'operationType'],
      [{ operationType: 'create', bookingId: 'x' }, 'bookingId'],
      [{ operationType: 'create', bookingId: '00000000-0000-4000-8000-000000000000', retryCount: 'one' }, 'retryCount'],
      ['{', 'body'],
    ] as const) {
      const response = await call(calendarRetryRoute, 'POST', '/api/admin/calendar-retry', { headers, body });
      expect(response.status).toBe(400);
      expect(Object.keys((await json<{ details: { fields: Record<string, string> } }>(response)).details.fields)).toContain(field);
    }
    const missing = await call(calendarRetryRoute, 'POST', '/api/admin/calendar-retry', { headers, body: { operationType: 'create', bookingId: '00000000-0000-4000-8000-000000000000' } });
    expect(missing.status).toBe(404);
    for (const [path, handler] of [
      ['/api/notifications/email/cancellation', emailCancellationRoute],
      ['/api/notifications/send-review-request', sendReviewRoute],
    ] as const) {
      const response = await call(handler, 'POST', path, { headers: system, body: { bookingId: '00000000-0000-4000-8000-000000000000' } });
      expect(response.status).toBe(404);
    }
  });
});

describe('POST /api/notifications/line', () => {
  it('pushes exactly the message to the group; when LINE fails it is queued (202) and delivered once LINE recovers', async () => {
    const groupId = `C${randomBytes(16).toString('hex')}`;
    const ok = await call(lineRoute, 'POST', '/api/notifications/line', { headers: system, body: { groupId, message: 'New booking created: BK240120DOE001', type: 'booking_created' } });
    expect(ok.status).toBe(200);
    expect(await json(ok)).toMatchObject({ success: true, status: 'sent', attempts: 1 });
    expect(line.accepted.filter((m) => m.to === groupId)).toEqual([{ to: groupId, text: 'New booking created: BK240120DOE001' }]);

    line.mode = 'error';
    const failed = await call(lineRoute, 'POST', '/api/notifications/line', { headers: system, body: { groupId, message: 'Second' } });
    expect(failed.status).toBe(202);
    const queued = await json<{ jobId: string; status: string; error: string }>(failed);
    expect(queued.status).toBe('queued');
    expect(queued.error).toMatch(/HTTP 500/);
    line.mode = 'normal';
    await sql('update public.outbox_jobs set run_after = now() where id = $1', [queued.jobId]);
    await processOutbox();
    await processOutbox();
    expect(line.accepted.filter((m) => m.to === groupId).map((m) => m.text)).toEqual(['New booking created: BK240120DOE001', 'Second']);
  });
});

describe('POST /api/notifications/email', () => {
  it('sends the template to the address given (English and Thai, plain text and HTML); SMTP refusals are retried until delivered', async () => {
    const to = newEmail();
    const data = { bookingReference: 'BK261201ABCDEFGH', customerName: 'John Doe', date: '2026-12-01', startTime: '14:00', endTime: '15:00', bay: 'Bay 1' };
    const sent = await call(emailRoute, 'POST', '/api/notifications/email', { headers: system, body: { to, subject: 'Booking Confirmation', template: 'booking_confirmation', data } });
    expect(sent.status).toBe(200);
    const [mail] = mailsTo(to);
    expect(mailsTo(to)).toHaveLength(1);
    expect(mail).toMatch(/Subject: Booking Confirmation/);
    expect(mail).toMatch(/Content-Type: text\/plain/);
    expect(mail).toMatch(/BK261201ABCDEFGH/);
    expect(mail).toMatch(/Tuesday, 1 December 2026, 14:00=E2=80=9315:00/);

    const thaiTo = newEmail();
    await call(emailRoute, 'POST', '/api/notifications/email', { headers: system, body: { to: thaiTo, subject: 'รีวิว', template: 'review_request', data, locale: 'th' } });
    expect(mailsTo(thaiTo)[0]).toMatch(/List-Unsubscribe: <https:\/\/book\.golfbay\.test\/vip\/profile>/);

    const later = newEmail();
    smtp.reject.rcpt = true;
    const refused = await call(emailRoute, 'POST', '/api/notifications/email', { headers: system, body: { to: later, subject: 'Cancelled', template: 'booking_cancellation', data } });
    expect(refused.status).toBe(202);
    const { jobId } = await json<{ jobId: string }>(refused);
    smtp.reject.rcpt = false;
    await sql('update public.outbox_jobs set run_after = now() where id = $1', [jobId]);
    await processOutbox();
    expect(mailsTo(later)).toHaveLength(1);
    await processOutbox();
    expect(mailsTo(later)).toHaveLength(1);
  });
});

describe('POST /api/notifications/email/cancellation', () => {
  it('mails a cancelled booking’s cancellation (.ics CANCEL) to the address given, once; a live booking is 409', async () => {
    const cancelled = await booking({ status: 'cancelled' });
    const to = newEmail();
    const body = { bookingId: cancelled.bookingId, customerEmail: to, cancellationReason: 'Customer request' };
    const first = await call(emailCancellationRoute, 'POST', '/api/notifications/email/cancellation', { headers: system, body });
    expect(first.status).toBe(200);
    const again = await call(emailCancellationRoute, 'POST', '/api/notifications/email/cancellation', { headers: system, body });
    expect((await json(again)).jobId).toBe((await json(first)).jobId);
    const mails = mailsTo(to);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatch(/METHOD[:=]\s*"?CANCEL/);
    expect(mails[0]).toMatch(/Customer request/);
    expect(mailsTo(cancelled.email)).toHaveLength(0);

    const live = await booking();
    const conflict = await call(emailCancellationRoute, 'POST', '/api/notifications/email/cancellation', { headers: system, body: { bookingId: live.bookingId } });
    expect(conflict.status, JSON.stringify(await conflict.clone().json())).toBe(409);
  });
});

describe('review request routes', () => {
  it('schedule-review-request: queued for its time, sent by the cron run when due, to the email given', async () => {
    const past = await booking({ past: true });
    const to = newEmail();
    const scheduled = await call(scheduleReviewRoute, 'POST', '/api/notifications/schedule-review-request', {
      headers: system,
      body: { bookingId: past.bookingId, scheduledTime: new Date(Date.now() + 3_600_000).toISOString(), customerEmail: to, customerName: 'John Doe' },
    });
    expect(scheduled.status).toBe(200);
    expect(await json(scheduled)).toMatchObject({ success: true, status: 'pending' });
    await call(processReviewRoute, 'POST', '/api/notifications/process-review-requests', { headers: cron });
    expect(mailsTo(to)).toHaveLength(0);
    // Moved to now: the next run sends it.
    await call(scheduleReviewRoute, 'POST', '/api/notifications/schedule-review-request', {
      headers: system,
      body: { bookingId: past.bookingId, scheduledTime: new Date(Date.now() - 1000).toISOString(), customerEmail: to },
    });
    const run = await json<{ sent: number }>(await call(processReviewRoute, 'POST', '/api/notifications/process-review-requests', { headers: cron }));
    expect(run.sent).toBeGreaterThanOrEqual(1);
    expect(mailsTo(to)).toHaveLength(1);
    expect(mailsTo(past.email)).toHaveLength(0);
  });

  it('send-review-request: by email now, at most once per booking; LINE without a LINE id is skipped', async () => {
    const past = await booking({ past: true });
    const to = newEmail();
    const first = await call(sendReviewRoute, 'POST', '/api/notifications/send-review-request', { headers: system, body: { bookingId: past.bookingId, customerEmail: to, deliveryMethod: 'email' } });
    expect(first.status).toBe(200);
    expect(await json(first)).toMatchObject({ success: true, status: 'sent' });
    const again = await call(sendReviewRoute, 'POST', '/api/notifications/send-review-request', { headers: system, body: { bookingId: past.bookingId, customerEmail: to } });
    expect(again.status).toBe(200);
    expect(mailsTo(to)).toHaveLength(1);
    expect(mailsTo(to)[0]).toMatch(/How was your visit/);

    const other = await booking({ past: true });
    const skipped = await call(sendReviewRoute, 'POST', '/api/notifications/send-review-request', { headers: system, body: { bookingId: other.bookingId, deliveryMethod: 'line' } });
    expect(await json(skipped)).toMatchObject({ success: false, status: 'skipped' });

    const optedOut = await createProfile();
    await sql('update public.profiles set marketing_preference = false where id = $1', [optedOut]);
    const third = await booking({ past: true });
    await sql('update public.bookings set profile_id = $2 where id = $1', [third.bookingId, optedOut]);
    const refused = await call(sendReviewRoute, 'POST', '/api/notifications/send-review-request', { headers: system, body: { bookingId: third.bookingId } });
    expect(await json(refused)).toMatchObject({ status: 'skipped', skipped: 'Customer opted out of marketing' });
    expect(mailsTo(third.email)).toHaveLength(0);
  });

  it('line/review-request: pushes the review request to the LINE user given, once', async () => {
    const past = await booking({ past: true });
    const userId = lineUser();
    const response = await call(lineReviewRoute, 'POST', '/api/notifications/line/review-request', { headers: system, body: { bookingId: past.bookingId, lineUserId: userId, customerName: 'John Doe' } });
    expect(response.status).toBe(200);
    await call(lineReviewRoute, 'POST', '/api/notifications/line/review-request', { headers: system, body: { bookingId: past.bookingId, lineUserId: userId } });
    const pushes = line.accepted.filter((m) => m.to === userId);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.text).toMatch(/^Hello John Doe,/);
    expect(mailsTo(past.email)).toHaveLength(0);
  });
});

describe('POST /api/admin/calendar-retry', () => {
  it('recreates a missing event without duplicating an existing one, updates and deletes it', async () => {
    const { headers } = await createStaffMember('admin');
    const { bookingId } = await booking();
    const key = `bay-1@calendar.example.com/${calendarEventIdFor(bookingId)}`;
    expect(google.events.has(key)).toBe(false);

    const created = await call(calendarRetryRoute, 'POST', '/api/admin/calendar-retry', { headers, body: { operationType: 'create', bookingId, retryCount: 1 } });
    expect(created.status, JSON.stringify(await created.clone().json())).toBe(200);
    expect(await json(created)).toEqual({ success: true, calendarEventId: calendarEventIdFor(bookingId), retryAttempt: 2, message: 'Calendar event created successfully' });
    expect(google.events.has(key)).toBe(true);

    // Again: the existing event is rewritten, never a second one.
    const again = await call(calendarRetryRoute, 'POST', '/api/admin/calendar-retry', { headers, body: { operationType: 'create', bookingId } });
    expect(again.status).toBe(200);
    expect([...google.events.keys()].filter((k) => k === key)).toHaveLength(1);
    expect(google.inserts.filter((insert) => insert.body.id === calendarEventIdFor(bookingId))).toHaveLength(1);

    // Someone deleted it in Google: the retry puts it back.
    google.events.delete(key);
    const recreated = await call(calendarRetryRoute, 'POST', '/api/admin/calendar-retry', { headers: { Authorization: 'Bearer admin-key-for-tests' }, body: { operationType: 'update', bookingId } });
    expect(recreated.status).toBe(200);
    expect(google.events.has(key)).toBe(true);
    const [row] = await sql<{ calendar_event_id: string }>('select calendar_event_id from public.bookings where id = $1', [bookingId]);
    expect(row!.calendar_event_id).toBe(calendarEventIdFor(bookingId));

    const deleted = await call(calendarRetryRoute, 'POST', '/api/admin/calendar-retry', { headers, body: { operationType: 'delete', bookingId } });
    expect(deleted.status).toBe(200);
    expect((await json(deleted)).message).toBe('Calendar event deleted successfully');
    expect(google.events.has(key)).toBe(false);
  });
});

describe('POST /api/admin/outbox-jobs/{jobId}/retry (the outbox view’s retry button)', () => {
  it('lists a given-up job with its last error and delivers it on an admin’s retry, once; customers get 403', async () => {
    const groupId = `C${randomBytes(16).toString('hex')}`;
    line.mode = 'error';
    const queued = await json<{ jobId: string }>(await call(lineRoute, 'POST', '/api/notifications/line', { headers: system, body: { groupId, message: 'Retry me' } }));
    await sql(`update public.outbox_jobs set status = 'failed' where id = $1`, [queued.jobId]);
    const listed = (await rpc('list_undelivered_outbox_jobs', { p_limit: 200 }, serviceCaller)).find((job) => job.id === queued.jobId);
    expect(listed).toMatchObject({ status: 'failed', kind: 'line_message', attempts: 1 });
    expect(listed!.lastError).toMatch(/HTTP 500/);
    line.mode = 'normal';

    const path = `/api/admin/outbox-jobs/${queued.jobId}/retry`;
    const params = { jobId: queued.jobId };
    expect((await call(retryJobRoute, 'POST', path, { params })).status).toBe(401);
    const customer = { Authorization: `Bearer ${await issueSessionToken(await createProfile())}` };
    expect((await call(retryJobRoute, 'POST', path, { params, headers: customer })).status).toBe(403);
    expect((await call(retryJobRoute, 'POST', '/api/admin/outbox-jobs/x/retry', { params: { jobId: 'x' }, headers: { Authorization: 'Bearer admin-key-for-tests' } })).status).toBe(400);

    const { headers } = await createStaffMember('admin');
    const retried = await call(retryJobRoute, 'POST', path, { params, headers });
    expect(retried.status).toBe(200);
    expect(await json(retried)).toMatchObject({ success: true, status: 'sent', attempts: 2 });
    await call(retryJobRoute, 'POST', path, { params, headers });
    expect(line.accepted.filter((m) => m.to === groupId)).toEqual([{ to: groupId, text: 'Retry me' }]);
  });
});
