import { z } from 'zod';
import { issueManageLink } from '@/lib/bookings/manage-links';
import { rpc, serviceCaller } from '@/lib/db';
import type { ReviewRequestTarget } from '@/lib/db/functions';

/**
 * The payload of a booking reminder job (kinds booking_reminder_email and booking_reminder_line),
 * written by the booking triggers of migration 20261202003000: the booking and the start it was
 * queued for. No recipient, text or link: all are read or issued when it is sent.
 */
export const BookingReminderJob = z.object({
  bookingId: z.string().uuid(),
  startsAt: z.string().describe('The start the reminder was queued for (ISO instant); a booking moved since has another job'),
});
export type BookingReminderJob = z.infer<typeof BookingReminderJob>;

export type BookingReminder = { skipped: string } | { skipped?: undefined; target: ReviewRequestTarget; recipient: string; manageUrl: string };

/**
 * What a reminder says when it is sent: the booking as it is now, the recipient `recipientOf`
 * picks (null: the channel has none), and a manage link issued for this message (so no outbox
 * payload ever holds a token). Or why it is not sent: cancelled, moved since it was queued,
 * the visit started, no recipient; the job then succeeds with `skipped` and is never retried.
 */
export async function prepareBookingReminder(
  job: BookingReminderJob,
  recipientOf: (target: ReviewRequestTarget) => string | null,
  noRecipient: string,
): Promise<BookingReminder> {
  const target = await rpc('booking_reminder_target', { p_booking_id: job.bookingId, p_starts_at: job.startsAt }, serviceCaller);
  if (target.skipReason) return { skipped: target.skipReason };
  const recipient = recipientOf(target);
  if (!recipient) return { skipped: noRecipient };
  const manageUrl = await issueManageLink(target.bookingId);
  // Cancelled or over since the read above: a link would open nothing, and so is the reminder moot.
  if (!manageUrl) return { skipped: 'Booking is no longer open' };
  return { target, recipient, manageUrl };
}
