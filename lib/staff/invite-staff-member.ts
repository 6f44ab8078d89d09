import { callerOfStaff, type StaffIdentity } from '../auth/verify-staff';
import { rpc } from '../db';
import { deliverInline } from '../outbox/inline-delivery';
import type { z } from 'zod';
import type { InviteStaffMemberRequest } from './schemas';

/**
 * An admin adds a staff account for an email (audited in SQL, which also queues the invitation
 * email). The person signs in with that email (emailed code or a verified OAuth email) and has
 * the role from their next request. The email is tried at once; the outbox retries a failure.
 */
export async function inviteStaffMember(admin: StaffIdentity, invite: z.output<typeof InviteStaffMemberRequest>) {
  const invited = await rpc('invite_staff_member', { p_email: invite.email, p_role: invite.role, p_display_name: invite.displayName }, callerOfStaff(admin));
  await deliverInline({ limit: 5 }, 'invite-staff-member: inline delivery of the invitation email');
  return invited;
}
