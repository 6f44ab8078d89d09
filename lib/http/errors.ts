import { DbError } from '../db/errors';

/**
 * Every error code a client can see, with its HTTP status and default message.
 * SQL functions raise the same codes as their message (`raise ... message = 'SLOT_UNAVAILABLE'`).
 */
export const errorCodes = {
  /** Input failed validation; `details.fields` names each bad field. */
  VALIDATION_ERROR: { status: 400, message: 'Validation failed' },
  /** A protected route was called without a valid session cookie or Bearer token. */
  AUTH_REQUIRED: { status: 401, message: 'Authentication required' },
  /** The caller is known but may not do this, e.g. a customer's session on a staff or admin route, a staff member's on an admin route. */
  FORBIDDEN: { status: 403, message: 'You do not have permission to do this' },
  /** The addressed resource does not exist (or is not the caller's). */
  NOT_FOUND: { status: 404, message: 'Not found' },
  /** The booking does not exist (or is not the caller's). */
  BOOKING_NOT_FOUND: { status: 404, message: 'Booking not found' },
  /** The package does not exist or is not the caller's. */
  PACKAGE_NOT_FOUND: { status: 404, message: 'Package not found' },
  /** No customer record has the phone number given to POST /api/vip/link-account (the spec's 404 text), or the customerId given to POST /api/staff/bookings. */
  CUSTOMER_NOT_FOUND: { status: 404, message: 'No matching customer account found.' },
  /** A member's booking that has started, is over or is cancelled cannot be modified (or cancelled). */
  BOOKING_NOT_MODIFIABLE: { status: 403, message: 'This booking can no longer be changed' },
  /** A booking manage link's token is missing its booking: unknown or malformed (says nothing of any booking). */
  MANAGE_LINK_INVALID: { status: 404, message: 'This booking link is not valid' },
  /** A booking manage link whose booking was cancelled or has ended: it opens nothing any more (`details.reason`). */
  MANAGE_LINK_EXPIRED: { status: 410, message: 'This booking link no longer works: the booking was cancelled or has ended' },
  /** The customer record is already linked to another profile; staff can move the link. */
  CUSTOMER_ALREADY_LINKED: { status: 409, message: 'This customer account is already linked to another profile' },
  /** The caller's profile is already linked to another customer record. */
  PROFILE_ALREADY_LINKED: { status: 409, message: 'Your profile is already linked to another customer account' },
  /** The customer record has no email to send a verification code to; staff can link it. */
  LINK_VERIFICATION_UNAVAILABLE: { status: 409, message: 'This customer account cannot be verified online; please ask our staff to link it' },
  /** The verification code is wrong, expired, used up, or was never sent. */
  LINK_CODE_INVALID: { status: 400, message: 'The verification code is wrong or has expired' },
  /** Finding or claiming guest bookings needs a session whose sign-in proved the email (an emailed code, or OAuth that verified it). */
  EMAIL_NOT_VERIFIED: { status: 403, message: 'Sign in with a verified email (an emailed code) to do this' },
  /** A removed endpoint (the deprecated /api/crm/* routes); the body names its replacement. */
  GONE: { status: 410, message: 'This endpoint has been removed' },
  /** The method is not supported on this path. */
  METHOD_NOT_ALLOWED: { status: 405, message: 'Method not allowed' },
  /** The request body did not arrive completely within REQUEST_TIMEOUT_MS (or the client went away while sending it). */
  REQUEST_TIMEOUT: { status: 408, message: 'The request did not arrive in time' },
  /** The request body is larger than MAX_REQUEST_BODY_BYTES (by Content-Length, or while it streamed in). */
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Request body too large' },
  /** A write to a route that takes a JSON body without `Content-Type: application/json`. */
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Content-Type must be application/json' },
  /** A write sent from another site (a foreign `Origin`, or `Sec-Fetch-Site: cross-site`): refused, whatever its credentials. */
  CROSS_SITE_REQUEST: { status: 403, message: 'Cross-site requests may not change anything here' },
  /**
   * The start is outside the venue's booking window (public.venue_settings): in the past, inside
   * the minimum notice, or after the last bookable date; `details` has reason (PAST, TOO_SOON,
   * BEYOND_HORIZON), earliest, latest and lastBookableDate.
   */
  OUTSIDE_BOOKING_WINDOW: { status: 422, message: 'This time cannot be booked online: it is too soon or too far ahead' },
  /** The requested bay and time are taken. */
  SLOT_UNAVAILABLE: { status: 409, message: 'Requested time slot is not available' },
  /** The package has fewer hours left than the booking needs. */
  PACKAGE_HOURS_INSUFFICIENT: { status: 409, message: 'Not enough hours left on this package' },
  /** The package expires before the booking's date. */
  PACKAGE_EXPIRED: { status: 409, message: 'This package has expired' },
  /** Another write got there first (unique or foreign-key conflict). */
  CONFLICT: { status: 409, message: 'The request conflicts with the current state' },
  /** An Idempotency-Key was sent again with a different request. */
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: 'This Idempotency-Key was used for a different request' },
  /** The client sent more requests than its rate limit allows. */
  RATE_LIMIT_EXCEEDED: { status: 429, message: 'Too many requests' },
  /** POST /api/liff/spin: the customer has no draw left in the active campaign (the spec's 400). */
  NO_DRAWS_AVAILABLE: { status: 400, message: 'No draws available' },
  /** Lucky draw: the LINE user's profile is not linked to a customer record (the spec's 403). */
  CUSTOMER_NOT_LINKED: { status: 403, message: 'Customer not linked' },
  /** Lucky draw: no profile belongs to this LINE user (the spec's 404). */
  PROFILE_NOT_FOUND: { status: 404, message: 'Profile not found' },
  /** POST /api/liff/spin: every prize of the campaign has been claimed; the draw is not spent. */
  NO_PRIZES_AVAILABLE: { status: 409, message: 'All prizes have been claimed' },
  /** Lucky draw: no campaign is running now. */
  CAMPAIGN_NOT_ACTIVE: { status: 409, message: 'The lucky draw campaign is not active' },
  /** Redeeming a prize (by id or by code) whose lucky draw campaign has ended: it is no longer handed over. */
  CAMPAIGN_ENDED: { status: 409, message: 'This prize’s lucky draw campaign has ended; it can no longer be redeemed' },
  /** POST /api/lucky-draw/redeem: no awarded prize has this id (the spec's 404). */
  PRIZE_NOT_FOUND: { status: 404, message: 'Prize record not found' },
  /** POST /api/lucky-draw/redeem: the prize was redeemed before (the spec's 400). */
  PRIZE_ALREADY_REDEEMED: { status: 400, message: 'Prize not found or already redeemed' },
  /** A LIFF call without a valid LINE ID token (bad signature, issuer, audience or expired). */
  LINE_TOKEN_INVALID: { status: 401, message: 'A valid LINE ID token is required' },
  /** POST /api/staff/members: that email already has an active staff account. */
  STAFF_MEMBER_EXISTS: { status: 409, message: 'This email already has a staff account' },
  /** /api/staff/members/{memberId}: no active staff account has this id. */
  STAFF_MEMBER_NOT_FOUND: { status: 404, message: 'Staff account not found' },
  /** Demoting or removing the last active admin: the venue would have no one to manage staff. */
  LAST_ADMIN: { status: 409, message: 'The last admin cannot be removed or made staff; make another admin first' },
  /** POST /api/staff/customers: this phone number has a customer record already (details.customer: book that one). */
  CUSTOMER_EXISTS: { status: 409, message: 'This phone number already has a customer record' },
  /** Check-in or no-show outside the booking's time: check-in on its venue-local day, no-show once it started; never for a cancelled booking. */
  ATTENDANCE_NOT_OPEN: { status: 409, message: 'Check-in and no-show are recorded on the booking’s day (no-show once it has started), never for a cancelled booking' },
  /** Anything unexpected; the log has the detail, the client never does. */
  INTERNAL_ERROR: { status: 500, message: 'Internal server error' },
  /** An external provider failed. */
  BAD_GATEWAY: { status: 502, message: 'External service error' },
  /** The database (or another dependency) cannot be reached right now. */
  SERVICE_UNAVAILABLE: { status: 503, message: 'Service temporarily unavailable' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCodes;

/** The one error type route handlers and services throw for an answer the client should see. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? errorCodes[code].message);
    this.name = 'AppError';
    this.status = errorCodes[code].status;
  }
}

export const validationError = (fields: Record<string, string>) =>
  new AppError('VALIDATION_ERROR', undefined, { fields });

const isErrorCode = (code: string): code is ErrorCode => code in errorCodes;

/** Turns anything thrown into the AppError the client may see; unknown errors become INTERNAL_ERROR. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof DbError) {
    // A code the SQL function raised on purpose: its message is ours and safe to show.
    if (isErrorCode(error.message)) {
      const known = new AppError(error.message, undefined, error.details);
      return known.status === error.status ? known : Object.assign(known, { status: error.status });
    }
    if (error.status === 409) return new AppError('CONFLICT');
    if (error.status === 503) return new AppError('SERVICE_UNAVAILABLE');
    if (error.status === 401) return new AppError('AUTH_REQUIRED');
    if (error.status === 403) return new AppError('FORBIDDEN');
    if (error.status === 404) return new AppError('NOT_FOUND');
    if (error.status === 400) return new AppError('VALIDATION_ERROR');
  }
  return new AppError('INTERNAL_ERROR');
}
