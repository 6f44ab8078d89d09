import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as createRoute } from '@/app/api/bookings/create/route';
import { processOutbox } from '@/lib/outbox/process-outbox';
import { eventually } from '../support/eventually';
import { venueDate } from '../support/factories';
import { call, json } from '../support/http';
import {
  startProviderStandIns,
  startSilentServer,
  unusedPort,
  type GoogleStandIn,
  type LineStandIn,
  type ProviderStandIns,
  type SmtpStandIn,
} from '../support/provider-stand-ins';
import { sql } from '../support/sql';

/**
 * A booking's side effects through the real SDKs (nodemailer, googleapis, @line/bot-sdk)
 * against local stand-ins of SMTP, Google and LINE, from the booking route to delivery.
 */
let stand: ProviderStandIns;
let smtp: SmtpStandIn;
let google: GoogleStandIn;
let line: LineStandIn;

beforeAll(async () => {
  stand = await startProviderStandIns();
  ({ smtp, google, line } = stand);
});

afterAll(() => stand.close());

const book = async (overrides: Record<string, unknown>) => {
  const response = await call(createRoute, 'POST', '/api/bookings/create', {
    body: {
      date: venueDate(35),
      startTime: '15:00',
      duration: 1,
      customerName: 'Delivery Tester',
      customerEmail: 'delivery@example.test',
      customerPhone: '+44 20 7946 0958',
      numberOfPeople: 3,
      ...overrides,
    },
  });
  expect(response.status).toBe(200);
  return json<{ bookingId: string; bookingReference: string; calendarEventId: string | null; confirmationSent: boolean }>(response);
};

const mailsTo = (address: string) => smtp.mails.filter((mail) => mail.to.includes(address));

describe('a booking’s email, LINE message and calendar event', () => {
  it('sends exactly one of each, inline, and says so in the response', async () => {
    // A generous budget: this test is about what is sent, not how fast (the hang test below is).
    process.env.BOOKING_INLINE_BUDGET_MS = '5000';
    const booking = await book({ customerEmail: 'one-of-each@example.test', locale: 'th', bay: 'Bay 2' });
    delete process.env.BOOKING_INLINE_BUDGET_MS;
    expect(booking.confirmationSent).toBe(true);
    expect(booking.calendarEventId).toMatch(/^booking[0-9a-f]{32}$/);

    const mails = mailsTo('one-of-each@example.test');
    expect(mails).toHaveLength(1);
    const raw = mails[0]!.raw.toString('utf8');
    expect(raw).toContain('text/calendar');
    expect(raw).toMatch(/METHOD[:=]\s*"?REQUEST/);
    expect(raw).toContain(booking.bookingReference);

    const pushes = line.accepted.filter((push) => push.text.includes(booking.bookingReference));
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.to).toBe(stand.staffGroupId);

    const events = [...google.events.entries()].filter(([key]) => key.endsWith(`/${booking.calendarEventId}`));
    expect(events).toHaveLength(1);
    expect(events[0]![0]).toBe(`bay-2@calendar.example.com/${booking.calendarEventId}`);

    // A later processor run has nothing left to do for this booking.
    expect((await processOutbox({ bookingId: booking.bookingId })).claimed).toBe(0);
    expect(mailsTo('one-of-each@example.test')).toHaveLength(1);
  });

  it('keeps the booking when the SMTP server is down, and mails it once after the server is back', async () => {
    const workingSmtp = process.env.SMTP_URL;
    process.env.SMTP_URL = `smtp://127.0.0.1:${await unusedPort()}`;
    process.env.BOOKING_INLINE_BUDGET_MS = '5000';
    const booking = await book({ customerEmail: 'smtp-down@example.test', startTime: '17:00' });
    delete process.env.BOOKING_INLINE_BUDGET_MS;
    expect(booking.confirmationSent).toBe(false);
    expect(booking.calendarEventId).not.toBeNull();
    const [job] = await sql<{ status: string; attempts: number; last_error: string }>(
      `select status, attempts, last_error from public.outbox_jobs where booking_id = $1 and kind = 'booking_confirmation_email'`,
      [booking.bookingId],
    );
    expect(job).toMatchObject({ status: 'pending', attempts: 1 });
    expect(job!.last_error).toMatch(/NotificationError/);

    process.env.SMTP_URL = workingSmtp;
    // The back-off made due now (the reminder, never tried, keeps its time before the visit).
    await sql(`update public.outbox_jobs set run_after = now() where booking_id = $1 and attempts > 0`, [booking.bookingId]);
    const run = await processOutbox();
    expect(run).toMatchObject({ succeeded: 1, failed: 0 });
    await processOutbox();
    expect(mailsTo('smtp-down@example.test')).toHaveLength(1);
    const [after] = await sql(`select status, attempts from public.outbox_jobs where booking_id = $1 and kind = 'booking_confirmation_email'`, [booking.bookingId]);
    expect(after).toEqual({ status: 'succeeded', attempts: 2 });
  });

  it('answers within about a second when a provider hangs, and leaves its job queued', async () => {
    const silent = await startSilentServer();
    const workingSmtp = process.env.SMTP_URL;
    process.env.SMTP_URL = `smtp://127.0.0.1:${silent.port}`;
    line.mode = 'hang';
    try {
      const started = Date.now();
      const booking = await book({ customerEmail: 'hanging@example.test', startTime: '19:00' });
      const elapsed = Date.now() - started;
      expect(booking.confirmationSent).toBe(false);
      // The provider timeouts are 5 s; the request must not wait for them.
      expect(elapsed).toBeLessThan(2500);
      const jobs = await sql<{ kind: string; status: string }>('select kind, status from public.outbox_jobs where booking_id = $1 order by kind', [booking.bookingId]);
      expect(jobs.find((j) => j.kind === 'booking_confirmation_email')!.status).not.toBe('succeeded');
      expect(jobs.find((j) => j.kind === 'calendar_event_create')!.status).toBe('succeeded');
      // The attempts still running when the answer went (recorded together with the calendar's
      // was only what had ended) store their own outcome once the providers time out: due again.
      const attempts = () =>
        sql<{ kind: string; status: string; outcomes: string[] }>(
          `select j.kind, j.status, array(select a.outcome from public.outbox_attempts a where a.job_id = j.id order by a.id) as outcomes
           from public.outbox_jobs j where j.booking_id = $1 and j.attempts > 0 order by j.kind`,
          [booking.bookingId],
        );
      const settled = await eventually(attempts, (rows) => rows.every((row) => row.status !== 'running'), 10_000);
      expect(settled).toEqual([
        { kind: 'booking_confirmation_email', status: 'pending', outcomes: ['failed'] },
        { kind: 'calendar_event_create', status: 'succeeded', outcomes: ['succeeded'] },
        { kind: 'staff_line_message', status: 'pending', outcomes: ['failed'] },
      ]);
    } finally {
      process.env.SMTP_URL = workingSmtp;
      line.mode = 'normal';
      await silent.close();
    }
  });
});
