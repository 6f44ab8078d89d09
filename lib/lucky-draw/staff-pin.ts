import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../http/errors';

/**
 * Staff prove a redemption with the venue's staff PIN (env STAFF_PIN) in header
 * `X-Staff-Pin`, compared in constant time. Unset STAFF_PIN refuses every redemption.
 */
export function assertStaffPin(request: Request): void {
  const expected = process.env.STAFF_PIN;
  if (!expected) {
    console.error('STAFF_PIN is not set: prize redemptions are refused');
    throw new AppError('STAFF_CREDENTIAL_INVALID');
  }
  const given = request.headers.get('x-staff-pin') ?? '';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  if (!timingSafeEqual(digest(given), digest(expected))) throw new AppError('STAFF_CREDENTIAL_INVALID');
}
