import { callerOfStaff, type StaffIdentity } from '../auth/verify-staff';
import { rpc } from '../db';

/** The latest staff account changes, newest first (admins only, checked in SQL too). */
export const listStaffAudit = (admin: StaffIdentity, limit: number) => rpc('list_staff_audit', { p_limit: limit }, callerOfStaff(admin));
