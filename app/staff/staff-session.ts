import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { profileIdIn, sessionTokenOf } from '@/lib/auth/session-token';
import { staffMemberOf, type StaffIdentity } from '@/lib/auth/verify-staff';

/**
 * The staff account of the page's visitor, checked as the staff API checks it (a verified email
 * matched to an active account, read now): signed out, off to sign in and back to `path`;
 * signed in without a staff account, null (the page says so and offers sign-out).
 */
export async function staffSession(path: string): Promise<StaffIdentity | null> {
  const token = await sessionTokenOf(new Request(`http://localhost${path}`, { headers: await headers() }));
  if (!profileIdIn(token)) redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
  return staffMemberOf(token);
}
