import { z } from 'zod';
import { callerOfStaff, type StaffIdentity } from '../auth/verify-staff';
import { requestHash } from '../bookings/create-booking';
import { CreateBookingHeaders } from '../bookings/schemas';
import { phoneNumberField, phoneSearchDigits, toE164 } from '../contact/phone';
import { rpc } from '../db';
import { DaySheetBooking, DeskCustomer } from '../db/functions';
import { defineContract } from '../http/contract';
import { deliverInline } from '../outbox/inline-delivery';
import { MAX_EMAIL, MAX_NAME, MAX_SPECIAL_REQUESTS } from '../venue/booking-rules';
import { BayName, DurationHours, NumberOfPeople, VenueDate, VenueStartTime } from '../venue/fields';

const staffErrors = ['AUTH_REQUIRED', 'FORBIDDEN', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'] as const;

/** How many customers one search answers with: the desk picks from a short list, or types more. */
export const CUSTOMER_SEARCH_LIMIT = 10;

export const FindCustomersQuery = z.object({
  q: z
    .string({ error: 'Type a phone number, a name, an email or a booking reference' })
    .trim()
    .min(2, 'Type at least 2 characters')
    .max(120, 'Type at most 120 characters')
    .describe('A phone number (any way of writing it, or its last digits), a name (start or part, any case), an email or a booking reference'),
});
export const FindCustomersResponse = z.object({
  customers: z.array(DeskCustomer).describe(`At most ${CUSTOMER_SEARCH_LIMIT}: exact phone, email or reference matches first, then names starting with q`),
});

// GET /api/staff/customers?q=
export const findCustomersContract = defineContract({
  method: 'GET',
  path: '/api/staff/customers',
  summary: 'The front desk finds a customer record by phone, name, email or booking reference (staff session)',
  tag: 'Staff',
  auth: 'staff',
  rateLimit: 'general',
  query: FindCustomersQuery,
  response: FindCustomersResponse,
  errors: ['VALIDATION_ERROR', ...staffErrors],
});

export const CreateCustomerRequest = z.object({
  name: z.string({ error: 'Name is required' }).trim().min(1, 'Name is required').max(MAX_NAME, 'Name is too long'),
  phone: phoneNumberField('Phone is required').describe('Thai (0812345678) or international (+44...) number; stored as E.164'),
  email: z
    .string()
    .trim()
    .max(MAX_EMAIL, 'Email is too long')
    .check(z.email({ error: 'Invalid email format' }))
    .optional()
    .describe('Where the confirmation goes; without one the customer gets no emails'),
});
export const DeskCustomerResponse = z.object({ customer: DeskCustomer });

// POST /api/staff/customers
export const createCustomerContract = defineContract({
  method: 'POST',
  path: '/api/staff/customers',
  summary: 'The front desk adds a customer record (name, phone, optional email); a phone that has one answers 409 CUSTOMER_EXISTS with it (staff session)',
  tag: 'Staff',
  auth: 'staff',
  rateLimit: 'general',
  body: CreateCustomerRequest,
  response: DeskCustomerResponse,
  successStatus: 201,
  errors: ['VALIDATION_ERROR', 'CUSTOMER_EXISTS', ...staffErrors],
});

export const StaffCreateBookingRequest = z.object({
  customerId: z.uuid({ error: 'customerId must be a UUID' }).describe('The customer record (GET or POST /api/staff/customers); the booking takes its name, phone and email'),
  source: z.enum(['walk_in', 'phone'], { error: 'source must be walk_in or phone' }).describe('At the desk, or on the phone'),
  bay: BayName,
  date: VenueDate,
  startTime: VenueStartTime,
  duration: DurationHours,
  numberOfPeople: NumberOfPeople,
  packageId: z.uuid({ error: 'Not a package id' }).optional().describe("One of the customer's packages with hours left"),
  specialRequests: z.string().trim().max(MAX_SPECIAL_REQUESTS, 'Notes are too long').optional(),
  locale: z.enum(['en', 'th']).optional().describe('Language of the customer’s emails (default en)'),
});
export const StaffCreateBookingResponse = z.object({
  replayed: z.boolean().describe('true: this Idempotency-Key booked already; the answer is that booking'),
  booking: DaySheetBooking.describe('The booking as the day sheet shows it'),
});
export const StaffBookingHeaders = CreateBookingHeaders.pick({ 'Idempotency-Key': true });

// POST /api/staff/bookings
export const staffCreateBookingContract = defineContract({
  method: 'POST',
  path: '/api/staff/bookings',
  summary:
    'The front desk books for a customer record (walk-in or phone): the customers’ booking rules without the online ones (notice, horizon), never a slot that has ended; confirmation email, LINE, calendar and reminders as usual; audited under the staff account',
  tag: 'Staff',
  auth: 'staff',
  rateLimit: 'general',
  body: StaffCreateBookingRequest,
  headers: StaffBookingHeaders,
  response: StaffCreateBookingResponse,
  successStatus: 201,
  errors: [
    'VALIDATION_ERROR',
    'CUSTOMER_NOT_FOUND',
    'PACKAGE_NOT_FOUND',
    'PACKAGE_EXPIRED',
    'PACKAGE_HOURS_INSUFFICIENT',
    'SLOT_UNAVAILABLE',
    'IDEMPOTENCY_KEY_REUSED',
    ...staffErrors,
  ],
});

/** Customers matching q; a q that reads as a phone number also matches its E.164 form, and its digits any number containing them. */
export const findCustomers = (staff: StaffIdentity, q: string) =>
  rpc('staff_find_customers', { p_query: q, p_phone: toE164(q), p_digits: phoneSearchDigits(q), p_limit: CUSTOMER_SEARCH_LIMIT }, callerOfStaff(staff));

/** A new customer record (SQL checks the caller is staff and that the phone has none yet). */
export const createCustomer = (staff: StaffIdentity, customer: z.output<typeof CreateCustomerRequest>) =>
  rpc('staff_create_customer', { p_customer: customer }, callerOfStaff(staff));

/** Books for a customer record at the desk, then tries its confirmation and calendar inline, as the booking route does. */
export async function staffCreateBooking(staff: StaffIdentity, booking: z.output<typeof StaffCreateBookingRequest>, idempotencyKey: string | undefined) {
  const record = idempotencyKey ? { ...booking, idempotencyKey, requestHash: requestHash(booking) } : booking;
  const created = await rpc('staff_create_booking', { p_booking: record }, callerOfStaff(staff));
  if (!created.replayed) await deliverInline({ bookingId: created.booking.id }, `staff booking ${created.booking.reference}: inline delivery`);
  return created;
}
