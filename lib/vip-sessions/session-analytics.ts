import { rpc } from '../db';
import { callerOfStaff, type StaffIdentity } from '../auth/verify-staff';

/** Counts of VIP sessions for a staff member; the SQL function checks the staff claim too (403). */
export async function getSessionAnalytics(staff: StaffIdentity) {
  const data = await rpc('vip_session_analytics', {}, callerOfStaff(staff));
  return { success: true as const, data };
}
