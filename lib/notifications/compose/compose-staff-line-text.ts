import type { BookingNotice } from '@/lib/db/functions';
import { formatBaht } from '@/lib/i18n/format-baht';
import { LINE_TEXT_LIMIT } from '../providers/line-push';

const REQUESTS_LIMIT = 1_000;

/** The staff group's message about a new booking (English: the staff's working language). */
export function composeStaffLineText(notice: BookingNotice): string {
  const requests = notice.specialRequests?.trim();
  const lines = [
    `New booking ${notice.reference}`,
    `${notice.bay} · ${notice.date} · ${notice.startTime}–${notice.endTime} (${notice.durationHours} h)`,
    `People: ${notice.numberOfPeople}`,
    `Name: ${notice.customerName}`,
    `Phone: ${notice.customerPhone}`,
    `Email: ${notice.customerEmail}`,
    notice.packageName ? `Package: ${notice.packageName}` : null,
    notice.priceThb !== null ? `Price: ฿${formatBaht(notice.priceThb)}` : null,
    `Language: ${notice.locale === 'th' ? 'Thai' : 'English'}`,
    `Requests: ${requests ? (requests.length > REQUESTS_LIMIT ? `${requests.slice(0, REQUESTS_LIMIT)}…` : requests) : '-'}`,
  ];
  return lines
    .filter((line): line is string => line !== null)
    .join('\n')
    .slice(0, LINE_TEXT_LIMIT);
}
