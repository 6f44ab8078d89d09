import { messagingApi } from '@line/bot-sdk';
import type { BookingNotice } from '@/lib/db/functions';
import { NotificationError } from './notification-error';
import { recordOutgoingMessage } from './record-outgoing-message';
import { envValue, timeoutMs } from './settings';

/** LINE text messages hold at most 5,000 characters. */
const LINE_TEXT_LIMIT = 5_000;
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
    notice.priceThb !== null ? `Price: ฿${new Intl.NumberFormat('en-US').format(notice.priceThb)}` : null,
    `Language: ${notice.locale === 'th' ? 'Thai' : 'English'}`,
    `Requests: ${requests ? (requests.length > REQUESTS_LIMIT ? `${requests.slice(0, REQUESTS_LIMIT)}…` : requests) : '-'}`,
  ];
  return lines
    .filter((line): line is string => line !== null)
    .join('\n')
    .slice(0, LINE_TEXT_LIMIT);
}

function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Resolves with `promise`, or rejects after `ms`. The SDK's fetch takes no abort signal, so
 * a late request may still land: the retry key makes the retry of such an attempt harmless.
 */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// Booking side effect: tell the staff's LINE group about the new booking.
/**
 * Pushes a text message about the booking to the staff group (LINE_STAFF_GROUP_ID) with
 * the Messaging API, with `X-Line-Retry-Key` = the job id: LINE accepts one request per
 * key, and answers a repeat of an accepted one with 409, which counts as delivered. Without
 * LINE_CHANNEL_ACCESS_TOKEN and LINE_STAFF_GROUP_ID the message is recorded
 * (record_outgoing_message) instead.
 *
 * Throws NotificationError when LINE did not accept it (any other error status, no answer
 * within LINE_TIMEOUT_MS, unreachable), or when only one of the two settings is set.
 */
export async function postStaffLineMessage(notice: BookingNotice, job: { id: string }): Promise<{ delivered: true }> {
  const token = envValue('LINE_CHANNEL_ACCESS_TOKEN');
  const groupId = envValue('LINE_STAFF_GROUP_ID');
  const text = composeStaffLineText(notice);

  if (!token && !groupId) {
    await recordOutgoingMessage('line', '(staff group)', `New booking ${notice.reference}`, {
      to: null,
      retryKey: job.id,
      messages: [{ type: 'text', text }],
      text,
      bookingId: notice.bookingId,
      jobId: job.id,
    });
    return { delivered: true };
  }
  if (!token || !groupId) {
    throw new NotificationError('line', 'Set both LINE_CHANNEL_ACCESS_TOKEN and LINE_STAFF_GROUP_ID to message the staff group');
  }

  const client = new messagingApi.MessagingApiClient({
    channelAccessToken: token,
    baseURL: envValue('LINE_API_BASE_URL') ?? 'https://api.line.me',
  });
  try {
    await withTimeout(client.pushMessage({ to: groupId, messages: [{ type: 'text', text }] }, job.id), timeoutMs('LINE_TIMEOUT_MS'));
    return { delivered: true };
  } catch (error) {
    const status = httpStatus(error);
    // 409: a request with this retry key was accepted already (an earlier attempt got through).
    if (status === 409) return { delivered: true };
    // LINE's error body says what was wrong (e.g. {"message":"The request body has 1 error(s)",...}).
    const body = (error as { body?: unknown } | null)?.body;
    const detail = typeof body === 'string' && body ? ` ${body.slice(0, 500)}` : '';
    const message = `${error instanceof Error ? error.message : String(error)}${detail}`;
    throw new NotificationError('line', `Staff LINE message of ${notice.reference} not sent${status ? ` (HTTP ${status})` : ''}: ${message}`, {
      status,
      cause: error,
    });
  }
}
