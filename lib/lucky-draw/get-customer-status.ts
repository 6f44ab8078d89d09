import { rpc, serviceCaller } from '../db';
import { thaiNames } from '../venue/thai-names';

/**
 * A LINE user's draws and prizes (with their Thai names). The verified LINE ID token names the
 * user; the database checks that this user's profile is linked to `customerId` (404 no
 * profile, 403 not linked or another customer). Limited per LINE user by its contract.
 */
export async function getCustomerStatus(lineUserId: string, customerId: string) {
  const status = await rpc('get_lucky_draw_customer_status', { p_customer_id: customerId, p_line_user_id: lineUserId }, serviceCaller);
  const names = await thaiNames();
  return {
    ...status,
    prizes: status.prizes.map((prize) => {
      const { nameTh, descriptionTh } = names.prize(prize.prize_name);
      return { ...prize, prize_name_th: nameTh, prize_description_th: descriptionTh };
    }),
  };
}
