import { issueSessionToken } from '../../lib/auth/session-token';
import { createProfile, randomSuffix } from './factories';
import { sql } from './sql';

/**
 * Staff accounts and the sessions that prove them. A session's email counts for staff rights
 * only when the sign-in verified it (`emailVerified`, as the emailed-code and OAuth sign-ins
 * set it); the guest sign-in's typed email never does.
 */

export const staffEmail = (label = 'staff') => `${label}-${randomSuffix()}@venue.example`;

/** A session token of a new profile whose sign-in proved `email` (or did not: `verified: false`). */
export async function emailSession(email: string, { verified = true, name = 'Desk Person' } = {}): Promise<{ profileId: string; token: string }> {
  const profileId = await createProfile(name);
  const token = await issueSessionToken(profileId, verified ? { email, name, emailVerified: true } : { email, name });
  return { profileId, token };
}

export interface StaffFixture {
  memberId: string;
  email: string;
  profileId: string;
  token: string;
  /** `Authorization: Bearer <session>` */
  headers: Record<string, string>;
}

/** An active staff account (inserted as the table's owner) and a verified session of its email. */
export async function createStaffMember(role: 'staff' | 'admin' = 'staff', displayName = `Desk ${randomSuffix()}`): Promise<StaffFixture> {
  const email = staffEmail(role);
  const [row] = await sql<{ id: string }>(`insert into public.staff_members (email, role, display_name) values ($1, $2, $3) returning id`, [email, role, displayName]);
  const { profileId, token } = await emailSession(email, { name: displayName });
  return { memberId: row!.id, email, profileId, token, headers: { Authorization: `Bearer ${token}` } };
}
