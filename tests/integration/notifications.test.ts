import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { compactVerify, decodeJwt } from 'jose';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rpc, serviceCaller } from '@/lib/db';
import type { BookingNotice } from '@/lib/db/functions';
import { calendarEventIdFor } from '@/lib/notifications/compose/booking-ids';
import { createCalendarEvent } from '@/lib/outbox/kinds/calendar-event-create';
import { NotificationError } from '@/lib/notifications/notification-error';
import { postStaffLineMessage } from '@/lib/outbox/kinds/staff-line-message';
import { sendBookingConfirmation } from '@/lib/outbox/kinds/booking-confirmation-email';
import {
  startGoogleStandIn,
  startLineStandIn,
  startSilentServer,
  startSmtpStandIn,
  unusedPort,
  type GoogleStandIn,
  type LineStandIn,
  type SmtpStandIn,
} from '../support/provider-stand-ins';

// Every variable the adapters read: cleared before each test and restored after it, so the
// developer's own settings never leak in and each test states what it configures.
const notificationEnv = [
  'SMTP_URL',
  'EMAIL_FROM',
  'SMTP_TIMEOUT_MS',
  'PUBLIC_BASE_URL',
  'NEXTAUTH_URL',
  'GOOGLE_SERVICE_ACCOUNT_EMAIL',
  'GOOGLE_PRIVATE_KEY',
  'GOOGLE_SERVICE_ACCOUNT_JSON',
  'GOOGLE_CALENDAR_ID_DEFAULT',
  'GOOGLE_CALENDAR_API_ROOT_URL',
  'GOOGLE_OAUTH_TOKEN_URL',
  'GOOGLE_CALENDAR_TIMEOUT_MS',
  'LINE_CHANNEL_ACCESS_TOKEN',
  'LINE_STAFF_GROUP_ID',
  'LINE_API_BASE_URL',
  'LINE_TIMEOUT_MS',
];
let savedEnv: Record<string, string | undefined> = {};
beforeEach(() => {
  savedEnv = Object.fromEntries(notificationEnv.map((name) => [name, process.env[name]]));
  for (const name of notificationEnv) delete process.env[name];
  process.env.PUBLIC_BASE_URL = 'https://book.golfbay.test';
});
afterEach(() => {
  for (const name of notificationEnv) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
});

function bookingNotice(overrides: Partial<BookingNotice> = {}): BookingNotice {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase();
  return {
    bookingId: randomUUID(),
    reference: `BK261127${suffix}`,
    bay: 'Bay 1',
    bayCalendarId: 'bay1@group.calendar.google.com',
    date: '2026-11-27',
    startTime: '18:00',
    endTime: '20:00',
    startsAt: '2026-11-27T11:00:00.000Z',
    endsAt: '2026-11-27T13:00:00.000Z',
    durationHours: 2,
    numberOfPeople: 4,
    customerName: 'Somchai Jaidee',
    customerEmail: `somchai.${suffix.toLowerCase()}@example.com`,
    customerPhone: '+66812345678',
    specialRequests: 'Left-handed clubs, please',
    priceThb: 1200,
    packageName: null,
    locale: 'en',
    ...overrides,
  };
}

const job = () => ({ id: randomUUID() });

async function elapsedMs(action: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const start = performance.now();
  try {
    await action();
    return { ms: performance.now() - start, error: undefined };
  } catch (error) {
    return { ms: performance.now() - start, error };
  }
}

describe('sendBookingConfirmation over SMTP', () => {
  let smtp: SmtpStandIn;
  beforeAll(async () => {
    smtp = await startSmtpStandIn();
  });
  afterAll(async () => {
    await smtp.close();
  });
  beforeEach(() => {
    smtp.reject.rcpt = false;
    smtp.reject.data = false;
    process.env.SMTP_URL = `smtp://mailer:secret@127.0.0.1:${smtp.port}`;
    process.env.EMAIL_FROM = 'Golf Bay Bangkok <bookings@golfbay.test>';
  });

  it('sends one email with text, HTML and a METHOD:REQUEST .ics, under a Message-ID derived from the booking', async () => {
    const notice = bookingNotice();
    const before = smtp.mails.length;
    const result = await sendBookingConfirmation(notice, job());

    expect(smtp.mails.length).toBe(before + 1);
    const received = smtp.mails.at(-1)!;
    expect(received.user).toBe('mailer');
    expect(received.from).toBe('bookings@golfbay.test');
    expect(received.to).toEqual([notice.customerEmail]);

    const mail = await simpleParser(received.raw);
    const hex = notice.bookingId.replace(/-/g, '');
    expect(result.messageId).toBe(`<booking-${hex}@book.golfbay.test>`);
    expect(mail.messageId).toBe(result.messageId);
    expect(mail.subject).toContain(notice.reference);
    expect(mail.text).toContain(`Booking reference: ${notice.reference}`);
    expect(mail.text).toContain('18:00–20:00');
    // No booking row stands behind this notice, so no manage link can be issued: the phone alone
    // (booking-manage-delivery.test.ts follows a real booking's link).
    expect(mail.text).not.toContain('/vip/bookings');
    expect(mail.text).toContain('Call us on');

    const ics = mail.attachments.find((attachment) => attachment.filename === `booking-${notice.reference}.ics`);
    expect(ics, 'the .ics attachment').toBeDefined();
    const calendar = ics!.content.toString('utf8');
    expect(calendar).toContain('METHOD:REQUEST');
    expect(calendar).toContain('SEQUENCE:0');
    expect(calendar).toContain(`UID:booking-${hex}@book.golfbay.test`);
    expect(calendar).toContain('DTSTART:20261127T110000Z');
    expect(calendar).toContain('DTEND:20261127T130000Z');
    expect(calendar).toContain('ORGANIZER;CN=Golf Bay Bangkok:mailto:bookings@golfbay.test');
    // Also sent as the text/calendar alternative that mail clients show as an invitation.
    expect(received.raw.toString('utf8')).toMatch(/text\/calendar; charset=utf-8; method=REQUEST/i);
  });

  it('writes to a Thai customer in Thai', async () => {
    const notice = bookingNotice({ locale: 'th', customerName: 'สมชาย ใจดี', specialRequests: null });
    await sendBookingConfirmation(notice, job());
    const mail = await simpleParser(smtp.mails.at(-1)!.raw);
    expect(mail.subject).toContain('ยืนยันการจอง');
    expect(mail.text).toContain('สวัสดีคุณ สมชาย ใจดี');
    expect(mail.text).toContain('วันศุกร์ที่ 27 พฤศจิกายน 2569');
    expect(mail.text).toContain(`หมายเลขการจอง: ${notice.reference}`);
    expect(mail.html).toContain('lang="th"');
    expect(mail.html).toContain('ต้องการเปลี่ยนแปลงหรือยกเลิกการจอง?');
  });

  it('escapes what the customer typed in the HTML', async () => {
    const notice = bookingNotice({ customerName: 'Eve <img src=x onerror=alert(1)>', specialRequests: '<script>alert("hi")</script> & more' });
    await sendBookingConfirmation(notice, job());
    const mail = await simpleParser(smtp.mails.at(-1)!.raw);
    const html = String(mail.html);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; &amp; more');
    expect(html).toContain('Eve &lt;img src=x onerror=alert(1)&gt;');
    // The plain text keeps it as typed.
    expect(mail.text).toContain('<script>alert("hi")</script> & more');
  });

  it('throws when the server refuses the recipient (550 on RCPT TO)', async () => {
    smtp.reject.rcpt = true;
    const before = smtp.mails.length;
    const error = await sendBookingConfirmation(bookingNotice(), job()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotificationError);
    expect((error as NotificationError).channel).toBe('email');
    expect((error as NotificationError).status).toBe(550);
    expect(smtp.mails.length).toBe(before);
  });

  it('throws when the server refuses the message (550 after DATA)', async () => {
    smtp.reject.data = true;
    const error = await sendBookingConfirmation(bookingNotice(), job()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotificationError);
    expect((error as NotificationError).status).toBe(550);
    expect((error as Error).message).toContain('Message rejected');
  });

  it('throws when nothing listens on the port', async () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${await unusedPort()}`;
    await expect(sendBookingConfirmation(bookingNotice(), job())).rejects.toThrow(/ECONNREFUSED|connect/i);
  });

  it('fails within SMTP_TIMEOUT_MS when the server never greets', async () => {
    const silent = await startSilentServer();
    try {
      process.env.SMTP_URL = `smtp://127.0.0.1:${silent.port}`;
      process.env.SMTP_TIMEOUT_MS = '400';
      const { ms, error } = await elapsedMs(() => sendBookingConfirmation(bookingNotice(), job()));
      expect(error).toBeInstanceOf(NotificationError);
      expect((error as Error).message).toMatch(/greeting|timeout/i);
      expect(ms).toBeGreaterThanOrEqual(350);
      expect(ms).toBeLessThan(3_000);
    } finally {
      await silent.close();
    }
  });

  it('refuses to send without EMAIL_FROM when SMTP_URL is set', async () => {
    delete process.env.EMAIL_FROM;
    await expect(sendBookingConfirmation(bookingNotice(), job())).rejects.toThrow(/EMAIL_FROM/);
  });
});

describe('createCalendarEvent with the Google Calendar API', () => {
  let google: GoogleStandIn;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const serviceAccountEmail = 'bookings@golf-bay-test.iam.gserviceaccount.com';

  beforeAll(async () => {
    google = await startGoogleStandIn();
  });
  afterAll(async () => {
    await google.close();
  });
  beforeEach(() => {
    google.hangInserts = false;
    process.env.GOOGLE_SERVICE_ACCOUNT_EMAIL = serviceAccountEmail;
    // As hosts often store it: one line with literal \n.
    process.env.GOOGLE_PRIVATE_KEY = privateKeyPem.replace(/\n/g, '\\n');
    process.env.GOOGLE_CALENDAR_API_ROOT_URL = google.rootUrl;
    process.env.GOOGLE_OAUTH_TOKEN_URL = google.tokenUrl;
  });

  it("inserts the event with the booking's deterministic id into the bay's calendar, and a retry creates no second event", async () => {
    const notice = bookingNotice();
    const tokensBefore = google.tokenRequests.length;
    const insertsBefore = google.inserts.length;

    const first = await createCalendarEvent(notice, job());
    expect(first.eventId).toBe(calendarEventIdFor(notice.bookingId));
    expect(first.eventId).toMatch(/^[a-v0-9]{5,1024}$/);

    // The token came from the configured endpoint, signed with the service account's key.
    expect(google.tokenRequests.length).toBeGreaterThan(tokensBefore);
    const tokenRequest = google.tokenRequests.at(-1)!;
    expect(tokenRequest.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const assertion = tokenRequest.get('assertion')!;
    await compactVerify(assertion, publicKey);
    expect(decodeJwt(assertion)).toMatchObject({ iss: serviceAccountEmail, scope: 'https://www.googleapis.com/auth/calendar.events' });

    const insert = google.inserts[insertsBefore]!;
    expect(insert.status).toBe(200);
    expect(insert.calendarId).toBe('bay1@group.calendar.google.com');
    expect(insert.authorization).toBe(`Bearer ${google.accessToken}`);
    expect(insert.body).toMatchObject({
      id: first.eventId,
      start: { dateTime: '2026-11-27T11:00:00.000Z', timeZone: 'Asia/Bangkok' },
      end: { dateTime: '2026-11-27T13:00:00.000Z', timeZone: 'Asia/Bangkok' },
      extendedProperties: { private: { bookingId: notice.bookingId, bookingReference: notice.reference } },
    });
    expect(String(insert.body.summary)).toContain(notice.reference);
    expect(String(insert.body.description)).toContain(notice.customerPhone);

    // The retry of a job whose first attempt landed: Google answers 409, which is success.
    const second = await createCalendarEvent(notice, job());
    expect(second.eventId).toBe(first.eventId);
    expect(google.inserts.slice(insertsBefore).map((row) => row.status)).toEqual([200, 409]);
    expect([...google.events.keys()].filter((key) => key.endsWith(first.eventId))).toHaveLength(1);
  });

  it('makes one client per process and credentials: later jobs reuse its access token instead of fetching one each', async () => {
    await createCalendarEvent(bookingNotice({ bookingId: randomUUID() }), job());
    const tokensBefore = google.tokenRequests.length;
    const insertsBefore = google.inserts.length;
    for (let i = 0; i < 3; i += 1) await createCalendarEvent(bookingNotice({ bookingId: randomUUID() }), job());
    expect(google.inserts.slice(insertsBefore).map((row) => [row.status, row.authorization])).toEqual(Array(3).fill([200, `Bearer ${google.accessToken}`]));
    expect(google.tokenRequests.length).toBe(tokensBefore);
  });

  it('uses GOOGLE_CALENDAR_ID_DEFAULT for a bay without a calendar, and a key file JSON with its token_uri', async () => {
    delete process.env.GOOGLE_SERVICE_ACCOUNT_EMAIL;
    delete process.env.GOOGLE_PRIVATE_KEY;
    delete process.env.GOOGLE_OAUTH_TOKEN_URL;
    process.env.GOOGLE_SERVICE_ACCOUNT_JSON = JSON.stringify({
      type: 'service_account',
      client_email: serviceAccountEmail,
      private_key: privateKeyPem,
      token_uri: google.tokenUrl,
    });
    process.env.GOOGLE_CALENDAR_ID_DEFAULT = 'venue@group.calendar.google.com';
    const notice = bookingNotice({ bayCalendarId: null });
    const { eventId } = await createCalendarEvent(notice, job());
    expect(google.events.has(`venue@group.calendar.google.com/${eventId}`)).toBe(true);
  });

  it('throws when no calendar is known for the bay', async () => {
    const error = await createCalendarEvent(bookingNotice({ bayCalendarId: null }), job()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotificationError);
    expect((error as Error).message).toMatch(/GOOGLE_CALENDAR_ID_DEFAULT/);
  });

  it('throws with the status when the token endpoint refuses', async () => {
    process.env.GOOGLE_OAUTH_TOKEN_URL = `${google.rootUrl}nowhere`;
    const insertsBefore = google.inserts.length;
    const error = await createCalendarEvent(bookingNotice(), job()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotificationError);
    expect((error as NotificationError).channel).toBe('calendar');
    expect((error as NotificationError).status).toBe(404);
    expect(google.inserts.length).toBe(insertsBefore);
  });

  it('throws with the status when the Calendar API refuses the insert', async () => {
    const error = await createCalendarEvent(bookingNotice({ bayCalendarId: 'forbidden@group.calendar.google.com' }), job()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotificationError);
    expect((error as NotificationError).status).toBe(403);
    expect((error as Error).message).toContain('writer access');
  });

  it('fails within GOOGLE_CALENDAR_TIMEOUT_MS when the API never answers', async () => {
    google.hangInserts = true;
    process.env.GOOGLE_CALENDAR_TIMEOUT_MS = '400';
    const { ms, error } = await elapsedMs(() => createCalendarEvent(bookingNotice(), job()));
    expect(error).toBeInstanceOf(NotificationError);
    expect(ms).toBeLessThan(3_000);
  });

  it('throws when the credentials are half set', async () => {
    delete process.env.GOOGLE_PRIVATE_KEY;
    await expect(createCalendarEvent(bookingNotice(), job())).rejects.toThrow(/GOOGLE_PRIVATE_KEY/);
  });
});

describe('postStaffLineMessage with the LINE Messaging API', () => {
  let line: LineStandIn;
  beforeAll(async () => {
    line = await startLineStandIn();
  });
  afterAll(async () => {
    await line.close();
  });
  beforeEach(() => {
    line.mode = 'normal';
    process.env.LINE_CHANNEL_ACCESS_TOKEN = 'stand-in-channel-token';
    process.env.LINE_STAFF_GROUP_ID = 'Cstaffgroup0123456789abcdef0123456';
    process.env.LINE_API_BASE_URL = line.baseUrl;
  });

  it('pushes the booking to the staff group with the job id as retry key; a retry answered 409 counts as delivered', async () => {
    const notice = bookingNotice({ packageName: '10-hour package', priceThb: null });
    const outboxJob = job();
    const before = line.requests.length;
    const acceptedBefore = line.accepted.length;

    expect(await postStaffLineMessage(notice, outboxJob)).toEqual({ delivered: true });
    const request = line.requests[before]!;
    expect(request.authorization).toBe('Bearer stand-in-channel-token');
    expect(request.retryKey).toBe(outboxJob.id);
    expect(request.body.to).toBe('Cstaffgroup0123456789abcdef0123456');
    expect(request.body.messages).toHaveLength(1);
    const text = request.body.messages[0]!.text;
    for (const part of [notice.reference, 'Bay 1', '2026-11-27', '18:00–20:00', 'People: 4', notice.customerName, notice.customerPhone, 'Left-handed clubs, please', '10-hour package']) {
      expect(text).toContain(part);
    }

    // The same job again (its first attempt landed but was not recorded): LINE says 409.
    expect(await postStaffLineMessage(notice, outboxJob)).toEqual({ delivered: true });
    expect(line.requests.length).toBe(before + 2);
    expect(line.accepted.length).toBe(acceptedBefore + 1);
  });

  it('throws when LINE fails (500)', async () => {
    line.mode = 'error';
    const error = await postStaffLineMessage(bookingNotice(), job()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotificationError);
    expect((error as NotificationError).status).toBe(500);
    expect((error as Error).message).toContain('An error occurred on the server');
  });

  it('fails within LINE_TIMEOUT_MS when LINE never answers', async () => {
    line.mode = 'hang';
    process.env.LINE_TIMEOUT_MS = '400';
    const { ms, error } = await elapsedMs(() => postStaffLineMessage(bookingNotice(), job()));
    expect(error).toBeInstanceOf(NotificationError);
    expect(ms).toBeLessThan(3_000);
  });

  it('throws when only one of token and group is set', async () => {
    delete process.env.LINE_STAFF_GROUP_ID;
    await expect(postStaffLineMessage(bookingNotice(), job())).rejects.toThrow(/LINE_STAFF_GROUP_ID/);
  });
});

describe('without provider settings', () => {
  it('records the email, the calendar event and the LINE message instead of sending them', async () => {
    const notice = bookingNotice({ locale: 'th' });
    const outboxJob = job();
    const email = await sendBookingConfirmation(notice, outboxJob);
    const calendar = await createCalendarEvent(notice, outboxJob);
    const line = await postStaffLineMessage(notice, outboxJob);

    expect(email.messageId).toBe(`<booking-${notice.bookingId.replace(/-/g, '')}@book.golfbay.test>`);
    expect(calendar.eventId).toBe(calendarEventIdFor(notice.bookingId));
    expect(line).toEqual({ delivered: true });

    const recorded = (await rpc('list_outgoing_messages', { p_limit: 50 }, serviceCaller)).filter(
      (message) => message.body.bookingId === notice.bookingId,
    );
    const byChannel = Object.fromEntries(recorded.map((message) => [message.channel, message]));
    expect(Object.keys(byChannel).sort()).toEqual(['calendar', 'email', 'line']);

    expect(byChannel.email!.recipient).toBe(notice.customerEmail);
    expect(byChannel.email!.subject).toContain('ยืนยันการจอง');
    expect(byChannel.email!.body).toMatchObject({ messageId: email.messageId, jobId: outboxJob.id });
    expect(String(byChannel.email!.body.text)).toContain(notice.reference);
    expect(String(byChannel.email!.body.ics)).toContain('METHOD:REQUEST');

    expect(byChannel.calendar!.recipient).toBe(notice.bayCalendarId);
    expect(byChannel.calendar!.body).toMatchObject({ eventId: calendar.eventId, event: { id: calendar.eventId } });

    expect(String(byChannel.line!.body.text)).toContain(notice.reference);
    expect(byChannel.line!.body.retryKey).toBe(outboxJob.id);
  });
});
