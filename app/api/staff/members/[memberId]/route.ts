import { route } from '@/lib/http/route';
import { adminSession } from '@/lib/staff/admin-session';
import { changeStaffMember } from '@/lib/staff/change-staff-member';
import { removeStaffMember } from '@/lib/staff/remove-staff-member';
import { changeStaffMemberContract, removeStaffMemberContract } from '@/lib/staff/schemas';

export const dynamic = 'force-dynamic';

// PATCH /api/staff/members/{memberId} – an admin sets a staff account's role or name
export const PATCH = route(changeStaffMemberContract, ({ admin, params, body }) => changeStaffMember(adminSession(admin), params.memberId, body));

// DELETE /api/staff/members/{memberId} – an admin removes a staff account
export const DELETE = route(removeStaffMemberContract, ({ admin, params }) => removeStaffMember(adminSession(admin), params.memberId));
