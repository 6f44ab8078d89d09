import { callerOfStaff, type StaffIdentity } from '../auth/verify-staff';
import { rpc } from '../db';

/** The active staff accounts; the SQL function checks the caller is an admin too. */
export const listStaffMembers = (admin: StaffIdentity) => rpc('list_staff_members', {}, callerOfStaff(admin));
