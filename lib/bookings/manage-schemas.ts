import { z } from 'zod';
import { sqlFunctions } from '../db/functions';
import { defineContract } from '../http/contract';
import { CancelVipBookingRequest, ModifyVipBookingRequest } from '../vip/booking-changes';

/**
 * The manage-link routes. Their credential is the link's token in the `X-Manage-Token` header
 * (the page reads it from the URL fragment, which never reaches a server): auth `none` for the
 * wrapper, the service checks the header before it reads the body (absent: 401; unknown or
 * malformed: 404 MANAGE_LINK_INVALID; its booking cancelled or over: 410 MANAGE_LINK_EXPIRED).
 * Counted per client address by the wrapper and per token by the service.
 */
export const ManageTokenHeaders = z.object({
  'X-Manage-Token': z.string().meta({ pattern: '^[0-9a-f]{64}$' }).describe("The manage link's token (the `t` of its `#t=` fragment); required"),
});

const manageErrors = ['AUTH_REQUIRED', 'MANAGE_LINK_INVALID', 'MANAGE_LINK_EXPIRED', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'] as const;

export const ManagedBookingResponse = sqlFunctions.get_managed_booking.result;

// GET /api/bookings/manage
export const getManagedBookingContract = defineContract({
  method: 'GET',
  path: '/api/bookings/manage',
  summary: "The booking a manage link opens (the link's token in X-Manage-Token), with until when it can be changed online",
  tag: 'Bookings',
  auth: 'none',
  rateLimit: 'manageLink',
  headers: ManageTokenHeaders,
  response: ManagedBookingResponse,
  errors: [...manageErrors],
});

export const ModifyManagedBookingResponse = sqlFunctions.modify_managed_booking.result.pick({ message: true, booking: true });

// PUT /api/bookings/manage/modify
export const modifyManagedBookingContract = defineContract({
  method: 'PUT',
  path: '/api/bookings/manage/modify',
  summary: 'Move the booking a manage link opens to another date, time or length (same bay; the rules of the VIP modify)',
  tag: 'Bookings',
  auth: 'none',
  rateLimit: 'manageLink',
  headers: ManageTokenHeaders,
  // Read by the service once the token is checked: no input is judged for a caller without one.
  ownBody: ModifyVipBookingRequest,
  response: ModifyManagedBookingResponse,
  errors: [
    ...manageErrors,
    'VALIDATION_ERROR',
    'BOOKING_NOT_MODIFIABLE',
    'OUTSIDE_BOOKING_WINDOW',
    'SLOT_UNAVAILABLE',
    'PACKAGE_HOURS_INSUFFICIENT',
    'PACKAGE_EXPIRED',
  ],
});

export const CancelManagedBookingResponse = sqlFunctions.cancel_managed_booking.result.pick({ message: true, booking: true });

// POST /api/bookings/manage/cancel
export const cancelManagedBookingContract = defineContract({
  method: 'POST',
  path: '/api/bookings/manage/cancel',
  summary: 'Cancel the booking a manage link opens, with an optional reason; the link opens nothing afterwards',
  tag: 'Bookings',
  auth: 'none',
  rateLimit: 'manageLink',
  headers: ManageTokenHeaders,
  ownBody: CancelVipBookingRequest,
  response: CancelManagedBookingResponse,
  errors: [...manageErrors, 'VALIDATION_ERROR', 'BOOKING_NOT_MODIFIABLE'],
});
