import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as createRoute } from '@/app/api/bookings/create/route';
import { POST as cancelRoute } from '@/app/api/bookings/manage/cancel/route';
import { PUT as modifyRoute } from '@/app/api/bookings/manage/modify/route';
import { GET as getRoute } from '@/app/api/bookings/manage/route';
import { randomSuffix, venueDate } from '../support/factories';
import { call, json } from '../support/http';
import { startProviderStandIns, type GoogleStandIn, type ProviderStandIns, type SmtpStandIn } from '../support/provider-stand-ins';
import { resetRateLimits } from '../support/rate-limits';
import { sql } from '../support/sql';

/**
 * A guest's booking from its emails, as the SMTP stand-in received them: the confirmation
 * carries a manage link that works, a change through it sends an email with a working link
 * of its own and an .ics of the same UID with a higher SEQUENCE, and the cancellation's .ics
 * is METHOD:CANCEL; the calendar event follows each step.
 */
let stand: ProviderStandIns;
let smtp: SmtpStandIn;
let google: GoogleStandIn;

beforeAll(async () => {
  stand = await startProviderStandIns({ BOOKING_INLINE_BUDGET_MS: '5000', PUBLIC_BASE_URL: 'https://book.golfbay.test' });
  ({ smtp, google } = stand);
  await resetRateLimits();
});

afterAll(() => stand.close());

interface Mail {
  subject: string;
  text: string;
  ics: string;
}

async function mailsTo(address: string): Promise<Mail[]> {
  const mails = smtp.mails.filter((mail) => mail.to.includes(address));
  return Promise.all(
    mails.map(async (mail) => {
      const parsed = await simpleParser(mail.raw);
      const calendar = parsed.attachments.find((a) => a.contentType.startsWith('text/calendar') || a.filename?.endsWith('.ics'));
      return { subject: parsed.subject ?? '', text: parsed.text ?? '', ics: (calendar?.content.toString('utf8') ?? '').replace(/\r\n /g, '') };
    }),
  );
}

const linkIn = (text: string) => /https:\/\/book\.golfbay\.test\/book\/manage#t=([0-9a-f]{64})/.exec(text);
const icsField = (ics: string, name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(ics)?.[1]?.trim();

describe('a guest manages a booking from its emails', () => {
  it('confirmation link → move (change email, new working link, SEQUENCE 1) → cancel (METHOD:CANCEL, SEQUENCE 2) → link refused', async () => {
    const email = `guest-${randomSuffix()}@example.test`;
    const created = await call(createRoute, 'POST', '/api/bookings/create', {
      body: { date: venueDate(8), startTime: '14:00', duration: 1, bay: 'Bay 2', customerName: 'Guest Manager', customerEmail: email, customerPhone: '0812345678', numberOfPeople: 2 },
    });
    expect(created.status).toBe(200);
    const { bookingId, calendarEventId } = await json<{ bookingId: string; calendarEventId: string }>(created);
    const eventKey = `bay-2@calendar.example.com/${calendarEventId}`;
    expect(google.events.has(eventKey)).toBe(true);

    const [confirmation] = await mailsTo(email);
    const first = linkIn(confirmation!.text);
    expect(first, confirmation!.text).not.toBeNull();
    expect(confirmation!.text).not.toContain('/vip/bookings');
    expect(icsField(confirmation!.ics, 'URL')).toBe(first![0]);
    expect(icsField(confirmation!.ics, 'SEQUENCE')).toBe('0');
    expect(icsField(confirmation!.ics, 'METHOD')).toBe('REQUEST');
    const uid = icsField(confirmation!.ics, 'UID');
    // The outbox payloads never hold a raw token.
    const payloads = await sql<{ payload: unknown }>('select payload from public.outbox_jobs where booking_id = $1', [bookingId]);
    expect(JSON.stringify(payloads)).not.toContain(first![1]);

    const headers = { 'X-Manage-Token': first![1]! };
    const opened = await call(getRoute, 'GET', '/api/bookings/manage', { headers });
    expect(opened.status).toBe(200);
    expect((await json<{ booking: { id: string } }>(opened)).booking.id).toBe(bookingId);

    const moved = await call(modifyRoute, 'PUT', '/api/bookings/manage/modify', { headers, body: { date: venueDate(9), startTime: '18:00', duration: 2 } });
    expect(moved.status).toBe(200);
    const event = google.events.get(eventKey) as { start: { dateTime: string } };
    expect(new Date(event.start.dateTime).toISOString()).toBe(new Date(`${venueDate(9)}T18:00:00+07:00`).toISOString());
    let mails = await mailsTo(email);
    expect(mails).toHaveLength(2);
    const change = mails[1]!;
    expect(change.subject).toMatch(/^Booking changed/);
    const second = linkIn(change.text);
    expect(second, change.text).not.toBeNull();
    expect(second![1]).not.toBe(first![1]);
    expect(icsField(change.ics, 'UID')).toBe(uid);
    expect(icsField(change.ics, 'SEQUENCE')).toBe('1');
    expect(icsField(change.ics, 'METHOD')).toBe('REQUEST');
    expect(icsField(change.ics, 'DTSTART')).toBe(new Date(`${venueDate(9)}T18:00:00+07:00`).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, ''));
    // The change email's link is a working link to the same booking.
    const viaSecond = await call(getRoute, 'GET', '/api/bookings/manage', { headers: { 'X-Manage-Token': second![1]! } });
    expect((await json<{ booking: { id: string; startTime: string } }>(viaSecond)).booking).toMatchObject({ id: bookingId, startTime: '18:00' });

    const cancelled = await call(cancelRoute, 'POST', '/api/bookings/manage/cancel', { headers: { 'X-Manage-Token': second![1]! }, body: { cancellationReason: 'Plans changed' } });
    expect(cancelled.status).toBe(200);
    expect(google.events.has(eventKey)).toBe(false);
    mails = await mailsTo(email);
    expect(mails).toHaveLength(3);
    const cancellation = mails[2]!;
    expect(cancellation.subject).toMatch(/^Booking cancelled/);
    expect(linkIn(cancellation.text)).toBeNull();
    expect(icsField(cancellation.ics, 'UID')).toBe(uid);
    expect(icsField(cancellation.ics, 'SEQUENCE')).toBe('2');
    expect(icsField(cancellation.ics, 'METHOD')).toBe('CANCEL');
    expect(icsField(cancellation.ics, 'STATUS')).toBe('CANCELLED');

    for (const token of [first![1]!, second![1]!]) {
      const again = await call(getRoute, 'GET', '/api/bookings/manage', { headers: { 'X-Manage-Token': token } });
      expect(again.status).toBe(410);
    }
  });

  it('a Thai booking gets Thai emails with the link', async () => {
    const email = `guest-th-${randomSuffix()}@example.test`;
    const created = await call(createRoute, 'POST', '/api/bookings/create', {
      headers: { 'Accept-Language': 'th' },
      body: { date: venueDate(8), startTime: '19:00', duration: 1, bay: 'Bay 3', customerName: 'สมชาย', customerEmail: email, customerPhone: '0812345678', numberOfPeople: 2, locale: 'th' },
    });
    expect(created.status).toBe(200);
    const [confirmation] = await mailsTo(email);
    expect(confirmation!.text).toContain('เปลี่ยนแปลงหรือยกเลิกการจองนี้ทางออนไลน์');
    expect(linkIn(confirmation!.text)).not.toBeNull();
  });
});
