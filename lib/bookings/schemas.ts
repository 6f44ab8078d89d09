import { z } from 'zod';
import { phoneNumberField } from '../contact/phone';
import { defineContract } from '../http/contract';
import { MAX_EMAIL, MAX_NAME, MAX_SPECIAL_REQUESTS } from '../venue/booking-rules';
import { BayName, DurationHours, NumberOfPeople, VenueDate, VenueStartTime } from '../venue/fields';

export const CreateBookingRequest = z.object({
  date: VenueDate,
  startTime: VenueStartTime,
  duration: DurationHours,
  bay: BayName.optional().describe('A bay to book; without it the first free bay with room is assigned'),
  customerName: z.string({ error: 'Name is required' }).trim().min(1, 'Name is required').max(MAX_NAME, 'Name is too long'),
  customerEmail: z
    .string({ error: 'Email is required' })
    .trim()
    .max(MAX_EMAIL, 'Email is too long')
    .check(z.email({ error: 'Invalid email format' })),
  customerPhone: phoneNumberField('Phone is required')
    .describe('Thai (0812345678) or international (+44...) number; stored as E.164'),
  numberOfPeople: NumberOfPeople,
  specialRequests: z.string().trim().max(MAX_SPECIAL_REQUESTS, 'Special requests are too long').optional(),
  packageId: z.uuid({ error: 'Not a package id' }).optional().describe("One of the signed-in member's active packages"),
  locale: z.enum(['en', 'th']).optional().describe('Language of the confirmation email (extension; default en)'),
});
export type CreateBookingRequest = z.output<typeof CreateBookingRequest>;
/** The body as a client sends it (components/booking imports this type). */
export type CreateBookingBody = z.input<typeof CreateBookingRequest>;

/**
 * The one argument of SQL create_booking(p_booking jsonb): the request as validated, and how
 * it was sent. lib/db/functions.ts declares it as the call's argument, so a field added to
 * CreateBookingRequest reaches the function as a key without another declaration.
 */
export const BookingRecord = CreateBookingRequest.extend({
  idempotencyKey: z.string().optional().describe('The Idempotency-Key header'),
  requestHash: z.string().optional().describe("SHA-256 of the request, so a reused key with another body is caught"),
  vipTokenHash: z.string().optional().describe('SHA-256 of the X-VIP-Session token: the booking is attributed to its live code'),
});
export type BookingRecord = z.input<typeof BookingRecord>;

/** The optional headers of a booking request; a header that is empty or only spaces counts as absent. */
export const CreateBookingHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, 'Must be 1 to 200 visible ASCII characters')
    .optional()
    .describe('One per submit: a repeat with the same key answers the first booking; the same key with another body is 422'),
  'X-VIP-Session': z
    .string()
    .regex(/^(?:[0-9a-f]{64}|demo_[0-9]{1,11})$/, 'Not a VIP session token')
    .optional()
    .describe('A concierge VIP session token (POST /api/vip/sessions): a live one attributes the booking, a demo one books nothing'),
});

export const CreateBookingResponse = z.object({
  success: z.literal(true),
  bookingId: z.uuid().describe('Internal id of the booking (a UUID); not a credential'),
  bookingReference: z.string().describe('What the customer quotes to staff: BK + booking date YYMMDD + 8 characters'),
  calendarEventId: z.string().nullable().describe("The staff calendar event, once it was created (null if still queued)"),
  confirmationSent: z.boolean().describe('Whether the confirmation email was accepted by the mail server already'),
  vipCode: z.string().nullable().describe('The concierge VIP code the booking is attributed to (extension; X-VIP-Session)'),
  demo: z.literal(true).optional().describe('Present in a demo VIP session: nothing was booked (extension)'),
  manageUrl: z
    .string()
    .nullable()
    .optional()
    .describe("A manage link of the booking, for its confirmation page: the token is in the URL fragment (#t=), never a query (extension)"),
});
export type CreateBookingResponse = z.output<typeof CreateBookingResponse>;

// POST /api/bookings/create
export const createBookingContract = defineContract({
  method: 'POST',
  path: '/api/bookings/create',
  summary: 'Book a bay as a guest or signed-in member (send an Idempotency-Key header to make retries safe)',
  tag: 'Bookings',
  auth: 'optional',
  // Counted by the service: a replay counts nothing, a live VIP session counts as bookingVipSession.
  rateLimit: { member: 'bookingMember', guest: 'bookingGuest', byHandler: true },
  body: CreateBookingRequest,
  headers: CreateBookingHeaders,
  response: CreateBookingResponse,
  errors: [
    'VALIDATION_ERROR',
    'AUTH_REQUIRED',
    'PACKAGE_NOT_FOUND',
    'SLOT_UNAVAILABLE',
    'OUTSIDE_BOOKING_WINDOW',
    'PACKAGE_HOURS_INSUFFICIENT',
    'IDEMPOTENCY_KEY_REUSED',
    'RATE_LIMIT_EXCEEDED',
    'SERVICE_UNAVAILABLE',
  ],
});
