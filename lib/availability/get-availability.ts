import { anonCaller, rpc } from '../db';

/** Slots of every active bay on a venue-local date (YYYY-MM-DD). */
export function getAvailability(date: string) {
  return rpc('get_availability', { p_date: date }, anonCaller);
}
