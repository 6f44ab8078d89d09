import { memberCaller, rpc } from '../db';
import type { VipBookingsQuery } from './schemas';

/** The member's bookings (made under their profile or their linked customer record), one page, bays named in Thai too (bayTh, from SQL). */
export async function listMyBookings(profileId: string, query: VipBookingsQuery) {
  return rpc('get_my_bookings', { p_filter: query.filter, p_page: query.page, p_limit: query.limit }, memberCaller(profileId));
}
