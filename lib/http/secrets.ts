import { createHash, timingSafeEqual } from 'node:crypto';

/** Credentials of machine callers, each its own secret (never a default). */
export const machineCredentials = {
  /** The scheduler calling cron routes. */
  cron: 'CRON_SECRET',
  /** Other systems calling system routes (e.g. POST /api/bookings/calendar/create). */
  system: 'SYSTEM_API_KEY',
  /** Staff tooling acting as an admin (POST /api/admin/calendar-retry) without a signed-in admin. */
  admin: 'ADMIN_API_KEY',
} as const;

/** Whether the request carries `Authorization: Bearer <secret>` for this credential, compared in constant time. */
export function carriesSecret(request: Request, credential: keyof typeof machineCredentials): boolean {
  const expected = process.env[machineCredentials[credential]];
  if (!expected) {
    console.error(`${machineCredentials[credential]} is not set: ${credential} calls are refused`);
    return false;
  }
  const header = request.headers.get('authorization') ?? '';
  const given = header.startsWith('Bearer ') ? header.slice(7) : '';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
