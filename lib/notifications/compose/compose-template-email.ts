import { z } from 'zod';
import type { NotificationEmailJob } from '@/lib/outbox/kinds/notification-email';
import { formatVenueDate } from '@/lib/i18n/format-venue-date';
import type { ComposedEmail } from './compose-booking-confirmation';
import { reviewLinks } from './compose-review-request';
import { escapeHtml } from './escape-html';
import type { VenueDetails } from '../settings';

export const emailTemplates = ['booking_confirmation', 'booking_cancellation', 'booking_modification', 'review_request'] as const;

/** What every template reads from `data`; venue-local date and times as the API uses them. */
export const TemplateData = z
  .object({
    bookingReference: z.string().min(1).max(40).describe('The booking reference the customer quotes'),
    customerName: z.string().min(1).max(120),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD (venue-local)'),
    startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:mm (venue-local)'),
    endTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:mm (venue-local)').optional(),
    bay: z.string().max(60).optional(),
    cancellationReason: z.string().max(500).optional(),
  })
  .passthrough();

const copy = {
  en: {
    greeting: (name: string) => `Hello ${name},`,
    intro: {
      booking_confirmation: 'Your golf simulator booking is confirmed.',
      booking_cancellation: 'Your golf simulator booking has been cancelled.',
      booking_modification: 'Your golf simulator booking has been changed. Here is the new time.',
      review_request: 'Thank you for your visit. We would love to hear how it went:',
    },
    reference: 'Booking reference',
    when: 'When',
    bay: 'Bay',
    reason: 'Reason',
    bangkokTime: 'Bangkok time',
    optOut: 'To stop these emails, change your preferences:',
  },
  th: {
    greeting: (name: string) => `สวัสดีคุณ ${name}`,
    intro: {
      booking_confirmation: 'การจองกอล์ฟซิมูเลเตอร์ของคุณได้รับการยืนยันแล้ว',
      booking_cancellation: 'การจองกอล์ฟซิมูเลเตอร์ของคุณถูกยกเลิกแล้ว',
      booking_modification: 'การจองกอล์ฟซิมูเลเตอร์ของคุณได้รับการเปลี่ยนแปลงแล้ว รายละเอียดเวลาใหม่มีดังนี้',
      review_request: 'ขอบคุณที่มาใช้บริการ เราอยากทราบความคิดเห็นของคุณ:',
    },
    reference: 'หมายเลขการจอง',
    when: 'วันและเวลา',
    bay: 'เบย์',
    reason: 'เหตุผล',
    bangkokTime: 'เวลากรุงเทพฯ',
    optOut: 'หากไม่ต้องการรับอีเมลนี้อีก เปลี่ยนการตั้งค่าได้ที่:',
  },
} as const;

/** A templated email (POST /api/notifications/email) in English or Thai, plain text and HTML. */
export function composeTemplateEmail(job: NotificationEmailJob, venue: VenueDetails): ComposedEmail & { marketing: boolean; preferencesUrl: string } {
  const data = TemplateData.parse(job.data);
  const t = copy[job.locale];
  const { reviewUrl, preferencesUrl } = reviewLinks(venue);
  const marketing = job.template === 'review_request';
  const when = `${formatVenueDate(data.date, job.locale, 'long')}, ${data.startTime}${data.endTime ? `–${data.endTime}` : ''} (${t.bangkokTime})`;
  const rows: Array<[string, string]> = [
    [t.reference, data.bookingReference],
    [t.when, when],
    ...(data.bay ? [[t.bay, data.bay] as [string, string]] : []),
    ...(job.template === 'booking_cancellation' && data.cancellationReason ? [[t.reason, data.cancellationReason] as [string, string]] : []),
  ];
  const lines = [t.greeting(data.customerName), '', t.intro[job.template], ...(marketing ? [reviewUrl] : []), '', ...rows.map(([k, v]) => `${k}: ${v}`), '', venue.name, venue.phone];
  if (marketing) lines.push('', `${t.optOut} ${preferencesUrl}`);
  const html = `<!doctype html><html lang="${job.locale}"><body>
<p>${escapeHtml(t.greeting(data.customerName))}</p>
<p>${escapeHtml(t.intro[job.template])}${marketing ? ` <a href="${escapeHtml(reviewUrl)}">${escapeHtml(reviewUrl)}</a>` : ''}</p>
<table>${rows.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<p>${escapeHtml(venue.name)} · ${escapeHtml(venue.phone)}</p>
${marketing ? `<p style="font-size:12px;color:#666">${escapeHtml(t.optOut)} <a href="${escapeHtml(preferencesUrl)}">${escapeHtml(preferencesUrl)}</a></p>` : ''}
</body></html>`;
  return { subject: job.subject, text: `${lines.join('\n')}\n`, html, marketing, preferencesUrl };
}
