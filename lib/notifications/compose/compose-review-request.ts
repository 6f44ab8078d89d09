import type { BookingNotice } from '@/lib/db/functions';
import { formatVenueDate } from '@/lib/i18n/format-venue-date';
import { LINE_TEXT_LIMIT } from '../providers/line-push';
import { readEnv } from '@/lib/config/env';
import type { VenueDetails } from '../settings';
import type { ComposedEmail } from './compose-booking-confirmation';
import { escapeHtml } from './escape-html';

/** Where customers leave a review (REVIEW_URL) and where they stop marketing mail. */
export function reviewLinks(venue: VenueDetails): { reviewUrl: string; preferencesUrl: string } {
  const base = venue.manageBookingsUrl.replace(/\/vip\/bookings$/, '');
  return { reviewUrl: readEnv('REVIEW_URL') ?? `${base}/vip/bookings`, preferencesUrl: `${base}/vip/profile` };
}

const copy = {
  en: {
    subject: (venue: string) => `How was your visit to ${venue}?`,
    greeting: (name: string) => `Hello ${name},`,
    intro: (bay: string, when: string) => `Thank you for playing at ${bay} on ${when} (Bangkok time).`,
    ask: 'We would love to hear how it went. It takes a minute:',
    optOut: 'You receive this because you allowed us to contact you. To stop these emails, change your preferences:',
  },
  th: {
    subject: (venue: string) => `การมาเยือน ${venue} ของคุณเป็นอย่างไรบ้าง`,
    greeting: (name: string) => `สวัสดีคุณ ${name}`,
    intro: (bay: string, when: string) => `ขอบคุณที่มาเล่นที่ ${bay} เมื่อ ${when} (เวลากรุงเทพฯ)`,
    ask: 'เราอยากทราบความคิดเห็นของคุณ ใช้เวลาเพียงหนึ่งนาที:',
    optOut: 'คุณได้รับอีเมลนี้เพราะอนุญาตให้เราติดต่อ หากไม่ต้องการรับอีเมลนี้อีก เปลี่ยนการตั้งค่าได้ที่:',
  },
} as const;

function when(notice: BookingNotice): string {
  return `${formatVenueDate(notice.date, notice.locale, 'long')}, ${notice.startTime}–${notice.endTime}`;
}

/** The review request email in the booking's language: plain text and HTML, every value escaped. */
export function composeReviewRequestEmail(notice: BookingNotice, venue: VenueDetails): ComposedEmail & { preferencesUrl: string } {
  const t = copy[notice.locale];
  const { reviewUrl, preferencesUrl } = reviewLinks(venue);
  const text = [t.greeting(notice.customerName), '', t.intro(notice.bay, when(notice)), t.ask, reviewUrl, '', venue.name, '', `${t.optOut} ${preferencesUrl}`, ''].join('\n');
  const html = `<!doctype html><html lang="${notice.locale}"><body>
<p>${escapeHtml(t.greeting(notice.customerName))}</p>
<p>${escapeHtml(t.intro(notice.bay, when(notice)))}</p>
<p>${escapeHtml(t.ask)} <a href="${escapeHtml(reviewUrl)}">${escapeHtml(reviewUrl)}</a></p>
<p>${escapeHtml(venue.name)}</p>
<p style="font-size:12px;color:#666">${escapeHtml(t.optOut)} <a href="${escapeHtml(preferencesUrl)}">${escapeHtml(preferencesUrl)}</a></p>
</body></html>`;
  return { subject: t.subject(venue.name), text, html, preferencesUrl };
}

/** The review request as one LINE text message (within LINE's 5,000 characters). */
export function composeReviewRequestLine(notice: BookingNotice, venue: VenueDetails): string {
  const t = copy[notice.locale];
  const { reviewUrl } = reviewLinks(venue);
  return [t.greeting(notice.customerName), t.intro(notice.bay, when(notice)), t.ask, reviewUrl, venue.name].join('\n').slice(0, LINE_TEXT_LIMIT);
}
