import { rpc, serviceCaller } from '../db';
import { AppError } from '../http/errors';
import { SpinResponse } from './schemas';
import { limitedJson } from './with-rate-limit-headers';

/**
 * Spends one draw of the LINE user's linked customer and awards a prize. The body's
 * lineUserId must be the verified token's user (checked first), and customerId that user's
 * linked customer (the database checks); the spin itself is one SQL transaction
 * (spin_lucky_draw). Limited per verified LINE user, after the ownership check, so nobody can
 * spend or lock out someone else's spins by naming their customer.
 */
export async function spin(lineUserId: string, body: { customerId: string; lineUserId: string }): Promise<Response> {
  if (lineUserId !== body.lineUserId) throw new AppError('FORBIDDEN', 'The LINE user does not match the signed-in LINE account');
  return limitedJson(
    'luckyDrawSpin',
    `line:${lineUserId}`,
    () => rpc('spin_lucky_draw', { p_customer_id: body.customerId, p_line_user_id: lineUserId }, serviceCaller),
    (result) => SpinResponse.parse(result),
  );
}
