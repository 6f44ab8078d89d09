import { randomBytes } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { POST as createRoute } from '@/app/api/bookings/create/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { processOutbox } from '@/lib/outbox/process-outbox';
import { createCustomer, randomSuffix, venueDate } from '../support/factories';
import { call, json } from '../support/http';
import { startProviderStandIns, type LineStandIn, type ProviderStandIns, type SmtpStandIn } from '../support/provider-stand-ins';
import { sql } from '../support/sql';

/**
 * One brand, from data (#15 item 6) and names in the customer's language (item 5), in what
 * customers receive: a change of public.venue_settings shows in the very next email, its
 * .ics and the LINE text, as the SMTP and LINE stand-ins receive them from the real outbox
 * worker; a Thai customer reads the Thai venue, bay and address.
 */
let stand: ProviderStandIns;
let smtp: SmtpStandIn;
let line: LineStandIn;

beforeAll(async () => {
  stand = await startProviderStandIns({ PUBLIC_BASE_URL: 'https://book.golfbay.test', BOOKING_INLINE_BUDGET_MS: '5000' });
  ({ smtp, line } = stand);
});
afterAll(() => stand.close());
afterEach(() =>
  sql(`update public.venue_settings set venue_name = default, venue_name_th = null, address = default,
         address_th = '88 ซอยสุขุมวิท 24 แขวงคลองตัน เขตคลองเตย กรุงเทพมหานคร 10110', phone = default, line_id = null`),
);

let day = 0;
/** A LINE member's booking of Bay 2 through POST /api/bookings/create, on a day of its own. */
async function book(locale: 'en' | 'th') {
  const lineUserId = `U${randomBytes(16).toString('hex')}`;
  const [profile] = await sql<{ id: string }>(
    `insert into public.profiles (provider, provider_account_id, display_name, email) values ('line', $1, 'Line Golfer', $2) returning id`,
    [lineUserId, `line-${randomSuffix()}@example.test`],
  );
  const email = `brand-${randomSuffix()}@example.test`;
  const response = await call(createRoute, 'POST', '/api/bookings/create', {
    headers: { Authorization: `Bearer ${await issueSessionToken(profile!.id)}` },
    body: { date: venueDate(20 + day++), startTime: '14:00', duration: 1, bay: 'Bay 2', customerName: 'Ann Golfer', customerEmail: email, customerPhone: '0812345678', numberOfPeople: 2, locale },
  });
  expect(response.status).toBe(200);
  const { bookingId } = await json<{ bookingId: string }>(response);
  await processOutbox({ bookingId });
  return { bookingId, email, lineUserId };
}

async function confirmationTo(address: string) {
  const raw = smtp.mails.filter((mail) => mail.to.includes(address));
  const mails = await Promise.all(raw.map((mail) => simpleParser(mail.raw)));
  const mail = mails.find((parsed) => parsed.messageId?.startsWith('<booking-'));
  expect(mail, `confirmation email to ${address}`).toBeDefined();
  const ics = mail!.attachments.find((attachment) => attachment.filename?.endsWith('.ics'));
  expect(ics, 'the .ics attachment').toBeDefined();
  // Unfolded: long .ics lines continue on the next after CRLF and a space.
  return { mail: mail!, calendar: ics!.content.toString('utf8').replace(/\r\n /g, '') };
}

/** The reminder, due now, by LINE: the text the LINE stand-in accepted. */
async function reminderLineTo(bookingId: string, lineUserId: string) {
  await sql(`update public.outbox_jobs set run_after = now() where booking_id = $1 and kind = 'booking_reminder_line' and status = 'pending'`, [bookingId]);
  await processOutbox({ bookingId });
  const push = line.accepted.find((accepted) => accepted.to === lineUserId);
  expect(push, 'the LINE reminder').toBeDefined();
  return push!.text;
}

describe('the brand in messages', () => {
  it('a venue-settings change of name, address and phone shows in the next email, its .ics and the LINE text', async () => {
    const before = await book('en');
    expect((await confirmationTo(before.email)).mail.text).toContain('Golf Bay Bangkok');

    await sql(`update public.venue_settings set venue_name = 'Fairway Club Sathorn', address = '9 Sathorn Road, Bangkok 10120', phone = '+66 2 123 4567'`);
    const after = await book('en');
    const { mail, calendar } = await confirmationTo(after.email);
    expect(mail.from!.value[0]).toEqual({ name: 'Fairway Club Sathorn', address: 'bookings@golfbay.test' });
    expect(mail.text).toContain('Fairway Club Sathorn');
    expect(mail.text).toContain('9 Sathorn Road, Bangkok 10120');
    expect(mail.text).toContain('+66 2 123 4567');
    expect(mail.html).toContain('Fairway Club Sathorn');
    expect(calendar).toContain('ORGANIZER;CN=Fairway Club Sathorn:mailto:bookings@golfbay.test');
    expect(calendar).toContain('LOCATION:Fairway Club Sathorn\\, 9 Sathorn Road\\, Bangkok 10120');
    expect(calendar).toMatch(/\r\nSUMMARY:Fairway Club Sathorn: Bay 2 \(BK\w+\)\r\n/);
    for (const text of [mail.text!, calendar]) expect(text).not.toMatch(/Golf Bay Bangkok|LENGOLF|Golf Bay Booking/);

    const reminder = await reminderLineTo(after.bookingId, after.lineUserId);
    expect(reminder).toMatch(/^Reminder: Bay 2, .* at Fairway Club Sathorn\./);
  });

  it("a Thai customer's email, .ics and LINE text name the venue, its address and the bay in Thai", async () => {
    await sql(`update public.venue_settings set venue_name_th = 'แฟร์เวย์ คลับ สาทร'`);
    const booking = await book('th');
    const { mail, calendar } = await confirmationTo(booking.email);
    expect(mail.subject).toContain('เบย์ 2');
    expect(mail.from!.value[0]!.name).toBe('แฟร์เวย์ คลับ สาทร');
    expect(mail.text).toContain('เบย์ 2');
    expect(mail.text).toContain('แฟร์เวย์ คลับ สาทร');
    expect(mail.text).toContain('88 ซอยสุขุมวิท 24');
    expect(mail.text).not.toContain('Bay 2');
    expect(calendar).toContain('LOCATION:แฟร์เวย์ คลับ สาทร\\, 88 ซอยสุขุมวิท 24');
    expect(calendar).toMatch(/\r\nSUMMARY:แฟร์เวย์ คลับ สาทร: เบย์ 2 \(BK\w+\)\r\n/);

    const reminder = await reminderLineTo(booking.bookingId, booking.lineUserId);
    expect(reminder).toMatch(/^แจ้งเตือน: เบย์ 2 .* ที่ แฟร์เวย์ คลับ สาทร/);
  });

  it("a Thai customer's package booking names their own package in Thai, not another package of the same English name", async () => {
    const customer = await createCustomer();
    const lineUserId = `U${randomBytes(16).toString('hex')}`;
    const [profile] = await sql<{ id: string }>(
      `insert into public.profiles (provider, provider_account_id, display_name, email, customer_id) values ('line', $1, 'Line Golfer', $2, $3) returning id`,
      [lineUserId, `line-${randomSuffix()}@example.test`, customer],
    );
    const english = `Weekday ${randomSuffix()} 10 Hours`;
    const [own] = await sql<{ id: string }>(
      `insert into public.packages (customer_id, package_name, package_name_th, purchase_date, expiry_date, total_hours, used_hours)
       values ($1, $2, 'แพ็กเกจของฉันเอง', current_date - 5, current_date + 90, 10, 0) returning id`,
      [customer, english],
    );
    // Someone else's newer package of the same English name, named otherwise in Thai.
    await sql(
      `insert into public.packages (customer_id, package_name, package_name_th, purchase_date, expiry_date, total_hours, used_hours)
       values ($1, $2, 'แพ็กเกจของคนอื่น', current_date, current_date + 90, 10, 0)`,
      [await createCustomer(), english],
    );
    const email = `brand-${randomSuffix()}@example.test`;
    const response = await call(createRoute, 'POST', '/api/bookings/create', {
      headers: { Authorization: `Bearer ${await issueSessionToken(profile!.id)}` },
      body: { date: venueDate(20 + day++), startTime: '15:00', duration: 1, bay: 'Bay 2', customerName: 'Ann Golfer', customerEmail: email, customerPhone: '0812345678', numberOfPeople: 2, locale: 'th', packageId: own!.id },
    });
    expect(response.status).toBe(200);
    await processOutbox({ bookingId: (await json<{ bookingId: string }>(response)).bookingId });
    const { mail } = await confirmationTo(email);
    expect(mail.text).toContain('แพ็กเกจของฉันเอง');
    expect(mail.text).not.toContain('แพ็กเกจของคนอื่น');
    expect(mail.text).toContain('เบย์ 2');
  });

  it('an English customer of the same venue reads the English names, a Thai one without Thai texts the English ones', async () => {
    await sql(`update public.venue_settings set venue_name_th = 'แฟร์เวย์ คลับ สาทร'`);
    const english = await confirmationTo((await book('en')).email);
    expect(english.mail.text).toContain('Bay 2');
    expect(english.mail.text).toContain('Golf Bay Bangkok');
    expect(english.mail.text).not.toMatch(/แฟร์เวย์|เบย์ 2/);

    await sql(`update public.venue_settings set venue_name_th = null, address_th = null`);
    await sql(`update public.bays set name_th = null where name = 'Bay 2'`);
    try {
      const thai = await confirmationTo((await book('th')).email);
      expect(thai.mail.text).toContain('Golf Bay Bangkok');
      expect(thai.mail.text).toContain('Bay 2');
      expect(thai.mail.text).toContain('88 Sukhumvit Soi 24');
    } finally {
      await sql(`update public.bays set name_th = 'เบย์ 2' where name = 'Bay 2'`);
    }
  });
});
