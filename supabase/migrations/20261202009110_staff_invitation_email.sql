-- Issue #16: an admin's invitation sends the new staff member an email (sign-in link, role),
-- through the outbox like every other email: queued in the invitation's transaction, retried
-- with back-off, one job per staff account.

insert into public.outbox_job_kinds (kind, moot_when_booking_cancelled, queued_by_notification_routes) values
  ('staff_invitation_email', false, false);

create or replace function public.invite_staff_member(p_email text, p_role text, p_display_name text) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_admin public.staff_members := app_private.calling_admin();
  v_fields record;
  v_member public.staff_members;
begin
  select * into v_fields from app_private.checked_staff_fields(coalesce(p_email, ''), coalesce(p_role, ''), coalesce(p_display_name, ''));
  insert into public.staff_members (email, role, display_name, invited_by)
  values (v_fields.email, v_fields.role, v_fields.display_name, v_admin.id)
  on conflict (email) where removed_at is null do nothing
  returning * into v_member;
  if v_member.id is null then
    raise exception using errcode = 'PT409', message = 'STAFF_MEMBER_EXISTS';
  end if;
  perform app_private.audit_staff_change('invited', v_admin, null, v_member);
  -- Keyed by the account: a retried job is the same email, a re-invitation after removal a new one.
  insert into public.outbox_jobs (kind, dedupe_key, payload)
  values ('staff_invitation_email', 'staff_invitation_email:' || v_member.id, jsonb_build_object(
    'memberId', v_member.id,
    'email', v_member.email,
    'displayName', v_member.display_name,
    'role', v_member.role,
    'invitedBy', v_admin.display_name));
  return jsonb_build_object('member', app_private.staff_member_json(v_member));
end
$$;
comment on function public.invite_staff_member(text, text, text) is
  'An admin adds a staff account (role staff or admin) for an email, audited, and queues its invitation email; 409 STAFF_MEMBER_EXISTS if one is active.';
