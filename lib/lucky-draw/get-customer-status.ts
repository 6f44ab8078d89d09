import { rpc, serviceCaller } from '../db';
import { limitedJson } from './with-rate-limit-headers';
import { CustomerStatusResponse } from './schemas';
import { lineUserOf } from './verify-line-token';

/**
 * A LINE user's draws and prizes. The LINE ID token names the user; the database checks
 * that this user's profile is linked to `customerId` (404 no profile, 403 not linked or
 * another customer). Limited per LINE user.
 */
export async function getCustomerStatus(request: Request, customerId: string): Promise<Response> {
  const lineUserId = await lineUserOf(request);
  return limitedJson(
    'luckyDrawCustomer',
    `line:${lineUserId}`,
    () => rpc('get_lucky_draw_customer_status', { p_customer_id: customerId, p_line_user_id: lineUserId }, serviceCaller),
    (body) => CustomerStatusResponse.parse(body),
  );
}
