import { z } from 'zod';
import { defineContract, defineCronContracts } from '@/lib/http/contract';
import { isoInstant } from '@/lib/http/instant';
import { emailTemplates, TemplateData } from '../compose/compose-template-email';

export const ProcessReviewRequestsResponse = z.object({
  processed: z.number().int().describe('Review requests attempted in this run'),
  sent: z.number().int().describe('Delivered (email or LINE)'),
  skipped: z.number().int().describe('Not sent and never will be: booking cancelled or customer opted out (extension)'),
  failed: z.number().int().describe('Attempts that failed; retried by a later run with back-off'),
  errors: z.array(z.object({ bookingId: z.string(), error: z.string() })).describe('Why each failed attempt failed'),
});

// POST|GET /api/notifications/process-review-requests (GET for schedulers that can only GET)
export const { post: processReviewRequestsContract, get: processReviewRequestsGetContract } = defineCronContracts(
  '/api/notifications/process-review-requests',
  'Queue review requests of completed bookings and send every due one; for the scheduler, with CRON_SECRET',
  'Notifications',
  ProcessReviewRequestsResponse,
);

const uuid = (what: string) => z.string().uuid(`${what} must be a UUID`);
const Locale = z.enum(['en', 'th']).describe('Language of the message (extension; default en)');

export const NotificationDeliveryResponse = z.object({
  success: z.boolean().describe('True when delivered now'),
  jobId: z.string().uuid().describe('The outbox job carrying it (retried until delivered when the provider failed)'),
  status: z.enum(['sent', 'queued', 'skipped']).describe('sent; queued for a retry (HTTP 202); skipped for good (e.g. opted out)'),
  attempts: z.number().int(),
  error: z.string().optional().describe('Why the last attempt failed'),
  skipped: z.string().optional().describe('Why it will not be sent'),
});

/** deliveryResponse answers 202 with the same body while the job waits for a retry. */
export const queuedResponse = { description: 'Queued: the provider failed and the outbox retries the job', schema: NotificationDeliveryResponse };

const systemRoute = <B extends z.ZodObject>(path: string, summary: string, body: B) =>
  defineContract({
    method: 'POST',
    path,
    summary,
    tag: 'Notifications',
    auth: 'system',
    body,
    response: NotificationDeliveryResponse,
    otherResponses: { 202: queuedResponse },
    errors: ['VALIDATION_ERROR', 'AUTH_REQUIRED', 'BOOKING_NOT_FOUND', 'CONFLICT', 'SERVICE_UNAVAILABLE'],
  });

export const SendLineNotificationRequest = z.object({
  groupId: z.string().trim().min(1, 'groupId is required').max(100).describe('LINE group (or user) id to push to'),
  message: z.string().trim().min(1, 'message is required').max(5000, 'LINE text messages hold at most 5000 characters'),
  type: z.string().max(60).optional().describe('What the message is about, e.g. booking_created'),
});
// POST /api/notifications/line
export const sendLineNotificationContract = systemRoute('/api/notifications/line', 'Send a LINE text message (system)', SendLineNotificationRequest);

export const SendEmailNotificationRequest = z.object({
  to: z.string().trim().email('to must be an email address'),
  subject: z.string().trim().min(1, 'subject is required').max(200),
  template: z.enum(emailTemplates, {
    error: 'template must be booking_confirmation, booking_cancellation, booking_modification or review_request',
  }),
  data: TemplateData.describe('What the template shows; other fields are kept but not shown'),
  locale: Locale.optional(),
});
// POST /api/notifications/email
export const sendEmailNotificationContract = systemRoute('/api/notifications/email', 'Send a templated email (system)', SendEmailNotificationRequest);

export const EmailCancellationRequest = z.object({
  bookingId: uuid('bookingId'),
  customerEmail: z.string().trim().email('customerEmail must be an email address').optional().describe('Defaults to the booking’s email'),
  cancellationReason: z.string().trim().max(500).optional(),
});
// POST /api/notifications/email/cancellation
export const emailCancellationContract = systemRoute('/api/notifications/email/cancellation', 'Send a cancelled booking’s cancellation email (system)', EmailCancellationRequest);

export const ScheduleReviewRequestRequest = z.object({
  bookingId: uuid('bookingId'),
  scheduledTime: isoInstant('scheduledTime must be an ISO 8601 instant between 2000 and 2100').optional().describe('Default: the booking’s end plus the configured delay'),
  customerEmail: z.string().trim().email('customerEmail must be an email address').optional(),
  customerName: z.string().trim().min(1).max(120).optional(),
});
export const ScheduleReviewRequestResponse = z.object({
  success: z.literal(true),
  jobId: z.string().uuid(),
  scheduledTime: z.string().describe('When it will be sent (ISO instant)'),
  status: z.enum(['pending', 'running', 'succeeded', 'failed']).describe('The request’s job; succeeded means it was sent already (never twice)'),
});
// POST /api/notifications/schedule-review-request
export const scheduleReviewRequestContract = defineContract({
  method: 'POST',
  path: '/api/notifications/schedule-review-request',
  summary: 'Schedule a booking’s review request (system)',
  tag: 'Notifications',
  auth: 'system',
  body: ScheduleReviewRequestRequest,
  response: ScheduleReviewRequestResponse,
  errors: ['VALIDATION_ERROR', 'AUTH_REQUIRED', 'BOOKING_NOT_FOUND', 'SERVICE_UNAVAILABLE'],
});

export const SendReviewRequestRequest = z.object({
  bookingId: uuid('bookingId'),
  customerEmail: z.string().trim().email('customerEmail must be an email address').optional(),
  deliveryMethod: z.enum(['email', 'line'], { error: 'deliveryMethod must be email or line' }).optional().describe('Default: LINE for a LINE member, else email'),
  lineUserId: z.string().trim().min(1).max(100).optional(),
});
// POST /api/notifications/send-review-request
export const sendReviewRequestContract = systemRoute('/api/notifications/send-review-request', 'Send a booking’s review request now (system)', SendReviewRequestRequest);

export const LineReviewRequestRequest = z.object({
  bookingId: uuid('bookingId'),
  lineUserId: z.string().trim().min(1, 'lineUserId is required').max(100),
  customerName: z.string().trim().min(1).max(120).optional(),
});
// POST /api/notifications/line/review-request
export const lineReviewRequestContract = systemRoute('/api/notifications/line/review-request', 'Send a booking’s review request by LINE now (system)', LineReviewRequestRequest);
