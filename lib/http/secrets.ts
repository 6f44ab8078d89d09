import { createHash, timingSafeEqual } from 'node:crypto';
import { readEnv } from '../config/env';
import { throttledCheck } from './credentials';

/** Credentials of machine callers, each its own secret (never a default). */
export const machineCredentials = {
  /** The scheduler calling cron routes. */
  cron: 'CRON_SECRET',
  /** Other systems calling system routes (e.g. POST /api/bookings/calendar/create). */
  system: 'SYSTEM_API_KEY',
  /** Staff tooling acting as an admin (POST /api/admin/calendar-retry) without a signed-in admin. */
  admin: 'ADMIN_API_KEY',
} as const;

/** Whether a presented secret is the expected one, compared in constant time (digests first, so lengths do not leak either). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Whether the request carries `Authorization: Bearer <secret>` for this credential: compared
 * in constant time and throttled (throttledCheck). A request without an Authorization header
 * presents nothing and is not counted; an unset secret refuses every call.
 */
export async function carriesSecret(request: Request, credential: keyof typeof machineCredentials): Promise<boolean> {
  const expected = readEnv(machineCredentials[credential]);
  if (!expected) {
    console.error(`${machineCredentials[credential]} is not set: ${credential} calls are refused`);
    return false;
  }
  const header = request.headers.get('authorization');
  if (header === null) return false;
  const given = header.startsWith('Bearer ') ? header.slice(7) : '';
  return throttledCheck(request, credential, () => sameSecret(given, expected));
}
