import { memberCaller, rpc } from '../db';

/** The signed-in member's own booking with this reference, or null (row level security decides what is theirs). */
export const findMyBooking = (profileId: string, reference: string) =>
  rpc('get_my_booking_by_reference', { p_reference: reference }, memberCaller(profileId));
