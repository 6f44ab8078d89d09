import type { z } from 'zod';
import { anonCaller, rpc } from '../db';
import type { AvailabilityCheckRequest } from './schemas';

/** Whether a start time and duration can be booked; if not, why and what else fits. */
export function checkAvailability(request: z.output<typeof AvailabilityCheckRequest>) {
  return rpc(
    'check_availability',
    {
      p_date: request.date,
      p_start_time: request.startTime,
      p_duration_hours: request.duration,
      p_bay: request.bay,
      p_people: request.numberOfPeople,
    },
    anonCaller,
  );
}
