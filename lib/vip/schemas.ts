import { z } from 'zod';
import { phoneNumberField } from '../contact/phone';
import { sqlFunctions, VipBooking, VipStatusResult } from '../db/functions';
import { cachePolicies } from '../http/caching';
import { defineContract } from '../http/contract';
import { MAX_EMAIL, MAX_NAME } from '../venue/booking-rules';
import { CancelVipBookingRequest, ModifyVipBookingRequest } from './booking-changes';
import { BOOKINGS_FILTERS } from './bookings-filters';

export const VipStatusResponse = VipStatusResult.describe("The member's link to a venue customer record");

// GET /api/vip/status
export const vipStatusContract = defineContract({
  method: 'GET',
  path: '/api/vip/status',
  summary: "The signed-in member's CRM link status",
  tag: 'VIP',
  auth: 'member',
  rateLimit: 'vip',
  cache: cachePolicies.vipStatus,
  response: VipStatusResponse,
  errors: ['AUTH_REQUIRED', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'],
});

export const VipPackagesResponse = sqlFunctions.get_my_packages.result.describe("The member's hour packages: active, and depleted or expired");

// GET /api/vip/packages
export const vipPackagesContract = defineContract({
  method: 'GET',
  path: '/api/vip/packages',
  summary: "The signed-in member's hour packages",
  tag: 'VIP',
  auth: 'member',
  rateLimit: 'vip',
  cache: cachePolicies.packages,
  response: VipPackagesResponse,
  errors: ['AUTH_REQUIRED', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'],
});

// --- Bookings ---------------------------------------------------------------------------

/** Most bookings one page holds: a phone screen's worth, and a bound on the query. */
export const MAX_BOOKINGS_PAGE_SIZE = 50;

const positiveInteger = (name: string, fallback: number) =>
  z
    .string()
    .regex(/^[0-9]{1,6}$/, `${name} must be a positive whole number`)
    // A pattern, not a refinement, so the OpenAPI document says that 0 is refused.
    .regex(/[1-9]/, `${name} must be at least 1`)
    .transform(Number)
    .optional()
    .transform((value) => value ?? fallback);

export const VipBookingsQuery = z.object({
  page: positiveInteger('page', 1).describe('Page number, from 1 (default 1)'),
  limit: positiveInteger('limit', 10)
    .transform((value) => Math.min(value, MAX_BOOKINGS_PAGE_SIZE))
    .describe(`Bookings per page (default 10, capped at ${MAX_BOOKINGS_PAGE_SIZE})`),
  filter: z
    .enum(BOOKINGS_FILTERS, { error: 'filter must be future, past, cancelled or all' })
    .optional()
    .transform((value) => value ?? 'all')
    .describe('future: not cancelled and not yet ended, soonest first; past: ended and not cancelled, newest first; cancelled: cancelled, whatever their date, newest first (extension); all: newest first'),
});
export type VipBookingsQuery = z.output<typeof VipBookingsQuery>;

export const VipBookingsResponse = sqlFunctions.get_my_bookings.result.describe("The member's bookings, by profile or linked customer record");

// GET /api/vip/bookings
export const vipBookingsContract = defineContract({
  method: 'GET',
  path: '/api/vip/bookings',
  summary: "The signed-in member's bookings, paged",
  tag: 'VIP',
  auth: 'member',
  rateLimit: 'vip',
  query: VipBookingsQuery,
  response: VipBookingsResponse,
  // listMyBookings answers get_my_bookings's parsed result as it is.
  responseParsedByRpc: true,
  errors: ['VALIDATION_ERROR', 'AUTH_REQUIRED', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'],
});

/** Any string: an id that is not a UUID is simply a booking that does not exist (404). */
export const BookingIdParams = z.object({
  // Documented as what a booking id looks like; anything else is accepted and simply not found.
  bookingId: z.string().meta({ format: 'uuid' }).describe('The booking id (UUID); any other string is a booking that does not exist (404)'),
});

// The answers of a change are the SQL functions' results (one declaration of a VIP booking), less `changed`.
export const ModifyVipBookingResponse = sqlFunctions.modify_vip_booking.result.pick({ message: true }).extend({
  booking: VipBooking.pick({ id: true, date: true, startTime: true, duration: true, bay: true, status: true }),
});

// PUT /api/vip/bookings/{bookingId}/modify
export const modifyVipBookingContract = defineContract({
  method: 'PUT',
  path: '/api/vip/bookings/{bookingId}/modify',
  summary: "Move the member's future confirmed booking to another date, time or length (same bay)",
  tag: 'VIP',
  auth: 'member',
  rateLimit: 'vip',
  params: BookingIdParams,
  body: ModifyVipBookingRequest,
  response: ModifyVipBookingResponse,
  errors: [
    'VALIDATION_ERROR',
    'AUTH_REQUIRED',
    'FORBIDDEN',
    'BOOKING_NOT_MODIFIABLE',
    'BOOKING_NOT_FOUND',
    'SLOT_UNAVAILABLE',
    'PACKAGE_HOURS_INSUFFICIENT',
    'PACKAGE_EXPIRED',
    'RATE_LIMIT_EXCEEDED',
    'SERVICE_UNAVAILABLE',
  ],
});

export const CancelVipBookingResponse = sqlFunctions.cancel_vip_booking.result.pick({ message: true, booking: true });

// POST /api/vip/bookings/{bookingId}/cancel
export const cancelVipBookingContract = defineContract({
  method: 'POST',
  path: '/api/vip/bookings/{bookingId}/cancel',
  summary: "Cancel the member's future confirmed booking (package hours return; cancelling again answers the booking as it is)",
  tag: 'VIP',
  auth: 'member',
  rateLimit: 'vip',
  params: BookingIdParams,
  body: CancelVipBookingRequest,
  response: CancelVipBookingResponse,
  errors: ['VALIDATION_ERROR', 'AUTH_REQUIRED', 'FORBIDDEN', 'BOOKING_NOT_MODIFIABLE', 'BOOKING_NOT_FOUND', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'],
});

// --- Profile ----------------------------------------------------------------------------

export const VipProfileResponse = sqlFunctions.get_vip_profile.result.unwrap().describe("The signed-in member's profile");

// GET /api/vip/profile
export const vipProfileContract = defineContract({
  method: 'GET',
  path: '/api/vip/profile',
  summary: "The signed-in member's profile",
  tag: 'VIP',
  auth: 'member',
  rateLimit: 'vip',
  cache: cachePolicies.vipProfile,
  response: VipProfileResponse,
  errors: ['AUTH_REQUIRED', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'],
});

/** What a profile update may change; it must change at least one. */
const PROFILE_CHANGES = ['display_name', 'email', 'marketingPreference'] as const;

export const UpdateVipProfileRequest = z
  .object({
    display_name: z.string().trim().min(1, 'Name must not be empty').max(MAX_NAME, 'Name is too long').optional(),
    email: z.string().trim().max(MAX_EMAIL, 'Email is too long').check(z.email({ error: 'Invalid email format' })).optional(),
    marketingPreference: z.boolean({ error: 'marketingPreference must be true or false' }).optional(),
    phoneNumber: z.never({ error: 'The phone number cannot be changed here' }).optional(),
    phone: z.never({ error: 'The phone number cannot be changed here' }).optional(),
  })
  .refine((body) => PROFILE_CHANGES.some((field) => body[field] !== undefined), {
    message: `Send at least one of ${PROFILE_CHANGES.join(', ')}`,
  })
  // A refinement is invisible to JSON Schema: the document states the same rule.
  .meta({ anyOf: PROFILE_CHANGES.map((field) => ({ required: [field] })) });
export type UpdateVipProfileRequest = z.output<typeof UpdateVipProfileRequest>;

export const UpdateVipProfileResponse = sqlFunctions.update_vip_profile.result;

// PUT /api/vip/profile
export const updateVipProfileContract = defineContract({
  method: 'PUT',
  path: '/api/vip/profile',
  summary: "Edit the signed-in member's name, email or marketing preference (not the phone)",
  tag: 'VIP',
  auth: 'member',
  rateLimit: 'vip',
  body: UpdateVipProfileRequest,
  response: UpdateVipProfileResponse,
  errors: ['VALIDATION_ERROR', 'AUTH_REQUIRED', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'],
});

// --- Link account -----------------------------------------------------------------------

export const LinkAccountRequest = z.object({
  phoneNumber: phoneNumberField('Phone number is required')
    .describe('The phone number on the venue customer record: 0812345678, +66 81 234 5678 and 66812345678 are one number'),
  code: z
    .string()
    .trim()
    .regex(/^[0-9]{6}$/, 'The code has 6 digits')
    .optional()
    .describe('The 6-digit code emailed to the customer record (extension: second step of the verification)'),
});

export const LinkAccountResponse = z.object({
  message: z.string(),
  status: z.literal('linked_matched'),
  crmCustomerId: z.uuid(),
});

export const LinkVerificationResponse = z.object({
  message: z.string(),
  status: z.literal('verification_required'),
  crmCustomerId: z.null(),
  verification: z.object({
    channel: z.literal('email'),
    destination: z.string().describe('The customer record’s email, masked'),
    expiresAt: z.string().describe('When the code stops working (ISO instant, 10 minutes)'),
  }),
});

// POST /api/vip/link-account
export const linkAccountContract = defineContract({
  method: 'POST',
  path: '/api/vip/link-account',
  summary: 'Link the member to the venue customer record with this phone number (verified email, or a code sent to the record’s email)',
  tag: 'VIP',
  auth: 'member',
  rateLimit: 'vipLink',
  body: LinkAccountRequest,
  response: LinkAccountResponse,
  otherResponses: { 202: { description: 'Verification needed: a 6-digit code was emailed to the customer record', schema: LinkVerificationResponse } },
  errors: [
    'VALIDATION_ERROR',
    'LINK_CODE_INVALID',
    'AUTH_REQUIRED',
    'CUSTOMER_NOT_FOUND',
    'CUSTOMER_ALREADY_LINKED',
    'PROFILE_ALREADY_LINKED',
    'LINK_VERIFICATION_UNAVAILABLE',
    'RATE_LIMIT_EXCEEDED',
    'SERVICE_UNAVAILABLE',
  ],
});
