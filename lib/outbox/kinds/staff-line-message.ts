import { BookingNotice } from '@/lib/db/functions';
import { composeStaffLineText } from '@/lib/notifications/compose/compose-staff-line-text';
import { NotificationError } from '@/lib/notifications/notification-error';
import { pushLineText } from '@/lib/notifications/providers/line-push';
import { recordOutgoingMessage } from '@/lib/notifications/providers/record-outgoing-message';
import { readEnv } from '@/lib/config/env';
import { defineJobKind } from '../job-kind';

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
  const token = readEnv('LINE_CHANNEL_ACCESS_TOKEN');
  const groupId = readEnv('LINE_STAFF_GROUP_ID');
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
  return pushLineText(groupId, text, job.id, `Staff LINE message of ${notice.reference}`);
}

/** staff_line_message: queued with every new booking; the staff hear of it even once it is cancelled. */
export const staffLineMessage = defineJobKind({
  payload: BookingNotice,
  perform: postStaffLineMessage,
  mootWhenBookingCancelled: false,
  queuedByNotificationRoutes: false,
});
