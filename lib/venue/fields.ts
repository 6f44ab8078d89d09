import { z } from 'zod';

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

/** Half-hour steps from 1 to 5 hours: the longest session the venue sells is five hours. */
export const DurationHours = z
  .number({ error: 'Duration must be a number of hours' })
  .min(1, 'Duration must be at least 1 hour')
  .max(5, 'Duration must be at most 5 hours')
  .multipleOf(0.5, 'Duration must be in half-hour steps')
  .describe('Length in hours, 1 to 5 in steps of 0.5');

export const NumberOfPeople = z
  .number({ error: 'Number of people must be a number' })
  .int('Number of people must be a whole number')
  .min(1, 'At least 1 person')
  .max(20, 'At most 20 people')
  .describe('How many people will play');

export const BayName = z.string({ error: 'Bay must be a bay name' }).trim().min(1, 'Bay must not be empty').max(40, 'Bay name is too long').describe('Bay name, e.g. "Bay 1"');
