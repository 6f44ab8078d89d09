import { callerOfStaff, type StaffIdentity } from '../auth/verify-staff';
import { rpc } from '../db';

/** An admin removes an account (audited; SQL refuses the last admin). Staff checks read the record per request, so it ends at once. */
export const removeStaffMember = (admin: StaffIdentity, memberId: string) =>
  rpc('remove_staff_member', { p_member_id: memberId }, callerOfStaff(admin));
