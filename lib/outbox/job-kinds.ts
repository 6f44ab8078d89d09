import type { JobKind } from './job-kind';
import { bookingCancellationEmail } from './kinds/booking-cancellation-email';
import { bookingChangeEmail } from './kinds/booking-change-email';
import { bookingConfirmationEmail } from './kinds/booking-confirmation-email';
import { bookingReminderEmail } from './kinds/booking-reminder-email';
import { bookingReminderLine } from './kinds/booking-reminder-line';
import { calendarEventCreate } from './kinds/calendar-event-create';
import { calendarEventDelete } from './kinds/calendar-event-delete';
import { calendarEventUpdate } from './kinds/calendar-event-update';
import { emailSignInCodeEmail } from './kinds/email-sign-in-code-email';
import { lineMessage } from './kinds/line-message';
import { notificationEmail } from './kinds/notification-email';
import { reviewRequest } from './kinds/review-request';
import { staffLineMessage } from './kinds/staff-line-message';
import { staffInvitationEmail } from './kinds/staff-invitation-email';
import { vipLinkCodeEmail } from './kinds/vip-link-code-email';

/**
 * Every outbox job kind, by the name jobs carry. Adding one: a module in kinds/, a line
 * here, and a migration adding its row to public.outbox_job_kinds (with the schema file).
 */
export const outboxJobKinds = {
  booking_confirmation_email: bookingConfirmationEmail,
  staff_line_message: staffLineMessage,
  calendar_event_create: calendarEventCreate,
  calendar_event_update: calendarEventUpdate,
  calendar_event_delete: calendarEventDelete,
  booking_change_email: bookingChangeEmail,
  booking_cancellation_email: bookingCancellationEmail,
  vip_link_code_email: vipLinkCodeEmail,
  email_sign_in_code_email: emailSignInCodeEmail,
  review_request: reviewRequest,
  line_message: lineMessage,
  notification_email: notificationEmail,
  booking_reminder_email: bookingReminderEmail,
  booking_reminder_line: bookingReminderLine,
  staff_invitation_email: staffInvitationEmail,
} satisfies Record<string, JobKind>;

export type OutboxJobKind = keyof typeof outboxJobKinds;

/** The kind named `name`, or undefined when the app has no handler for it. */
export function jobKind(name: string): JobKind | undefined {
  return Object.hasOwn(outboxJobKinds, name) ? outboxJobKinds[name as OutboxJobKind] : undefined;
}
