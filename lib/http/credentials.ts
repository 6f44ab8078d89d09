import { decodeJwt } from 'jose';
import { profileIdOf } from '../auth/session-token';
import { assertStaffPin } from '../lucky-draw/staff-pin';
import { LINE_ISSUER, verifyLineIdToken } from '../lucky-draw/verify-line-token';
import { AppError } from './errors';
import { carriesSecret, machineCredentials } from './secrets';

/**
 * Tells 401 from 403 once a route has refused its caller with a 401. When everything the
 * request presents is a valid credential of some kind (a member session, a machine secret,
 * a LINE ID token, the staff PIN), the caller is known and only not allowed here: 403
 * FORBIDDEN. When it presents nothing, or anything invalid (a wrong secret, an expired or
 * tampered token), the 401 stands: the right credential may still get in.
 */
export async function refusalFor(request: Request, refused: AppError): Promise<AppError> {
  const presented = await presentedCredentials(request);
  if (presented.length > 0 && presented.every((valid) => valid)) return new AppError('FORBIDDEN');
  return refused;
}

/** One entry per credential the request carries: whether it is valid. */
async function presentedCredentials(request: Request): Promise<boolean[]> {
  const presented: Array<Promise<boolean>> = [];
  const authorization = request.headers.get('authorization');
  if (authorization !== null) presented.push(validAuthorization(request, authorization));
  if (/(^|;)\s*(__Secure-)?next-auth\.session-token(\.\d+)?=/.test(request.headers.get('cookie') ?? '')) {
    presented.push(isSession(request.url, { cookie: request.headers.get('cookie')! }));
  }
  if (request.headers.has('x-staff-pin')) presented.push(Promise.resolve(validStaffPin(request)));
  return Promise.all(presented);
}

/** An `Authorization` header is valid as a machine secret, a session token or a LINE ID token. */
async function validAuthorization(request: Request, authorization: string): Promise<boolean> {
  const token = authorization.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
  if (!token) return false;
  for (const credential of Object.keys(machineCredentials) as Array<keyof typeof machineCredentials>) {
    // Unset secrets are skipped quietly: carriesSecret logs them when a route needs one.
    if (process.env[machineCredentials[credential]] && carriesSecret(request, credential)) return true;
  }
  if (await isSession(request.url, { authorization: `Bearer ${token}` })) return true;
  return isLineIdToken(token);
}

async function isSession(url: string, headers: Record<string, string>): Promise<boolean> {
  try {
    return (await profileIdOf(new Request(url, { headers }))) !== null;
  } catch {
    return false;
  }
}

async function isLineIdToken(token: string): Promise<boolean> {
  try {
    // Only tokens that claim LINE as issuer are verified (which may fetch LINE's key set).
    if (decodeJwt(token).iss !== LINE_ISSUER) return false;
    await verifyLineIdToken(token);
    return true;
  } catch {
    return false;
  }
}

function validStaffPin(request: Request): boolean {
  if (!process.env.STAFF_PIN) return false;
  try {
    assertStaffPin(request);
    return true;
  } catch {
    return false;
  }
}
