import { rpc, serviceCaller } from '../db';

/** Staff hand over an awarded prize (the route checked the staff credential): recorded once, with their name. */
export async function redeemPrize(body: { prizeId: string; staffName: string }) {
  return rpc('redeem_lucky_draw_prize', { p_award_id: body.prizeId, p_staff_name: body.staffName }, serviceCaller);
}
