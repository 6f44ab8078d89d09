import { rpc, serviceCaller } from '../db';
import { assertStaffPin } from './staff-pin';

/** Staff hand over an awarded prize: checked by the staff PIN, recorded once with their name. */
export async function redeemPrize(request: Request, body: { prizeId: string; staffName: string }) {
  assertStaffPin(request);
  return rpc('redeem_lucky_draw_prize', { p_award_id: body.prizeId, p_staff_name: body.staffName }, serviceCaller);
}
