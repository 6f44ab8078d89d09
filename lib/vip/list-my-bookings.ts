import { memberCaller, rpc } from '../db';
import { withBayTh } from '../venue/thai-names';
import type { VipBookingsQuery } from './schemas';

/** The member's bookings (made under their profile or their linked customer record), one page, bays named in Thai too. */
export async function listMyBookings(profileId: string, query: VipBookingsQuery) {
  const page = await rpc('get_my_bookings', { p_filter: query.filter, p_page: query.page, p_limit: query.limit }, memberCaller(profileId));
  return { ...page, bookings: await withBayTh(page.bookings) };
}
