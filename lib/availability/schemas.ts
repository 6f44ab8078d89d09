import { z } from 'zod';
import { AvailabilityCheckResult, AvailabilityResult } from '../db/functions';
import { cachePolicies } from '../http/caching';
import { defineContract } from '../http/contract';
import { BayName, DurationHours, NumberOfPeople, VenueDate, VenueStartTime } from '../venue/fields';

export const AvailabilityQuery = z.object({ date: VenueDate });
export const AvailabilityResponse = AvailabilityResult.describe('Hourly slots of every bay on the date');

export const AvailabilityCheckRequest = z.object({
  date: VenueDate,
  startTime: VenueStartTime,
  duration: DurationHours,
  bay: BayName.optional().describe('A bay to check; without it any bay with room is assigned'),
  numberOfPeople: NumberOfPeople.optional().describe('Only bays with this much capacity fit (extension to the spec)'),
});
export const AvailabilityCheckResponse = AvailabilityCheckResult.describe(
  'Whether the time can be booked, the bay it would get, or why not and up to three start times that fit',
);

// GET /api/availability
export const getAvailabilityContract = defineContract({
  method: 'GET',
  path: '/api/availability',
  summary: 'Slots per bay for a venue-local date, with price and whether each can be booked',
  tag: 'Availability',
  auth: 'none',
  rateLimit: 'availability',
  cache: cachePolicies.availability,
  query: AvailabilityQuery,
  response: AvailabilityResponse,
  errors: ['VALIDATION_ERROR', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'],
});

// POST /api/availability/check
export const checkAvailabilityContract = defineContract({
  method: 'POST',
  path: '/api/availability/check',
  summary: 'Check one start time and duration, optionally in one bay',
  tag: 'Availability',
  auth: 'none',
  rateLimit: 'availability',
  body: AvailabilityCheckRequest,
  response: AvailabilityCheckResponse,
  errors: ['VALIDATION_ERROR', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'],
});
