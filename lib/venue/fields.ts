import { z } from 'zod';
import { DURATION_STEP_HOURS, MAX_BAY_NAME, MAX_DURATION_HOURS, MAX_PEOPLE, MIN_DURATION_HOURS } from './booking-rules';

/**
 * A venue-local calendar date, YYYY-MM-DD, that exists (no 2025-02-30), from 2000 to 2100.
 * Every rule is a pattern, so the OpenAPI document states exactly what is accepted.
 */
export const VenueDate = z
  .string({ error: 'Date is required, as YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date must be YYYY-MM-DD')
  .check(z.iso.date({ error: 'Date does not exist' }))
  .regex(/^(?:20\d{2}|2100)-/, 'Date is out of range')
  // Several patterns make zod drop the format keyword; state it again.
  .meta({ format: 'date' })
  .describe('Venue-local date (Asia/Bangkok), YYYY-MM-DD, from 2000-01-01 to 2100-12-31');

/** Bookings start on the hour or the half hour. */
export const VenueStartTime = z
  .string({ error: 'Start time is required, as HH:mm' })
  .regex(/^([01]\d|2[0-3]):(00|30)$/, 'Start time must be HH:mm on the hour or half hour')
  .describe('Venue-local start time, HH:mm (minutes 00 or 30)');

/** Half-hour steps from 1 to 5 hours (lib/venue/booking-rules.ts, which the booking form shares). */
export const DurationHours = z
  .number({ error: 'Duration must be a number of hours' })
  .min(MIN_DURATION_HOURS, `Duration must be at least ${MIN_DURATION_HOURS} hour`)
  .max(MAX_DURATION_HOURS, `Duration must be at most ${MAX_DURATION_HOURS} hours`)
  .multipleOf(DURATION_STEP_HOURS, 'Duration must be in half-hour steps')
  .describe(`Length in hours, ${MIN_DURATION_HOURS} to ${MAX_DURATION_HOURS} in steps of ${DURATION_STEP_HOURS}`);

export const NumberOfPeople = z
  .number({ error: 'Number of people must be a number' })
  .int('Number of people must be a whole number')
  .min(1, 'At least 1 person')
  .max(MAX_PEOPLE, `At most ${MAX_PEOPLE} people`)
  .describe('How many people will play');

export const BayName = z.string({ error: 'Bay must be a bay name' }).trim().min(1, 'Bay must not be empty').max(MAX_BAY_NAME, 'Bay name is too long').describe('Bay name, e.g. "Bay 1"');
