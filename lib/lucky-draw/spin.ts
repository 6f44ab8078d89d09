import { rpc, serviceCaller } from '../db';
import { AppError } from '../http/errors';
import { SpinResponse } from './schemas';
import { limitedJson } from './with-rate-limit-headers';
import { lineUserOf } from './verify-line-token';

/**
 * Spends one draw of the LINE user's linked customer and awards a prize. The body's
 * lineUserId must be the token's user and customerId that user's linked customer; the
 * spin itself is one SQL transaction (spin_lucky_draw). Limited per customer.
 */
export async function spin(request: Request, body: { customerId: string; lineUserId: string }): Promise<Response> {
  const lineUserId = await lineUserOf(request);
  if (lineUserId !== body.lineUserId) throw new AppError('FORBIDDEN', 'The LINE user does not match the signed-in LINE account');
  return limitedJson(
    'luckyDrawSpin',
    `customer:${body.customerId}`,
    () => rpc('spin_lucky_draw', { p_customer_id: body.customerId, p_line_user_id: lineUserId }, serviceCaller),
    (result) => SpinResponse.parse(result),
  );
}
