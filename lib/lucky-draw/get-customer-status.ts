import { rpc, serviceCaller } from '../db';

/**
 * A LINE user's draws and prizes (with their Thai names). The verified LINE ID token names the
 * user; the database checks that this user's profile is linked to `customerId` (404 no
 * profile, 403 not linked or another customer). Limited per LINE user by its contract.
 */
export const getCustomerStatus = (lineUserId: string, customerId: string) =>
  rpc('get_lucky_draw_customer_status', { p_customer_id: customerId, p_line_user_id: lineUserId }, serviceCaller);
