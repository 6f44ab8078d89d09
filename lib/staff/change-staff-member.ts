import { callerOfStaff, type StaffIdentity } from '../auth/verify-staff';
import { rpc } from '../db';
import type { z } from 'zod';
import type { ChangeStaffMemberRequest } from './schemas';

/** An admin sets an account's role and/or name (audited; SQL refuses to demote the last admin). */
export const changeStaffMember = (admin: StaffIdentity, memberId: string, change: z.output<typeof ChangeStaffMemberRequest>) =>
  rpc('change_staff_member', { p_member_id: memberId, p_role: change.role ?? null, p_display_name: change.displayName ?? null }, callerOfStaff(admin));
