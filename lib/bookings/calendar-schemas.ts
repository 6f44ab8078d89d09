import { z } from 'zod';
import { defineContract } from '../http/contract';

export const CreateCalendarEventRequest = z.object({
  bookingId: z.uuid({ error: 'Not a booking id' }),
  calendarId: z.string().trim().min(1).max(200).optional().describe("Calendar to write to; defaults to the bay's calendar"),
  eventDetails: z
    .object({
      summary: z.string().max(300).optional(),
      start: z.string().optional(),
      end: z.string().optional(),
      description: z.string().max(5000).optional(),
    })
    .optional()
    .describe('Accepted for compatibility; the event is always built from the booking as stored'),
});

export const CreateCalendarEventResponse = z.object({
  success: z.literal(true),
  calendarEventId: z.string(),
  message: z.string(),
});

// POST /api/bookings/calendar/create
export const createCalendarEventContract = defineContract({
  method: 'POST',
  path: '/api/bookings/calendar/create',
  summary: "Create (or confirm) a booking's staff calendar event; system callers with SYSTEM_API_KEY",
  tag: 'Bookings',
  auth: 'system',
  body: CreateCalendarEventRequest,
  response: CreateCalendarEventResponse,
  errors: ['VALIDATION_ERROR', 'AUTH_REQUIRED', 'BOOKING_NOT_FOUND', 'BAD_GATEWAY'],
});
