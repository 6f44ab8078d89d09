import { z } from 'zod';

/**
 * Every SQL function the app calls, declared once: its arguments and its result.
 * Results are parsed, so a migration that drifts from this file fails loudly in tests.
 */
export const AvailabilitySlot = z.object({
  startTime: z.string().describe('Venue-local start, HH:mm'),
  endTime: z.string().describe('Venue-local end, HH:mm'),
  bay: z.string().describe('Bay name'),
  capacity: z.number().int().describe('Most people the bay takes'),
  price: z.number().int().nullable().describe('Whole baht for this hour; null when no price rule covers it (not bookable)'),
  available: z.boolean().describe('Whether the slot can still be booked'),
});

export const AvailabilityResult = z.object({
  date: z.string(),
  availableSlots: z.array(AvailabilitySlot),
  fullyBooked: z.boolean(),
});

export const AvailabilityCheckResult = z.object({
  available: z.boolean(),
  assignedBay: z.string().nullable(),
  conflictReason: z.string().nullable(),
  alternativeTimes: z.array(z.string()),
});

export const VipStatusResult = z.object({
  status: z.enum(['linked_matched', 'linked_unmatched', 'not_linked', 'vip_data_exists_crm_unmatched']),
  crmCustomerId: z.string().uuid().nullable(),
});

export const RateLimitHit = z.object({
  allowed: z.boolean(),
  limit: z.number().int(),
  remaining: z.number().int(),
  resetAt: z.string(),
});

const ProfileIdResult = z.object({ profileId: z.string().uuid() });

export const sqlFunctions = {
  get_availability: {
    args: z.object({ p_date: z.string() }),
    result: AvailabilityResult,
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
  applied_migrations: {
    args: z.object({}),
    result: z.array(z.string()),
  },
} satisfies Record<string, { args: z.ZodObject; result: z.ZodType }>;

export type SqlFunctionName = keyof typeof sqlFunctions;
export type SqlArgs<N extends SqlFunctionName> = z.input<(typeof sqlFunctions)[N]['args']>;
export type SqlResult<N extends SqlFunctionName> = z.output<(typeof sqlFunctions)[N]['result']>;
