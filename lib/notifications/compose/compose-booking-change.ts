import type { BookingChangeNotice } from '@/lib/db/functions';
import { formatVenueDate } from '@/lib/i18n/format-venue-date';
import type { ComposedEmail } from './compose-booking-confirmation';
import { escapeHtml } from './escape-html';
import type { VenueDetails } from '../settings';

type Kind = 'changed' | 'cancelled';

const copy = {
  en: {
    subject: { changed: 'Booking changed', cancelled: 'Booking cancelled' },
    greeting: (name: string) => `Hello ${name},`,
    intro: {
      changed: 'Your golf simulator booking has been changed. Here is the new time.',
      cancelled: 'Your golf simulator booking has been cancelled.',
    },
    reference: 'Booking reference',
    bay: 'Bay',
    when: 'When',
    was: 'Previously',
    hours: (h: number) => `${h} ${h === 1 ? 'hour' : 'hours'}`,
    bangkokTime: 'Bangkok time',
    reason: 'Reason',
    package: 'Package hours returned',
    manage: 'Change or cancel this booking online:',
    call: (phone: string) => `Questions? Call us on ${phone}.`,
    calendar: { changed: 'The attached calendar file (.ics) updates the booking in your calendar.', cancelled: 'The attached calendar file (.ics) removes the booking from your calendar.' },
  },
  th: {
    subject: { changed: 'เปลี่ยนแปลงการจอง', cancelled: 'ยกเลิกการจอง' },
    greeting: (name: string) => `สวัสดีคุณ ${name}`,
    intro: {
      changed: 'การจองกอล์ฟซิมูเลเตอร์ของคุณได้รับการเปลี่ยนแปลงแล้ว รายละเอียดเวลาใหม่มีดังนี้',
      cancelled: 'การจองกอล์ฟซิมูเลเตอร์ของคุณถูกยกเลิกแล้ว',
    },
    reference: 'หมายเลขการจอง',
    bay: 'เบย์',
    when: 'วันและเวลา',
    was: 'เดิม',
    hours: (h: number) => `${h} ชั่วโมง`,
    bangkokTime: 'เวลากรุงเทพฯ',
    reason: 'เหตุผล',
    package: 'คืนชั่วโมงแพ็กเกจแล้ว',
    manage: 'เปลี่ยนแปลงหรือยกเลิกการจองนี้ทางออนไลน์:',
    call: (phone: string) => `มีคำถาม? โทรหาเราที่ ${phone}`,
    calendar: { changed: 'ไฟล์ปฏิทิน (.ics) ที่แนบมาจะอัปเดตการจองในปฏิทินของคุณ', cancelled: 'ไฟล์ปฏิทิน (.ics) ที่แนบมาจะลบการจองออกจากปฏิทินของคุณ' },
  },
} as const;

/**
 * The email telling a customer their booking changed (new and previous time) or was
 * cancelled, in their language, as plain text and HTML with every value escaped. A change
 * carries the booking's manage link (a cancelled booking has none).
 */
export function composeBookingChange(notice: BookingChangeNotice, kind: Kind, venue: VenueDetails, manageUrl: string | null = null): ComposedEmail {
  const t = copy[notice.locale];
  const when = (date: string, start: string, end: string, hours: number) =>
    `${formatVenueDate(date, notice.locale, 'long')}, ${start}–${end} (${t.hours(hours)}, ${t.bangkokTime})`;
  const rows: Array<[string, string]> = [
    [t.reference, notice.reference],
    [t.bay, notice.bay],
    [t.when, when(notice.date, notice.startTime, notice.endTime, notice.durationHours)],
  ];
  if (kind === 'changed' && notice.previous) {
    rows.push([t.was, when(notice.previous.date, notice.previous.startTime, notice.previous.endTime, notice.previous.durationHours)]);
  }
  if (kind === 'cancelled' && notice.cancellationReason) rows.push([t.reason, notice.cancellationReason]);
  if (kind === 'cancelled' && notice.packageName) rows.push([t.package, `${notice.packageName}: ${t.hours(notice.durationHours)}`]);
  const subject = `${t.subject[kind]}: ${notice.bay}, ${formatVenueDate(notice.date, notice.locale, 'long')}, ${notice.startTime} (${notice.reference})`;
  const text = [
    t.greeting(notice.customerName),
    '',
    t.intro[kind],
    '',
    ...rows.map(([label, value]) => `${label}: ${value}`),
    '',
    ...(manageUrl ? [`${t.manage} ${manageUrl}`] : []),
    t.call(venue.phone),
    '',
    t.calendar[kind],
    '',
    venue.name,
    '',
  ].join('\n');
  const html = `<!doctype html>
<html lang="${notice.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f5f7f4;font-family:Helvetica,Arial,'Noto Sans Thai',sans-serif;color:#1f2933;">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px;">
<h1 style="margin:0 0 16px;font-size:20px;color:#14532d;">${escapeHtml(venue.name)}</h1>
<p>${escapeHtml(t.greeting(notice.customerName))}</p>
<p>${escapeHtml(t.intro[kind])}</p>
<table role="presentation" style="border-collapse:collapse;margin:16px 0;">
${rows
  .map(([label, value]) => `<tr><th scope="row" style="padding:6px 12px 6px 0;text-align:left;font-weight:600;vertical-align:top;">${escapeHtml(label)}</th><td style="padding:6px 0;">${escapeHtml(value)}</td></tr>`)
  .join('\n')}
</table>
<p>${manageUrl ? `${escapeHtml(t.manage)} <a href="${escapeHtml(manageUrl)}">${escapeHtml(manageUrl)}</a><br>` : ''}${escapeHtml(t.call(venue.phone))}</p>
<p style="color:#52606d;font-size:14px;">${escapeHtml(t.calendar[kind])}</p>
</div>
</body>
</html>
`;
  return { subject, text, html };
}
