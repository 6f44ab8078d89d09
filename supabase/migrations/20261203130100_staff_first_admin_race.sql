-- Concurrent first sign-ins of a STAFF_ADMIN_EMAILS address all get its admin account. One that
-- found no account, then saw the account a concurrent sign-in had just committed, took it for a
-- removed one and answered 403 (CI, staff-accounts.test.ts: three requests at once, one 403).
-- The "never had an account" check is now the insert's own; when it inserts nothing, the account
-- is read again.

create or replace function public.resolve_staff_member(p_email text, p_display_name text, p_bootstrap_admin boolean) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_email text := lower(btrim(p_email));
  v_member public.staff_members;
begin
  select s.* into v_member from public.staff_members s where s.email = v_email and s.removed_at is null;
  if not found and p_bootstrap_admin then
    -- Never for an email that had an account: one an admin removed stays removed. The check is
    -- the insert's own, so an account a concurrent first sign-in committed after the select
    -- above is found below, not taken for a removed one.
    insert into public.staff_members (email, role, display_name)
    select v_email, 'admin', left(coalesce(nullif(btrim(p_display_name), ''), split_part(v_email, '@', 1)), 80)
    where not exists (select 1 from public.staff_members s where s.email = v_email)
    on conflict (email) where removed_at is null do nothing
    returning * into v_member;
    if v_member.id is not null then
      perform app_private.audit_staff_change('bootstrapped', null, null, v_member);
    else
      -- A concurrent first sign-in of the same admin made the row (or it was removed: none).
      select s.* into v_member from public.staff_members s where s.email = v_email and s.removed_at is null;
    end if;
  end if;
  return jsonb_build_object('member', case when v_member.id is null then null else app_private.staff_member_json(v_member) end);
end
$$;
