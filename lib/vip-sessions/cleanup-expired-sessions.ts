import { rpc, serviceCaller } from '../db';

/** Removes every expired VIP session; the database records how many in a `cleaned_up` event. */
export function cleanupExpiredSessions() {
  return rpc('cleanup_expired_vip_sessions', {}, serviceCaller);
}
