import { readEnv } from '../config/env';
import { throttledCheck } from '../http/credentials';
import { AppError } from '../http/errors';
import { sameSecret } from '../http/secrets';

/**
 * What a staff credential proves. The venue's shared PIN only says "someone at the desk";
 * staff accounts (a later issue) will replace it here and name the staff member.
 */
export type StaffIdentity = { via: 'staffPin' };

/**
 * The staff credential of a request, the one place routes with `auth: 'staff'` are checked:
 * the venue's staff PIN (env STAFF_PIN) in header `X-Staff-Pin`, compared in constant time
 * and throttled per client and globally (a PIN is short). Unset STAFF_PIN refuses every call.
 */
export async function staffOf(request: Request): Promise<StaffIdentity> {
  const expected = readEnv('STAFF_PIN');
  if (!expected) {
    console.error('STAFF_PIN is not set: staff calls (prize redemptions) are refused');
    throw new AppError('STAFF_CREDENTIAL_INVALID');
  }
  const given = request.headers.get('x-staff-pin');
  if (given === null || !(await throttledCheck(request, 'staff', () => sameSecret(given, expected)))) {
    throw new AppError('STAFF_CREDENTIAL_INVALID');
  }
  return { via: 'staffPin' };
}
