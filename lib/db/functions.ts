import { z } from 'zod';
import { BookingRecord } from '../bookings/schemas';
import { thaiText, VenueBrandRecord } from '../venue/brand-record';
import { CancelVipBookingRequest, ModifyVipBookingRequest } from '../vip/booking-changes';
import { BOOKINGS_FILTERS } from '../vip/bookings-filters';

/**
 * Every SQL function the app calls, declared once: its arguments and its result.
 * Results are parsed, so a migration that drifts from this file fails loudly in tests.
 */
export const AvailabilitySlot = z.object({
  startTime: z.string().describe('Venue-local start, HH:mm'),
  endTime: z.string().describe('Venue-local end, HH:mm'),
  bay: z.string().describe('Bay name'),
  bayTh: thaiText('The bay name').optional(),
  capacity: z.number().int().describe('Most people the bay takes'),
  price: z.number().int().nullable().describe('Whole baht for this hour; null when no price rule covers it (not bookable)'),
  available: z.boolean().describe('Whether the slot can still be booked (status `open`)'),
  status: z
    .enum(['open', 'taken', 'past', 'too_soon', 'members_only', 'beyond_horizon', 'not_priced'])
    .describe(
      'Why the slot can or cannot be booked (extension): `open`; `taken` by a booking; `past` (started or over); `too_soon` (inside the minimum notice); ' +
        '`members_only` (free, after the guest horizon and within the member horizon: a signed-in member can book it); `beyond_horizon`; `not_priced` (no price rule covers it)',
    ),
});

export const AvailabilityResult = z.object({
  date: z.string(),
  availableSlots: z.array(AvailabilitySlot),
  fullyBooked: z.boolean().describe('No slot of the day can be booked (also a past day, or one beyond the horizon)'),
  bookableFrom: z.string().describe('The earliest bookable start, venue-local YYYY-MM-DDTHH:mm: now plus the minimum notice (extension)'),
  bookableUntil: z.string().describe('The last date a guest can book, venue-local YYYY-MM-DD (extension)'),
  memberBookableUntil: z.string().describe('The last date a signed-in member can book (extension)'),
});

/** public.get_availability_version: what a day's answer was computed from (migration 20261202007000). */
export const AvailabilityVersion = z.object({
  version: z.string().describe("The day's and the venue's versions"),
  minute: z.number().int().describe('The venue clock, in whole minutes since the epoch'),
  validUntil: z.string().describe("Venue-local instant (microseconds) the day's time-dependent marks hold until: the next slot start, start minus the notice, half-hour earliest start or midnight"),
});

export type AvailabilitySlot = z.infer<typeof AvailabilitySlot>;
export type SlotStatus = AvailabilitySlot['status'];
export type AvailabilityResult = z.infer<typeof AvailabilityResult>;

export const AvailabilityCheckResult = z.object({
  available: z.boolean(),
  assignedBay: z.string().nullable(),
  conflictReason: z.string().nullable(),
  alternativeTimes: z.array(z.string()),
});
export type AvailabilityCheckResult = z.infer<typeof AvailabilityCheckResult>;

export const StaffRole = z.enum(['staff', 'admin']).describe('`staff` runs the front desk; `admin` also manages staff accounts and retries deliveries');
export const StaffMember = z.object({
  id: z.string().uuid(),
  email: z.string().describe('The verified sign-in email that gets these rights (lowercase)'),
  role: StaffRole,
  displayName: z.string().describe('The name staff actions carry, e.g. a prize redemption'),
  invitedBy: z.string().nullable().describe('Email of the admin who added the account; null when STAFF_ADMIN_EMAILS or a migration did'),
  createdAt: z.string(),
  removedAt: z.string().nullable(),
});
export type StaffMember = z.infer<typeof StaffMember>;
export const DeskPrize = z.object({
  prizeId: z.string().uuid(),
  prizeName: z.string(),
  prizeNameTh: thaiText("The prize's name").optional(),
  prizeDescription: z.string(),
  prizeDescriptionTh: thaiText("The prize's description").optional(),
  redemptionCode: z.string(),
  customerName: z.string(),
  wonAt: z.string(),
  campaignName: z.string(),
  campaignEnded: z.boolean().describe('A prize of an ended campaign is not handed over'),
  isRedeemed: z.boolean(),
  redeemedAt: z.string().nullable(),
  redeemedByStaffName: z.string().nullable(),
});
const DeliveryState = z.enum(['failing', 'pending', 'sent', 'none']).describe('`failing`: a message gave up or its last try failed; `pending`: due, not yet sent; `sent`; `none`: nothing due yet');
export const DaySheetBooking = z.object({
  id: z.string().uuid(),
  reference: z.string(),
  bay: z.string(),
  bayTh: thaiText('The bay name').optional(),
  date: z.string().describe('Venue-local date of the start, YYYY-MM-DD'),
  startTime: z.string().describe('Venue-local HH:mm'),
  endTime: z.string().describe('Venue-local HH:mm'),
  duration: z.number(),
  status: z.enum(['confirmed', 'cancelled', 'completed']).describe('`completed`: a confirmed booking whose end has passed'),
  numberOfPeople: z.number().int(),
  customerName: z.string(),
  customerPhone: z.string(),
  customerEmail: z.string().nullable().describe('null: a walk-in who gave none'),
  member: z.boolean().describe('Booked by a signed-in member, or for a customer record a member signed in with (else a guest)'),
  source: z.enum(['online', 'walk_in', 'phone']).describe('Made online, or at the desk for a walk-in or a phone call'),
  notes: z.string().nullable(),
  cancellationReason: z.string().nullable(),
  package: z.string().nullable().describe('The hour package it was paid with'),
  packageTh: thaiText('The package name').optional(),
  priceThb: z.number().int().nullable(),
  vipCode: z.object({ code: z.string(), concierge: z.string(), hotel: z.string() }).nullable().describe('The concierge VIP code it is attributed to'),
  delivery: z.object({ email: DeliveryState, line: DeliveryState, calendar: DeliveryState }),
  attendance: z
    .object({ outcome: z.enum(['checked_in', 'no_show']), recordedAt: z.string(), recordedBy: z.string().describe('The staff account that recorded it') })
    .nullable(),
  noShowCount: z.number().int().describe("The customer's bookings marked no-show (by customer record or email)"),
  staffChanges: z
    .array(
      z.object({
        action: z.enum(['booked', 'moved', 'cancelled']),
        reason: z.string().nullable().describe('null for a booking'),
        at: z.string(),
        by: z.string().describe('The staff account that made it'),
      }),
    )
    .describe('Bookings, moves and cancellations made at the desk, oldest first'),
});
export const DaySheet = z.object({
  date: z.string(),
  opens: z.string().nullable().describe('Venue-local HH:mm; null on a closed day'),
  closes: z.string().nullable(),
  bays: z.array(z.object({ name: z.string(), nameTh: thaiText('The bay name').optional(), capacity: z.number().int() })).describe('Active bays in display order'),
  bookings: z.array(DaySheetBooking).describe('By bay, then start; cancelled ones too'),
});
export type DaySheet = z.infer<typeof DaySheet>;
/** A customer record as the front desk finds it (app_private.desk_customer_json). */
export const DeskCustomer = z.object({
  id: z.string().uuid(),
  customerCode: z.string(),
  name: z.string(),
  phone: z.string().nullable().describe('E.164'),
  email: z.string().nullable(),
  member: z.boolean().describe('A member signed in with this record (their VIP pages show its bookings)'),
  packages: z
    .array(z.object({ id: z.string().uuid(), name: z.string(), remainingHours: z.number(), expiryDate: z.string().nullable() }))
    .describe('Packages with hours left, not expired'),
});
export type DeskCustomer = z.infer<typeof DeskCustomer>;
export type DaySheetBooking = z.infer<typeof DaySheetBooking>;
export const StaffAuditEntry = z.object({
  id: z.number().int(),
  action: z.enum(['bootstrapped', 'migrated', 'invited', 'changed', 'removed']),
  memberEmail: z.string(),
  actorEmail: z.string().nullable().describe('The admin who made the change; null for STAFF_ADMIN_EMAILS or a migration'),
  before: StaffMember.nullable(),
  after: StaffMember.nullable(),
  at: z.string(),
});

export const VipStatusResult = z.object({
  status: z.enum(['linked_matched', 'linked_unmatched', 'not_linked', 'vip_data_exists_crm_unmatched']),
  crmCustomerId: z.string().uuid().nullable(),
});
export type VipStatusResult = z.infer<typeof VipStatusResult>;

export const RateLimitHit = z.object({
  allowed: z.boolean(),
  limit: z.number().int(),
  remaining: z.number().int(),
  resetAt: z.string(),
});

const ProfileIdResult = z.object({ profileId: z.string().uuid() });

/** What every side effect of a booking needs to know; the payload of its outbox jobs. */
export const BookingNotice = z.object({
  bookingId: z.string().uuid(),
  reference: z.string(),
  bay: z.string(),
  // Optional: jobs queued before migration 20261202150000 carry none (their messages name the English one).
  bayTh: thaiText('The bay name').optional(),
  bayCalendarId: z.string().nullable(),
  date: z.string().describe('Venue-local date, YYYY-MM-DD'),
  startTime: z.string().describe('Venue-local, HH:mm'),
  endTime: z.string().describe('Venue-local, HH:mm'),
  startsAt: z.string().describe('ISO instant'),
  endsAt: z.string().describe('ISO instant'),
  durationHours: z.number(),
  numberOfPeople: z.number().int(),
  customerName: z.string(),
  customerEmail: z.string(),
  customerPhone: z.string(),
  specialRequests: z.string().nullable(),
  priceThb: z.number().int().nullable(),
  packageName: z.string().nullable(),
  packageNameTh: thaiText("The package's name").optional(),
  locale: z.enum(['en', 'th']),
});
export type BookingNotice = z.infer<typeof BookingNotice>;

/** A job kind's name: a key of lib/outbox/job-kinds.ts, held by the database to public.outbox_job_kinds. */
const OutboxJobKindName = z.string().describe('An outbox job kind: a row of public.outbox_job_kinds, a module of lib/outbox/kinds/');

/** The notice of a booking's change (modify or cancel): the booking now, which change, and before. */
export const BookingChangeNotice = BookingNotice.extend({
  sequence: z.number().int().describe('Changes since booking; the .ics SEQUENCE'),
  status: z.enum(['confirmed', 'cancelled', 'completed']),
  cancellationReason: z.string().nullable(),
  previous: z
    .object({ date: z.string(), startTime: z.string(), endTime: z.string(), durationHours: z.number() })
    .nullable()
    .describe('The booking before a modification; null for a cancellation'),
});
export type BookingChangeNotice = z.infer<typeof BookingChangeNotice>;

const OutboxJobState = z.object({
  jobId: z.string().uuid(),
  kind: z.string(),
  status: z.enum(['pending', 'running', 'succeeded', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
});

/** Who a review request (or a booking reminder) goes to; `skipReason` says why it must not be sent. */
export const ReviewRequestTarget = BookingNotice.extend({
  lineUserId: z.string().nullable(),
  skipReason: z.string().nullable(),
});
export type ReviewRequestTarget = z.infer<typeof ReviewRequestTarget>;

/** A booking as the VIP API shows it. */
export const VipBooking = z.object({
  id: z.string().uuid(),
  reference: z.string().describe('What the customer quotes to staff (extension)'),
  date: z.string().describe('Venue-local date, YYYY-MM-DD'),
  startTime: z.string().describe('Venue-local, HH:mm'),
  duration: z.number().describe('Hours'),
  bay: z.string(),
  bayTh: thaiText('The bay name').optional(),
  status: z.enum(['confirmed', 'cancelled', 'completed']).describe('A confirmed booking whose end has passed is completed'),
  numberOfPeople: z.number().int(),
  notes: z.string().optional(),
  bookingType: z.string().nullable().optional(),
  cancellationReason: z.string().optional(),
  createdAt: z.string().optional(),
  changeableUntil: z.string().optional().describe('ISO instant: until when it can be moved or cancelled online (absent once started, cancelled or over)'),
});
export type VipBooking = z.infer<typeof VipBooking>;

/** A booking as its manage link shows it: the VIP shape and what a guest needs besides. */
export const ManagedBooking = VipBooking.extend({
  endTime: z.string().describe('Venue-local, HH:mm'),
  customerName: z.string(),
  priceThb: z.number().int().optional().describe('Whole baht (0 for package hours); absent when unknown'),
  packageName: z.string().optional(),
  changeableOnline: z.boolean().describe('Whether it can still be moved or cancelled online now'),
});
export type ManagedBooking = z.infer<typeof ManagedBooking>;


export const ClaimedJob = z.object({
  id: z.string().uuid(),
  kind: OutboxJobKindName,
  payload: z.unknown(),
  attempt: z.number().int(),
  bookingId: z.string().uuid().nullable(),
});

export const PackageSummary = z.object({
  id: z.string().uuid(),
  packageName: z.string(),
  packageNameTh: thaiText("The package's name").optional(),
  purchaseDate: z.string(),
  expiryDate: z.string().nullable(),
  totalHours: z.number(),
  usedHours: z.number(),
  remainingHours: z.number(),
  status: z.enum(['active', 'depleted', 'expired']),
});
export type PackageSummary = z.infer<typeof PackageSummary>;

/** A concierge's VIP code as the VIP session endpoints show it (ids are integers, as in the spec). */
export const VipCodeInfo = z.object({
  id: z.number().int().describe('The unique identifier of the VIP code'),
  code: z.string().describe('The VIP code, upper case'),
  concierge: z
    .object({
      id: z.number().int(),
      name: z.string(),
      hotel_name: z.string(),
    })
    .describe('The concierge who gave out the code'),
});

const VipSessionRef = z.object({
  id: z.number().int().describe('The session'),
  expires_at: z.string().describe('ISO 8601 instant (UTC, milliseconds) when the session expires: 24 hours after creation'),
});

export const VipSessionAnalytics = z.object({
  total_sessions: z.number().int().describe('VIP sessions ever created (demo sessions are not sessions)'),
  active_sessions: z.number().int().describe('Sessions not yet expired and not revoked'),
  expired_sessions: z.number().int().describe('Sessions created that are no longer active (expired, cleaned up or revoked)'),
  session_creation_rate: z.object({
    last_24h: z.number().int(),
    last_7d: z.number().int(),
    last_30d: z.number().int(),
  }),
});

/** What the customer was told: whether the confirmation email went out, and the calendar event. */
const BookingDeliveryStatus = z.object({ confirmationSent: z.boolean(), calendarEventId: z.string().nullable() });

/** One attempt's outcome for record_outbox_outcomes (lib/outbox/process-outbox.ts JobOutcome, with its job). */
const RecordedOutcome = z.discriminatedUnion('outcome', [
  z.object({ jobId: z.string().uuid(), attempt: z.number().int(), outcome: z.literal('succeeded'), result: z.record(z.string(), z.unknown()) }),
  z.object({ jobId: z.string().uuid(), attempt: z.number().int(), outcome: z.literal('failed'), error: z.string() }),
]);

const CreatedBookingResult = z.object({
  bookingId: z.string().uuid(),
  bookingReference: z.string(),
  replayed: z.boolean(),
  vipCode: z.string().nullable().describe('The VIP code the booking is attributed to; null outside a live VIP session'),
  manageLinkIssued: z.boolean().describe('Whether p_manage_token_hashes now open the booking (false without any, or for a booking cancelled or over)'),
  jobs: z.array(ClaimedJob).describe("The new booking's jobs, claimed for p_lease_seconds (none without it, or for a replay)"),
  brand: VenueBrandRecord.nullable().describe("get_venue_brand in the booking's transaction, for the claimed jobs' messages; null without jobs"),
});

export const sqlFunctions = {
  get_availability: {
    args: z.object({ p_date: z.string() }),
    result: AvailabilityResult,
  },
  get_availability_version: {
    args: z.object({ p_date: z.string() }),
    result: AvailabilityVersion,
  },
  get_availability_versions: {
    args: z.object({ p_dates: z.array(z.string()).max(400) }),
    result: z.record(z.string(), z.string()).describe('The current version of each date asked for'),
  },
  get_availability_versioned: {
    args: z.object({ p_date: z.string() }),
    result: AvailabilityVersion.extend({
      validForMs: z.number().int().nonnegative().describe("Milliseconds from the venue clock's now to validUntil"),
      availability: AvailabilityResult,
    }),
  },
  get_opening_hours: {
    args: z.object({}),
    result: z.array(z.object({ weekday: z.number().int().min(1).max(7), opens: z.string(), closes: z.string() })),
  },
  get_venue_brand: {
    args: z.object({}),
    result: VenueBrandRecord,
  },
  venue_today: {
    args: z.object({}),
    result: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  },
  check_availability: {
    args: z.object({
      p_date: z.string(),
      p_start_time: z.string(),
      p_duration_hours: z.number(),
      p_bay: z.string().optional(),
      p_people: z.number().int().optional(),
    }),
    result: AvailabilityCheckResult,
  },
  create_guest_profile: {
    args: z.object({ p_name: z.string(), p_email: z.string(), p_phone: z.string() }),
    result: ProfileIdResult,
  },
  upsert_oauth_profile: {
    args: z.object({
      p_provider: z.enum(['google', 'facebook', 'line']),
      p_provider_account_id: z.string(),
      p_name: z.string().nullable(),
      p_email: z.string().nullable(),
      p_picture_url: z.string().nullable(),
    }),
    result: ProfileIdResult,
  },
  get_vip_status: {
    args: z.object({}),
    result: VipStatusResult,
  },
  hit_rate_limit: {
    args: z.object({ p_key: z.string(), p_limit: z.number().int(), p_window_seconds: z.number().int() }),
    result: RateLimitHit,
  },
  release_rate_limit_hit: {
    args: z.object({ p_key: z.string(), p_window_seconds: z.number().int() }),
    result: z.number().int().describe('Hits left counted in the current window'),
  },
  applied_migrations: {
    args: z.object({}),
    result: z.array(z.string()),
  },
  create_booking: {
    args: z.object({
      p_booking: BookingRecord,
      p_manage_token_hashes: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(2).optional(),
      p_lease_seconds: z.number().int().optional(),
    }),
    result: CreatedBookingResult,
  },
  booking_request_scope: {
    args: z.object({ p_booking: BookingRecord }),
    result: z.object({ replay: z.boolean(), vipSession: z.boolean() }),
  },
  get_booking_notice: {
    args: z.object({ p_booking_id: z.string().uuid() }),
    result: BookingNotice,
  },
  booking_delivery_status: {
    args: z.object({ p_booking_id: z.string().uuid() }),
    result: BookingDeliveryStatus,
  },
  claim_outbox_jobs: {
    args: z.object({ p_limit: z.number().int(), p_booking_id: z.string().uuid().optional(), p_lease_seconds: z.number().int().optional() }),
    result: z.array(ClaimedJob),
  },
  record_outbox_outcomes: {
    args: z.object({ p_outcomes: z.array(RecordedOutcome), p_booking_id: z.string().uuid().optional() }),
    result: z.object({ delivery: BookingDeliveryStatus.nullable() }),
  },
  complete_outbox_job: {
    args: z.object({ p_job_id: z.string().uuid(), p_attempt: z.number().int(), p_result: z.record(z.string(), z.unknown()) }),
    result: z.boolean(),
  },
  fail_outbox_job: {
    args: z.object({ p_job_id: z.string().uuid(), p_attempt: z.number().int(), p_error: z.string() }),
    result: z.object({ recorded: z.boolean(), status: z.enum(['pending', 'failed']).optional(), runAfter: z.string().optional() }),
  },
  enqueue_due_review_requests: {
    args: z.object({ p_delay_minutes: z.number().int(), p_max_age_minutes: z.number().int() }),
    result: z.number().int(),
  },
  schedule_review_request: {
    args: z.object({ p_booking_id: z.string().uuid(), p_run_after: z.string(), p_options: z.record(z.string(), z.unknown()).optional() }),
    result: z.object({ jobId: z.string().uuid(), status: z.enum(['pending', 'running', 'succeeded', 'failed']), scheduledTime: z.string() }),
  },
  claim_review_request_jobs: {
    args: z.object({ p_limit: z.number().int(), p_lease_seconds: z.number().int(), p_booking_id: z.string().uuid().optional() }),
    result: z.array(ClaimedJob),
  },
  review_request_target: {
    args: z.object({ p_booking_id: z.string().uuid() }),
    result: ReviewRequestTarget,
  },
  booking_reminder_target: {
    args: z.object({ p_booking_id: z.string().uuid(), p_starts_at: z.string() }),
    result: ReviewRequestTarget,
  },
  queue_notification_job: {
    args: z.object({ p_kind: OutboxJobKindName, p_dedupe_key: z.string(), p_payload: z.record(z.string(), z.unknown()), p_booking_id: z.string().uuid().optional() }),
    result: z.object({ jobId: z.string().uuid(), status: z.enum(['pending', 'running', 'succeeded', 'failed']) }),
  },
  claim_outbox_job: {
    args: z.object({ p_job_id: z.string().uuid(), p_lease_seconds: z.number().int() }),
    result: z.array(ClaimedJob),
  },
  outbox_job_state: {
    args: z.object({ p_job_id: z.string().uuid() }),
    result: OutboxJobState,
  },
  booking_cancellation_notice: {
    args: z.object({ p_booking_id: z.string().uuid(), p_email: z.string().optional(), p_reason: z.string().optional() }),
    result: BookingChangeNotice,
  },
  resolve_staff_member: {
    args: z.object({ p_email: z.string(), p_display_name: z.string().nullable(), p_bootstrap_admin: z.boolean() }),
    result: z.object({ member: StaffMember.nullable() }),
  },
  list_staff_members: {
    args: z.object({}),
    result: z.object({ members: z.array(StaffMember) }),
  },
  invite_staff_member: {
    args: z.object({ p_email: z.string(), p_role: StaffRole, p_display_name: z.string() }),
    result: z.object({ member: StaffMember }),
  },
  change_staff_member: {
    args: z.object({ p_member_id: z.string().uuid(), p_role: StaffRole.nullable(), p_display_name: z.string().nullable() }),
    result: z.object({ member: StaffMember }),
  },
  remove_staff_member: {
    args: z.object({ p_member_id: z.string().uuid() }),
    result: z.object({ member: StaffMember }),
  },
  list_staff_audit: {
    args: z.object({ p_limit: z.number().int() }),
    result: z.object({ entries: z.array(StaffAuditEntry) }),
  },
  find_prize_by_code: {
    args: z.object({ p_code: z.string() }),
    result: z.object({ prize: DeskPrize }),
  },
  get_staff_day_sheet: {
    args: z.object({ p_date: z.string(), p_known_version: z.string().nullable() }),
    result: z.object({ version: z.string(), unchanged: z.boolean(), sheet: DaySheet.optional() }),
  },
  record_booking_attendance: {
    args: z.object({ p_booking_id: z.string().uuid(), p_outcome: z.enum(['checked_in', 'no_show']) }),
    result: z.object({ booking: DaySheetBooking }),
  },
  retry_booking_deliveries: {
    args: z.object({ p_booking_id: z.string().uuid() }),
    result: z.object({
      bookingId: z.string().uuid(),
      retried: z.array(z.object({ jobId: z.string().uuid(), kind: z.string() })).describe("The booking's failing outbox jobs made due now"),
    }),
  },
  staff_move_booking: {
    args: z.object({ p_booking_id: z.string().uuid(), p_change: z.object({ date: z.string(), startTime: z.string(), duration: z.number() }), p_reason: z.string() }),
    result: z.object({ changed: z.boolean(), booking: DaySheetBooking }),
  },
  staff_find_customers: {
    args: z.object({ p_query: z.string(), p_phone: z.string().nullable(), p_digits: z.string().nullable(), p_limit: z.number().int() }),
    result: z.object({ customers: z.array(DeskCustomer) }),
  },
  staff_create_customer: {
    args: z.object({ p_customer: z.object({ name: z.string(), phone: z.string(), email: z.string().optional() }) }),
    result: z.object({ customer: DeskCustomer }),
  },
  staff_create_booking: {
    args: z.object({ p_booking: z.record(z.string(), z.unknown()) }),
    result: z.object({ replayed: z.boolean(), booking: DaySheetBooking }),
  },
  staff_cancel_booking: {
    args: z.object({ p_booking_id: z.string().uuid(), p_reason: z.string() }),
    result: z.object({ changed: z.boolean(), booking: DaySheetBooking }),
  },
  redeem_prize_by_code: {
    args: z.object({ p_code: z.string() }),
    result: z.object({ prize: DeskPrize }),
  },
  calendar_retry_notice: {
    args: z.object({ p_booking_id: z.string().uuid() }),
    result: BookingChangeNotice,
  },
  resolve_calendar_jobs: {
    args: z.object({ p_booking_id: z.string().uuid(), p_operation: z.enum(['create', 'update', 'delete']), p_event_id: z.string().optional() }),
    result: z.number().int(),
  },
  list_undelivered_outbox_jobs: {
    args: z.object({ p_limit: z.number().int() }),
    result: z.array(
      z.object({
        id: z.string().uuid(),
        kind: OutboxJobKindName,
        status: z.enum(['pending', 'running', 'failed']),
        attempts: z.number().int(),
        maxAttempts: z.number().int(),
        lastError: z.string().nullable(),
        runAfter: z.string(),
        updatedAt: z.string(),
        bookingId: z.string().uuid().nullable(),
        bookingReference: z.string().nullable(),
      }),
    ),
  },
  requeue_outbox_job: {
    args: z.object({ p_job_id: z.string().uuid() }),
    result: z.object({ jobId: z.string().uuid(), status: z.enum(['pending', 'running', 'succeeded', 'failed']) }),
  },
  record_outgoing_messages: {
    args: z.object({
      p_messages: z.array(
        z.object({
          channel: z.enum(['email', 'line', 'calendar']),
          recipient: z.string(),
          subject: z.string().nullable(),
          body: z.record(z.string(), z.unknown()),
        }),
      ),
    }),
    result: z.object({ recorded: z.number().int() }),
  },
  list_outgoing_messages: {
    args: z.object({ p_limit: z.number().int() }),
    result: z.array(
      z.object({
        id: z.number().int(),
        channel: z.enum(['email', 'line', 'calendar']),
        recipient: z.string(),
        subject: z.string().nullable(),
        body: z.record(z.string(), z.unknown()),
        createdAt: z.string(),
      }),
    ),
  },
  get_my_packages: {
    args: z.object({}),
    result: z.object({ activePackages: z.array(PackageSummary), pastPackages: z.array(PackageSummary) }),
  },
  create_vip_session: {
    args: z.object({ p_code: z.string(), p_token_hash: z.string().regex(/^[0-9a-f]{64}$/) }),
    result: z.discriminatedUnion('is_demo', [
      z.object({ is_demo: z.literal(false), session: VipSessionRef, vip_code: VipCodeInfo }),
      z.object({ is_demo: z.literal(true), issued_at: z.number().int(), expires_at: z.string() }),
    ]),
  },
  validate_vip_session: {
    args: z.object({ p_token_hash: z.string().regex(/^[0-9a-f]{64}$/) }),
    result: z.discriminatedUnion('valid', [
      z.object({ valid: z.literal(false) }),
      z.object({ valid: z.literal(true), is_demo: z.literal(false), session: VipSessionRef, vip_code: VipCodeInfo }),
    ]),
  },
  validate_demo_vip_session: {
    args: z.object({ p_issued_at: z.number().int() }),
    result: z.discriminatedUnion('valid', [
      z.object({ valid: z.literal(false) }),
      z.object({ valid: z.literal(true), is_demo: z.literal(true), expires_at: z.string() }),
    ]),
  },
  vip_session_analytics: {
    args: z.object({}),
    result: VipSessionAnalytics,
  },
  cleanup_expired_vip_sessions: {
    args: z.object({}),
    result: z.object({ removed: z.number().int() }),
  },
  get_my_bookings: {
    args: z.object({ p_filter: z.enum(BOOKINGS_FILTERS), p_page: z.number().int(), p_limit: z.number().int() }),
    result: z.object({
      bookings: z.array(VipBooking),
      pagination: z.object({ currentPage: z.number().int(), totalPages: z.number().int(), totalCount: z.number().int(), limit: z.number().int() }),
    }),
  },
  modify_vip_booking: {
    args: z.object({ p_booking_id: z.string().uuid(), p_change: ModifyVipBookingRequest }),
    result: z.object({ message: z.string(), changed: z.boolean(), booking: VipBooking }),
  },
  cancel_vip_booking: {
    args: z.object({ p_booking_id: z.string().uuid(), p_cancel: CancelVipBookingRequest }),
    result: z.object({
      message: z.string(),
      changed: z.boolean(),
      booking: z.object({ id: z.string().uuid(), status: z.literal('cancelled'), cancellationReason: z.string().nullable() }),
    }),
  },
  issue_booking_manage_token: {
    args: z.object({ p_booking_id: z.string().uuid(), p_token_hash: z.string().regex(/^[0-9a-f]{64}$/) }),
    result: z.boolean(),
  },
  get_managed_booking: {
    args: z.object({ p_token_hash: z.string() }),
    result: z.object({ booking: ManagedBooking }),
  },
  modify_managed_booking: {
    args: z.object({ p_token_hash: z.string(), p_change: ModifyVipBookingRequest }),
    result: z.object({ message: z.string(), changed: z.boolean(), booking: ManagedBooking }),
  },
  cancel_managed_booking: {
    args: z.object({ p_token_hash: z.string(), p_cancel: CancelVipBookingRequest }),
    result: z.object({
      message: z.string(),
      changed: z.boolean(),
      booking: z.object({ id: z.string().uuid(), status: z.literal('cancelled'), cancellationReason: z.string().nullable() }),
    }),
  },
  get_my_booking_by_reference: {
    args: z.object({ p_reference: z.string() }),
    result: VipBooking.nullable(),
  },
  get_vip_profile: {
    args: z.object({}),
    result: z.object({
      id: z.string().uuid(),
      name: z.string().nullable(),
      email: z.string().nullable(),
      phoneNumber: z.string().nullable(),
      pictureUrl: z.string().nullable(),
      marketingPreference: z.boolean().nullable(),
      customerStatus: z.enum(['linked', 'not_linked']),
      customerCode: z.string().nullable(),
      vipTier: z.null(),
      dataSource: z.literal('new_customer_system'),
    }).nullable().describe('null when the profile no longer exists'),
  },
  update_vip_profile: {
    args: z.object({ p_display_name: z.string().optional(), p_email: z.string().optional(), p_marketing_preference: z.boolean().optional() }),
    result: z.object({ success: z.literal(true), message: z.string(), updatedFields: z.array(z.enum(['name', 'email', 'marketing_preference'])) }),
  },
  list_marketing_consents: {
    args: z.object({ p_profile_id: z.string().uuid() }),
    result: z.array(
      z.object({
        granted: z.boolean().describe('true: consent given; false: withdrawn (or never given)'),
        source: z.enum(['vip_profile', 'booking_form', 'staff', 'migration']).describe('Where it was given or withdrawn'),
        recordedAt: z.string().describe('When (UTC, ISO 8601)'),
      }),
    ),
  },
  link_vip_account: {
    args: z.object({ p_phone: z.string(), p_code: z.string().optional() }),
    result: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('linked'), crmCustomerId: z.string().uuid() }),
      z.object({ outcome: z.literal('verification_required'), destination: z.string(), expiresAt: z.string() }),
      z.object({ outcome: z.literal('code_invalid'), reason: z.string(), attemptsLeft: z.number().int().optional() }),
    ]),
  },
  request_email_sign_in_code: {
    args: z.object({ p_email: z.string(), p_locale: z.enum(['en', 'th']) }),
    result: z.object({ expiresAt: z.string() }),
  },
  verify_email_sign_in_code: {
    args: z.object({ p_email: z.string(), p_code: z.string() }),
    result: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('signed_in'), profileId: z.string().uuid(), email: z.string() }),
      z.object({ outcome: z.literal('code_invalid'), reason: z.string(), attemptsLeft: z.number().int().optional() }),
    ]),
  },
  get_claimable_guest_bookings: {
    args: z.object({}),
    result: z.object({ verifiedEmail: z.string().nullable(), bookings: z.array(VipBooking) }),
  },
  claim_guest_booking: {
    args: z.object({ p_booking_id: z.string().uuid() }),
    result: z.object({ claimed: z.boolean(), booking: VipBooking }),
  },
  get_campaign_status: {
    args: z.object({}),
    result: z.object({
      totalPrizes: z.number().int(),
      prizesRemaining: z.number().int(),
      prizesAwarded: z.number().int(),
      campaignActive: z.boolean(),
      prizeBreakdown: z.array(z.object({
        prize_name: z.string(),
        prize_name_th: thaiText("The prize's name").optional(),
        initial_quantity: z.number().int(),
        remaining: z.number().int(),
        awarded: z.number().int(),
      })),
    }),
  },
  get_customer_draws: {
    args: z.object({ customer_id: z.string().uuid() }),
    result: z.number().int(),
  },
  get_lucky_draw_customer_status: {
    args: z.object({ p_customer_id: z.string().uuid(), p_line_user_id: z.string() }),
    result: z.object({
      draws_available: z.number().int(),
      campaignActive: z.boolean(),
      prizes: z.array(z.object({
        id: z.string().uuid(),
        prize_name: z.string(),
        prize_name_th: thaiText("The prize's name").optional(),
        prize_description: z.string(),
        prize_description_th: thaiText("The prize's description").optional(),
        redemption_code: z.string(),
        spin_timestamp: z.string(),
        is_redeemed: z.boolean(),
        redeemed_at: z.string().nullable(),
        redeemed_by_staff_name: z.string().nullable(),
        draw_sequence: z.number().int(),
      })),
    }),
  },
  spin_lucky_draw: {
    args: z.object({ p_customer_id: z.string().uuid(), p_line_user_id: z.string() }),
    result: z.object({
      success: z.literal(true),
      prizeId: z.string().uuid(),
      prize: z.string(),
      prizeTh: thaiText("The prize's name").optional(),
      prizeDescription: z.string(),
      prizeDescriptionTh: thaiText("The prize's description").optional(),
      redemptionCode: z.string(),
      drawsRemaining: z.number().int(),
    }),
  },
  record_sales_transaction: {
    args: z.object({ p_transaction_id: z.string(), p_customer_id: z.string().uuid(), p_amount_thb: z.number(), p_occurred_at: z.string().optional() }),
    result: z.object({
      transactionId: z.string(),
      customerId: z.string().uuid(),
      drawsCredited: z.number().int(),
      duplicate: z.boolean(),
      drawsAvailable: z.number().int(),
    }),
  },
  redeem_lucky_draw_prize: {
    args: z.object({ p_award_id: z.string().uuid(), p_staff_name: z.string() }),
    result: z.object({ success: z.literal(true), message: z.string() }),
  },
  get_liff_line_profile: {
    args: z.object({ p_line_user_id: z.string() }),
    result: z.object({
      lineUserId: z.string(),
      customerId: z.string().uuid().nullable(),
      displayName: z.string().nullable(),
    }),
  },
} satisfies Record<string, { args: z.ZodObject; result: z.ZodType }>;

export type SqlFunctionName = keyof typeof sqlFunctions;
export type SqlArgs<N extends SqlFunctionName> = z.input<(typeof sqlFunctions)[N]['args']>;
export type SqlResult<N extends SqlFunctionName> = z.output<(typeof sqlFunctions)[N]['result']>;
