import { describe, expect, it } from 'vitest';
import type { BookingNotice } from '@/lib/db/functions';
import { calendarEventIdFor, confirmationMessageIdFor, icsUidFor } from '@/lib/notifications/compose/booking-ids';
import { buildBookingIcs, escapeIcsText, foldIcsLine, icsUtc } from '@/lib/notifications/compose/build-booking-ics';
import { formatVenueDate } from '@/lib/i18n/format-venue-date';
import { composeBookingConfirmation } from '@/lib/notifications/compose/compose-booking-confirmation';
import { developerToolsEnabled } from '@/lib/config/deployment';
import { escapeHtml } from '@/lib/notifications/compose/escape-html';
import { composeStaffLineText } from '@/lib/notifications/compose/compose-staff-line-text';
import { parseEmailFrom } from '@/lib/notifications/providers/mailer';
import type { VenueDetails } from '@/lib/notifications/settings';

const bookingId = '3f2c8a9e-1b4d-4c6e-9f00-a1b2c3d4e5f6';

const notice: BookingNotice = {
  bookingId,
  reference: 'BK261127AB3DEFGH',
  bay: 'Bay 1',
  bayCalendarId: null,
  date: '2026-11-27',
  startTime: '18:00',
  endTime: '19:30',
  startsAt: '2026-11-27T18:00:00+07:00',
  endsAt: '2026-11-27T19:30:00+07:00',
  durationHours: 1.5,
  numberOfPeople: 1,
  customerName: 'Ann "The Eagle" <b>Smith</b>',
  customerEmail: 'ann@example.com',
  customerPhone: '+66812345678',
  specialRequests: 'Quiet bay; near the window, if possible\nThanks & <3',
  priceThb: 1500,
  packageName: null,
  locale: 'en',
};

const venue: VenueDetails = {
  name: 'Golf Bay Bangkok',
  address: '88 Sukhumvit Soi 24, Khlong Toei, Bangkok 10110',
  phone: '+66 2 000 0000',
  lineId: '@golfbay',
  baseUrl: 'https://book.golfbay.test',
  manageBookingsUrl: 'https://book.golfbay.test/vip/bookings',
  domain: 'book.golfbay.test',
};

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;');
    expect(escapeHtml(1200)).toBe('1200');
    expect(escapeHtml('สวัสดี')).toBe('สวัสดี');
  });
});

describe('booking ids', () => {
  it('derives a valid, stable Google event id from the booking id', () => {
    const id = calendarEventIdFor(bookingId);
    expect(id).toBe('booking3f2c8a9e1b4d4c6e9f00a1b2c3d4e5f6');
    expect(id).toMatch(/^[a-v0-9]{5,1024}$/);
    expect(calendarEventIdFor(bookingId.toUpperCase())).toBe(id);
    expect(() => calendarEventIdFor('not-a-uuid')).toThrow();
  });

  it('derives the Message-ID and the calendar UID', () => {
    expect(confirmationMessageIdFor(bookingId, 'book.golfbay.test')).toBe('<booking-3f2c8a9e1b4d4c6e9f00a1b2c3d4e5f6@book.golfbay.test>');
    expect(icsUidFor(bookingId, 'book.golfbay.test')).toBe('booking-3f2c8a9e1b4d4c6e9f00a1b2c3d4e5f6@book.golfbay.test');
  });
});

const manageUrl = `https://book.golfbay.test/book/manage#t=${'ab'.repeat(32)}`;

describe('the .ics invitation', () => {
  it('links to the booking\'s manage link when it has one', () => {
    const withLink = buildBookingIcs({ notice, venue, organizer: { name: 'Golf Bay Bangkok', email: 'bookings@golfbay.test' }, manageUrl }).replace(/\r\n /g, '');
    expect(withLink).toContain(`\r\nURL:${manageUrl}\r\n`);
    expect(withLink).toContain(`Change or cancel: ${manageUrl}`);
    expect(buildBookingIcs({ notice, venue, organizer: { name: 'x', email: 'x@golfbay.test' }, method: 'CANCEL' })).not.toContain('URL:');
  });

  const ics = buildBookingIcs({ notice, venue, organizer: { name: 'Golf Bay Bangkok', email: 'bookings@golfbay.test' }, now: new Date('2026-11-20T03:04:05.678Z') });
  const unfolded = ics.replace(/\r\n /g, '');

  it('is a METHOD:REQUEST calendar with one event at UTC times', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(unfolded).toContain('\r\nMETHOD:REQUEST\r\n');
    expect(unfolded).toContain('\r\nSEQUENCE:0\r\n');
    expect(unfolded).toContain('\r\nUID:booking-3f2c8a9e1b4d4c6e9f00a1b2c3d4e5f6@book.golfbay.test\r\n');
    expect(unfolded).toContain('\r\nDTSTAMP:20261120T030405Z\r\n');
    // 18:00 and 19:30 in Bangkok are 11:00 and 12:30 UTC.
    expect(unfolded).toContain('\r\nDTSTART:20261127T110000Z\r\n');
    expect(unfolded).toContain('\r\nDTEND:20261127T123000Z\r\n');
    expect(unfolded).toContain('\r\nSUMMARY:Golf Bay Bangkok: Bay 1 (BK261127AB3DEFGH)\r\n');
    expect(unfolded).toContain('\r\nLOCATION:Golf Bay Bangkok\\, 88 Sukhumvit Soi 24\\, Khlong Toei\\, Bangkok 10110\r\n');
    expect(unfolded).toContain('\r\nORGANIZER;CN=Golf Bay Bangkok:mailto:bookings@golfbay.test\r\n');
    expect(unfolded).toContain('ATTENDEE;CN=Ann The Eagle <b>Smith</b>;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:ann@example.com');
    expect(unfolded.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });

  it('keeps every line within 75 octets, folding without splitting a Thai character', () => {
    const thai = buildBookingIcs({
      notice: { ...notice, customerName: 'สมชาย ใจดี'.repeat(10), locale: 'th' },
      venue: { ...venue, address: 'ถนนสุขุมวิท แขวงคลองเตย เขตคลองเตย กรุงเทพมหานคร 10110 '.repeat(3) },
      organizer: { name: 'Golf Bay Bangkok', email: 'bookings@golfbay.test' },
    });
    for (const line of thai.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(line).not.toContain('\uFFFD');
    }
    expect(thai.replace(/\r\n /g, '')).toContain('LOCATION:Golf Bay Bangkok\\, ถนนสุขุมวิท');
  });

  it('escapes TEXT values and folds long lines', () => {
    expect(escapeIcsText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const folded = foldIcsLine(`DESCRIPTION:${'x'.repeat(200)}`);
    expect(folded.split('\r\n').map((line) => line.length)).toEqual([75, 75, 64]);
    expect(folded.replace(/\r\n /g, '')).toBe(`DESCRIPTION:${'x'.repeat(200)}`);
    expect(icsUtc('2026-01-01T00:00:00+07:00')).toBe('20251231T170000Z');
  });
});

describe('the confirmation email', () => {
  it('escapes customer text in the HTML and keeps it as typed in the plain text', () => {
    const email = composeBookingConfirmation(notice, venue, manageUrl);
    expect(email.html).not.toMatch(/<b>|<3/);
    expect(email.html).toContain('Ann &quot;The Eagle&quot; &lt;b&gt;Smith&lt;/b&gt;');
    expect(email.html).toContain('Thanks &amp; &lt;3');
    expect(email.text).toContain('Hello Ann "The Eagle" <b>Smith</b>,');
    expect(email.text).toContain('Special requests: Quiet bay; near the window, if possible\nThanks & <3');
    expect(email.text).toContain('Time: 18:00–19:30 (1.5 hours, Bangkok time)');
    expect(email.text).toContain('Players: 1 person');
    expect(email.text).toContain('Price: ฿1,500');
    expect(email.text).toContain(`Change or cancel this booking online (this link is yours, do not share it): ${manageUrl}`);
    expect(email.html).toContain(`<a href="${manageUrl}">`);
    expect(email.text).not.toContain('/vip/bookings');
    expect(email.text).toContain('or call us on +66 2 000 0000 / LINE @golfbay.');
    expect(email.subject).toBe('Booking confirmed: Bay 1, Friday, 27 November 2026, 18:00–19:30 (BK261127AB3DEFGH)');
  });

  it('without a manage link (the booking is over or cancelled) gives the phone alone', () => {
    const email = composeBookingConfirmation(notice, venue, null);
    expect(email.text).toContain('Call us on +66 2 000 0000 / LINE @golfbay.');
    expect(email.text).not.toMatch(/https?:\/\//);
  });

  it('is in Thai, with the Buddhist-era date, for a Thai customer', () => {
    const email = composeBookingConfirmation({ ...notice, locale: 'th', packageName: 'แพ็กเกจ 10 ชั่วโมง', priceThb: null }, venue);
    expect(email.subject).toBe('ยืนยันการจอง: Bay 1 วันศุกร์ที่ 27 พฤศจิกายน 2569 เวลา 18:00–19:30 น. (BK261127AB3DEFGH)');
    expect(email.text).toContain('หมายเลขการจอง: BK261127AB3DEFGH');
    expect(email.text).toContain('จำนวนผู้เล่น: 1 คน');
    expect(email.text).toContain('แพ็กเกจ: แพ็กเกจ 10 ชั่วโมง');
    expect(email.text).not.toContain('ราคา');
    expect(email.html).toContain('<html lang="th">');
  });

  it('formats venue dates whatever the process time zone', () => {
    expect(process.env.TZ).toBe('America/New_York');
    expect(formatVenueDate('2026-01-01', 'en', 'long')).toBe('Thursday, 1 January 2026');
    expect(formatVenueDate('2026-01-01', 'th', 'long')).toBe('วันพฤหัสบดีที่ 1 มกราคม 2569');
  });
});

describe('the staff LINE message', () => {
  it('lists what the staff need to prepare the bay', () => {
    expect(composeStaffLineText(notice)).toBe(
      [
        'New booking BK261127AB3DEFGH',
        'Bay 1 · 2026-11-27 · 18:00–19:30 (1.5 h)',
        'People: 1',
        'Name: Ann "The Eagle" <b>Smith</b>',
        'Phone: +66812345678',
        'Email: ann@example.com',
        'Price: ฿1,500',
        'Language: English',
        'Requests: Quiet bay; near the window, if possible\nThanks & <3',
      ].join('\n'),
    );
  });

  it('stays within the LINE text limit', () => {
    const text = composeStaffLineText({ ...notice, specialRequests: 'x'.repeat(10_000) });
    expect(text.length).toBeLessThan(5_000);
    expect(text).toContain('…');
  });
});

describe('EMAIL_FROM', () => {
  it('takes the address of "Name <address>" or a bare address; the name is the venue\'s', () => {
    expect(parseEmailFrom('Golf Bay <bookings@golfbay.test>', venue)).toEqual({ name: 'Golf Bay Bangkok', email: 'bookings@golfbay.test' });
    expect(parseEmailFrom('"Golf Bay, Bangkok" <bookings@golfbay.test>', venue)).toEqual({ name: 'Golf Bay Bangkok', email: 'bookings@golfbay.test' });
    expect(parseEmailFrom('bookings@golfbay.test', venue)).toEqual({ name: 'Golf Bay Bangkok', email: 'bookings@golfbay.test' });
    expect(() => parseEmailFrom('not an address', venue)).toThrow(/EMAIL_FROM/);
  });
});

describe('/dev/outbox visibility', () => {
  it('is visible outside production, and in a production build only with DEV_TOOLS=1, whatever the database', () => {
    expect(developerToolsEnabled({ NODE_ENV: 'development' } as NodeJS.ProcessEnv)).toBe(true);
    expect(developerToolsEnabled({ NODE_ENV: 'test', DATABASE_URL: 'postgres://x/y' } as NodeJS.ProcessEnv)).toBe(true);
    expect(developerToolsEnabled({ NODE_ENV: 'production' } as NodeJS.ProcessEnv)).toBe(false);
    expect(developerToolsEnabled({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y' } as NodeJS.ProcessEnv)).toBe(false);
    expect(developerToolsEnabled({ NODE_ENV: 'production', SUPABASE_URL: 'https://x.supabase.co', SUPABASE_SERVICE_ROLE_KEY: 'k' } as NodeJS.ProcessEnv)).toBe(false);
    expect(developerToolsEnabled({ NODE_ENV: 'production', DEV_TOOLS: '1' } as NodeJS.ProcessEnv)).toBe(true);
  });
});

describe('recording instead of sending', () => {
  it('is refused in a production build without DEV_TOOLS=1, on a real database or the embedded one, so a job never succeeds without being sent', async () => {
    const { recordOutgoingMessage } = await import('@/lib/notifications/providers/record-outgoing-message');
    const names = ['NODE_ENV', 'DATABASE_URL', 'DEV_TOOLS'] as const;
    const saved = names.map((name) => [name, process.env[name]] as const);
    try {
      for (const databaseUrl of ['postgresql://db.example.com/golf', '']) {
        Object.assign(process.env, { NODE_ENV: 'production', DATABASE_URL: databaseUrl });
        delete process.env.DEV_TOOLS;
        await expect(recordOutgoingMessage('email', 'a@example.test', 'Hi', {})).rejects.toThrow(/No email provider is configured/);
      }
    } finally {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else Object.assign(process.env, { [name]: value });
      }
    }
  });
});
