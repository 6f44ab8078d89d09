import { formatBaht } from '@/lib/i18n/format-baht';
import { formatVenueDate } from '@/lib/i18n/format-venue-date';
import type { BookingNotice } from '@/lib/db/functions';
import { escapeHtml } from './escape-html';
import type { VenueDetails } from '../settings';

type Locale = BookingNotice['locale'];

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
}


const copy = {
  en: {
    subject: (n: BookingNotice, date: string) => `Booking confirmed: ${n.bay}, ${date}, ${n.startTime}–${n.endTime} (${n.reference})`,
    greeting: (name: string) => `Hello ${name},`,
    intro: 'Your golf simulator booking is confirmed. We look forward to seeing you.',
    reference: 'Booking reference',
    bay: 'Bay',
    date: 'Date',
    time: 'Time',
    hours: (h: number) => `${h} ${h === 1 ? 'hour' : 'hours'}`,
    bangkokTime: 'Bangkok time',
    people: 'Players',
    peopleCount: (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`,
    package: 'Package',
    price: 'Price',
    requests: 'Special requests',
    where: 'Where',
    manageHeading: 'Need to change or cancel?',
    manage: 'Change or cancel this booking online (this link is yours, do not share it):',
    call: (phone: string, line: string | undefined) => `or call us on ${phone}${line ? ` / LINE ${line}` : ''}.`,
    callOnly: (phone: string, line: string | undefined) => `Call us on ${phone}${line ? ` / LINE ${line}` : ''}.`,
    calendar: 'The attached calendar file (.ics) adds this booking to your calendar.',
    signOff: (venue: string) => `See you soon at ${venue}!`,
  },
  th: {
    subject: (n: BookingNotice, date: string) => `ยืนยันการจอง: ${n.bay} ${date} เวลา ${n.startTime}–${n.endTime} น. (${n.reference})`,
    greeting: (name: string) => `สวัสดีคุณ ${name}`,
    intro: 'การจองกอล์ฟซิมูเลเตอร์ของคุณได้รับการยืนยันแล้ว เรายินดีต้อนรับคุณ',
    reference: 'หมายเลขการจอง',
    bay: 'เบย์',
    date: 'วันที่',
    time: 'เวลา',
    hours: (h: number) => `${h} ชั่วโมง`,
    bangkokTime: 'เวลากรุงเทพฯ',
    people: 'จำนวนผู้เล่น',
    peopleCount: (n: number) => `${n} คน`,
    package: 'แพ็กเกจ',
    price: 'ราคา',
    requests: 'คำขอพิเศษ',
    where: 'สถานที่',
    manageHeading: 'ต้องการเปลี่ยนแปลงหรือยกเลิกการจอง?',
    manage: 'เปลี่ยนแปลงหรือยกเลิกการจองนี้ทางออนไลน์ (ลิงก์นี้สำหรับคุณเท่านั้น โปรดอย่าแชร์):',
    call: (phone: string, line: string | undefined) => `หรือโทรหาเราที่ ${phone}${line ? ` / LINE ${line}` : ''}`,
    callOnly: (phone: string, line: string | undefined) => `โทรหาเราที่ ${phone}${line ? ` / LINE ${line}` : ''}`,
    calendar: 'ไฟล์ปฏิทิน (.ics) ที่แนบมาจะเพิ่มการจองนี้ลงในปฏิทินของคุณ',
    signOff: (venue: string) => `แล้วพบกันที่ ${venue}`,
  },
} satisfies Record<Locale, unknown>;

/**
 * The confirmation email of a booking in the customer's language, as plain text and as HTML,
 * with the booking's own manage link (lib/bookings/manage-links.ts; null: only the phone).
 * Every interpolated value is escaped in the HTML: customer input (name, requests) and
 * configuration alike.
 */
export function composeBookingConfirmation(notice: BookingNotice, venue: VenueDetails, manageUrl: string | null = null): ComposedEmail {
  const t = copy[notice.locale];
  const date = formatVenueDate(notice.date, notice.locale, 'long');
  const rows: Array<[string, string]> = [
    [t.reference, notice.reference],
    [t.bay, notice.bay],
    [t.date, date],
    [t.time, `${notice.startTime}–${notice.endTime} (${t.hours(notice.durationHours)}, ${t.bangkokTime})`],
    [t.people, t.peopleCount(notice.numberOfPeople)],
  ];
  if (notice.packageName) rows.push([t.package, notice.packageName]);
  if (notice.priceThb !== null) rows.push([t.price, `฿${formatBaht(notice.priceThb)}`]);
  if (notice.specialRequests) rows.push([t.requests, notice.specialRequests]);

  const text = [
    t.greeting(notice.customerName),
    '',
    t.intro,
    '',
    ...rows.map(([label, value]) => `${label}: ${value}`),
    '',
    `${t.where}: ${venue.name}`,
    venue.address,
    '',
    t.manageHeading,
    ...(manageUrl ? [`${t.manage} ${manageUrl}`, t.call(venue.phone, venue.lineId)] : [t.callOnly(venue.phone, venue.lineId)]),
    '',
    t.calendar,
    '',
    t.signOff(venue.name),
    '',
  ].join('\n');

  const cell = 'padding:6px 12px 6px 0;vertical-align:top;';
  const html = `<!doctype html>
<html lang="${notice.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t.subject(notice, date))}</title></head>
<body style="margin:0;padding:24px;background:#f5f7f4;font-family:Helvetica,Arial,'Noto Sans Thai',sans-serif;color:#1f2933;">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px;">
<h1 style="margin:0 0 16px;font-size:20px;color:#14532d;">${escapeHtml(venue.name)}</h1>
<p>${escapeHtml(t.greeting(notice.customerName))}</p>
<p>${escapeHtml(t.intro)}</p>
<table role="presentation" style="border-collapse:collapse;margin:16px 0;">
${rows
  .map(
    ([label, value]) =>
      `<tr><th scope="row" style="${cell}text-align:left;font-weight:600;white-space:nowrap;">${escapeHtml(label)}</th><td style="${cell}white-space:pre-line;">${escapeHtml(value)}</td></tr>`,
  )
  .join('\n')}
</table>
<p><strong>${escapeHtml(t.where)}:</strong> ${escapeHtml(venue.name)}<br>${escapeHtml(venue.address)}</p>
<h2 style="font-size:16px;margin:24px 0 8px;">${escapeHtml(t.manageHeading)}</h2>
<p>${manageUrl ? `${escapeHtml(t.manage)} <a href="${escapeHtml(manageUrl)}">${escapeHtml(manageUrl)}</a><br>${escapeHtml(t.call(venue.phone, venue.lineId))}` : escapeHtml(t.callOnly(venue.phone, venue.lineId))}</p>
<p style="color:#52606d;font-size:14px;">${escapeHtml(t.calendar)}</p>
<p>${escapeHtml(t.signOff(venue.name))}</p>
</div>
</body>
</html>
`;
  return { subject: t.subject(notice, date), text, html };
}
