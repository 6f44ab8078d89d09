import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as createRoute } from '@/app/api/bookings/create/route';
import { POST as cancelRoute } from '@/app/api/vip/bookings/[bookingId]/cancel/route';
import { PUT as modifyRoute } from '@/app/api/vip/bookings/[bookingId]/modify/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { processOutbox } from '@/lib/outbox/process-outbox';
import { createProfile, insertBooking, venueDate } from '../support/factories';
import { call, json } from '../support/http';
import { startProviderStandIns, type GoogleStandIn, type ProviderStandIns, type SmtpStandIn } from '../support/provider-stand-ins';
import { sql } from '../support/sql';

/** Modify and cancel deliver through the same outbox, SDKs and stand-ins as booking creation. */
let stand: ProviderStandIns;
let smtp: SmtpStandIn;
let google: GoogleStandIn;

beforeAll(async () => {
  stand = await startProviderStandIns({ BOOKING_INLINE_BUDGET_MS: '5000' });
  ({ smtp, google } = stand);
});

afterAll(() => stand.close());

const mailsTo = (address: string) => smtp.mails.filter((mail) => mail.to.includes(address)).map((mail) => mail.raw.toString('utf8'));

describe('a member’s modify and cancel, delivered', () => {
  it('moves the calendar event and mails the change (higher SEQUENCE), then deletes the event and mails the cancellation (METHOD:CANCEL)', async () => {
    const profileId = await createProfile();
    const headers = { Authorization: `Bearer ${await issueSessionToken(profileId)}` };
    const email = `vip-delivery-${profileId.slice(0, 8)}@example.test`;
    const created = await call(createRoute, 'POST', '/api/bookings/create', {
      headers,
      body: { date: venueDate(45), startTime: '14:00', duration: 1, bay: 'Bay 2', customerName: 'VIP Tester', customerEmail: email, customerPhone: '0812345678', numberOfPeople: 2 },
    });
    expect(created.status).toBe(200);
    const { bookingId, calendarEventId } = await json<{ bookingId: string; calendarEventId: string }>(created);
    const key = `bay-2@calendar.example.com/${calendarEventId}`;
    expect(google.events.has(key)).toBe(true);

    const modified = await call(modifyRoute, 'PUT', `/api/vip/bookings/${bookingId}/modify`, {
      headers,
      params: { bookingId },
      body: { date: venueDate(46), startTime: '18:00', duration: 2 },
    });
    expect(modified.status).toBe(200);
    const updates = google.updates.filter((u) => u.key === key);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.status).toBe(200);
    const event = google.events.get(key) as { start: { dateTime: string }; end: { dateTime: string } };
    expect(new Date(event.start.dateTime).toISOString()).toBe(new Date(`${venueDate(46)}T18:00:00+07:00`).toISOString());
    expect(new Date(event.end.dateTime).toISOString()).toBe(new Date(`${venueDate(46)}T20:00:00+07:00`).toISOString());
    let mails = mailsTo(email);
    expect(mails).toHaveLength(2);
    expect(mails[1]).toMatch(/SEQUENCE:1/);
    expect(mails[1]).toMatch(/METHOD[:=]\s*"?REQUEST/);

    const cancelled = await call(cancelRoute, 'POST', `/api/vip/bookings/${bookingId}/cancel`, { headers, params: { bookingId }, body: { cancellationReason: 'Rain' } });
    expect(cancelled.status).toBe(200);
    expect(google.deletes.filter((d) => d.key === key)).toEqual([{ key, status: 204 }]);
    expect(google.events.has(key)).toBe(false);
    mails = mailsTo(email);
    expect(mails).toHaveLength(3);
    expect(mails[2]).toMatch(/METHOD[:=]\s*"?CANCEL/);
    expect(mails[2]).toMatch(/SEQUENCE:2/);

    const jobs = await sql<{ kind: string; status: string }>('select kind, status from public.outbox_jobs where booking_id = $1 order by created_at, kind', [bookingId]);
    expect(jobs.every((job) => job.status === 'succeeded')).toBe(true);
    expect(jobs.map((job) => job.kind).sort()).toEqual(
      ['booking_cancellation_email', 'booking_change_email', 'booking_confirmation_email', 'booking_reminder_email', 'calendar_event_create', 'calendar_event_delete', 'calendar_event_update', 'staff_line_message'].sort(),
    );
    // A later run has nothing left: nothing is sent twice.
    expect((await processOutbox({ bookingId })).claimed).toBe(0);
    expect(mailsTo(email)).toHaveLength(3);
  });

  it('a change whose event was never created inserts it, so the calendar is right whatever order jobs run in', async () => {
    const profileId = await createProfile();
    const headers = { Authorization: `Bearer ${await issueSessionToken(profileId)}` };
    // Inserted directly: no calendar_event_create job ever ran for it.
    const id = await insertBooking({ bay: 'Bay 3', date: venueDate(47), startTime: '12:00', profileId });
    const response = await call(modifyRoute, 'PUT', `/api/vip/bookings/${id}/modify`, { headers, params: { bookingId: id }, body: { date: venueDate(47), startTime: '15:00', duration: 1 } });
    expect(response.status).toBe(200);
    const eventKey = `bay-3@calendar.example.com/booking${id.replace(/-/g, '')}`;
    expect(google.updates.find((u) => u.key === eventKey)?.status).toBe(404);
    expect(google.events.has(eventKey)).toBe(true);
  });
});
