import { rpc, serviceCaller } from '../db';
import type { StaffIdentity } from '../auth/verify-staff';

/**
 * A staff member hands over an awarded prize (the route checked their staff session): recorded
 * once, under their account's display name, not a name typed into the request.
 */
export async function redeemPrize(prizeId: string, staff: StaffIdentity) {
  return rpc('redeem_lucky_draw_prize', { p_award_id: prizeId, p_staff_name: staff.member.displayName }, serviceCaller);
}
