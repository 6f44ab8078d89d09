import { memberCaller, rpc } from '../db';

/** Counts of VIP sessions for a staff member; the SQL function refuses anyone else (403). */
export async function getSessionAnalytics(profileId: string) {
  const data = await rpc('vip_session_analytics', {}, memberCaller(profileId));
  return { success: true as const, data };
}
