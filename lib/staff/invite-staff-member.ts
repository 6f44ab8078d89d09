import { callerOfStaff, type StaffIdentity } from '../auth/verify-staff';
import { rpc } from '../db';
import type { z } from 'zod';
import type { InviteStaffMemberRequest } from './schemas';

/**
 * An admin adds a staff account for an email (audited in SQL). The person signs in with that
 * email (emailed code or a verified OAuth email) and has the role from their next request.
 */
export const inviteStaffMember = (admin: StaffIdentity, invite: z.output<typeof InviteStaffMemberRequest>) =>
  rpc('invite_staff_member', { p_email: invite.email, p_role: invite.role, p_display_name: invite.displayName }, callerOfStaff(admin));
