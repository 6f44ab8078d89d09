import type { BookingNotice } from '@/lib/db/functions';
import { formatVenueDate } from '@/lib/i18n/format-venue-date';
import { LINE_TEXT_LIMIT } from '../providers/line-push';
import type { VenueDetails } from '../settings';
import type { ComposedEmail } from './compose-booking-confirmation';
import { escapeHtml } from './escape-html';

const copy = {
  en: {
    subject: (n: BookingNotice, when: string) => `Reminder: ${n.bay}, ${when} (${n.reference})`,
    greeting: (name: string) => `Hello ${name},`,
    intro: (venue: string) => `A reminder of your golf simulator booking at ${venue}:`,
    reference: 'Booking reference',
    bay: 'Bay',
    when: 'When',
    people: 'Players',
    peopleCount: (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`,
    bangkokTime: 'Bangkok time',
    where: 'Where',
    manage: 'Running late or need to change? Manage your booking:',
    call: (phone: string) => `or call us on ${phone}.`,
    signOff: 'See you soon!',
    line: (n: BookingNotice, when: string, venue: string) => `Reminder: ${n.bay}, ${when} (${n.reference}) at ${venue}.`,
    lineManage: 'Change or cancel:',
  },
  th: {
    subject: (n: BookingNotice, when: string) => `แจ้งเตือนการจอง: ${n.bay} ${when} (${n.reference})`,
    greeting: (name: string) => `สวัสดีคุณ ${name}`,
    intro: (venue: string) => `ขอแจ้งเตือนการจองกอล์ฟซิมูเลเตอร์ของคุณที่ ${venue}:`,
    reference: 'หมายเลขการจอง',
    bay: 'เบย์',
    when: 'วันและเวลา',
    people: 'จำนวนผู้เล่น',
    peopleCount: (n: number) => `${n} คน`,
    bangkokTime: 'เวลากรุงเทพฯ',
    where: 'สถานที่',
    manage: 'มาสายหรือต้องการเปลี่ยนแปลง? จัดการการจองของคุณได้ที่:',
    call: (phone: string) => `หรือโทรหาเราที่ ${phone}`,
    signOff: 'แล้วพบกันเร็ว ๆ นี้',
    line: (n: BookingNotice, when: string, venue: string) => `แจ้งเตือน: ${n.bay} ${when} (${n.reference}) ที่ ${venue}`,
    lineManage: 'เปลี่ยนหรือยกเลิก:',
  },
} satisfies Record<BookingNotice['locale'], unknown>;

/** "Sat, 5 December 2026, 15:00–16:00" in the booking's language (Thai: Buddhist year, "น."). */
function when(notice: BookingNotice): string {
  const date = formatVenueDate(notice.date, notice.locale, 'long');
  return `${date}, ${notice.startTime}–${notice.endTime}${notice.locale === 'th' ? ' น.' : ''}`;
}

/**
 * The reminder email of a booking in its customer's language, plain text and HTML (every
 * value escaped), with `manageUrl`: the booking's own manage link, issued when it is sent.
 */
export function composeBookingReminderEmail(notice: BookingNotice, venue: VenueDetails, manageUrl: string): ComposedEmail {
  const t = copy[notice.locale];
  const rows: Array<[string, string]> = [
    [t.reference, notice.reference],
    [t.bay, notice.bay],
    [t.when, `${when(notice)} (${t.bangkokTime})`],
    [t.people, t.peopleCount(notice.numberOfPeople)],
    [t.where, `${venue.name}, ${venue.address}`],
  ];
  const subject = t.subject(notice, when(notice));
  const text = [
    t.greeting(notice.customerName),
    '',
    t.intro(venue.name),
    '',
    ...rows.map(([label, value]) => `${label}: ${value}`),
    '',
    `${t.manage} ${manageUrl}`,
    t.call(venue.phone),
    '',
    t.signOff,
    '',
  ].join('\n');
  const html = `<!doctype html><html lang="${notice.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>
<p>${escapeHtml(t.greeting(notice.customerName))}</p>
<p>${escapeHtml(t.intro(venue.name))}</p>
<table role="presentation">${rows.map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('')}</table>
<p>${escapeHtml(t.manage)} <a href="${escapeHtml(manageUrl)}">${escapeHtml(manageUrl)}</a><br>${escapeHtml(t.call(venue.phone))}</p>
<p>${escapeHtml(t.signOff)}</p>
</body></html>
`;
  return { subject, text, html };
}

/** The reminder as one short LINE text in the booking's language, with its manage link. */
export function composeBookingReminderLine(notice: BookingNotice, venue: VenueDetails, manageUrl: string): string {
  const t = copy[notice.locale];
  return [t.line(notice, when(notice), venue.name), `${t.lineManage} ${manageUrl}`].join('\n').slice(0, LINE_TEXT_LIMIT);
}
