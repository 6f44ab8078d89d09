-- ======================================================================================
-- Staff accounts. The app resolves a request's staff member from the session's VERIFIED
-- email (lib/auth/verify-staff.ts) and passes that email on as the `verified_email` claim
-- (lib/db/caller.ts), which is all these functions trust: a typed email never reaches it.
-- ======================================================================================

-- The calling session's active staff account, by its verified email claim; null for anyone else.
create function app_private.caller_staff_member() returns public.staff_members
  language sql stable
  security definer
  set search_path = ''
  as $$
  select s.* from public.staff_members s
  where s.email = lower(nullif(auth.jwt() ->> 'verified_email', '')) and s.removed_at is null
$$;
comment on function app_private.caller_staff_member() is 'The active staff account of the caller''s verified email claim, or null.';

-- Whether the caller is staff (staff or admin). Security definer so that it answers the same
-- whatever the caller's row level security lets them read.
create function app_private.caller_is_staff() returns boolean
  language sql stable
  security definer
  set search_path = ''
  as $$ select (app_private.caller_staff_member()).id is not null $$;
comment on function app_private.caller_is_staff() is 'True when the caller''s verified email belongs to an active staff account (staff or admin).';

-- The admin calling an admin-only function; 403 FORBIDDEN for anyone else.
create function app_private.calling_admin() returns public.staff_members
  language plpgsql stable
  set search_path = ''
  as $$
declare
  v_admin public.staff_members := app_private.caller_staff_member();
begin
  if v_admin.id is null or v_admin.role <> 'admin' then
    raise exception using errcode = 'PT403', message = 'FORBIDDEN';
  end if;
  return v_admin;
end
$$;
comment on function app_private.calling_admin() is 'The calling admin''s account; raises 403 FORBIDDEN unless the caller is an active admin.';

-- A staff account as the API shows it.
create function app_private.staff_member_json(p_member public.staff_members) returns jsonb
  language sql stable
  set search_path = ''
  as $$
  select jsonb_build_object(
    'id', p_member.id,
    'email', p_member.email,
    'role', p_member.role,
    'displayName', p_member.display_name,
    'invitedBy', (select i.email from public.staff_members i where i.id = p_member.invited_by),
    'createdAt', app_private.iso_utc_ms(p_member.created_at),
    'removedAt', app_private.iso_utc_ms(p_member.removed_at))
$$;
comment on function app_private.staff_member_json(public.staff_members) is 'A staff account as JSON: id, email, role, displayName, invitedBy (email), createdAt, removedAt.';

-- The audit row of one change, written in the same transaction as the change.
create function app_private.audit_staff_change(p_action text, p_actor public.staff_members, p_before public.staff_members, p_after public.staff_members)
  returns void
  language sql volatile
  set search_path = ''
  as $$
  insert into public.staff_audit (staff_member_id, action, actor_id, actor_email, before, after)
  values (coalesce(p_after.id, p_before.id), p_action, p_actor.id, p_actor.email,
          case when p_before.id is null then null else app_private.staff_member_json(p_before) end,
          case when p_after.id is null then null else app_private.staff_member_json(p_after) end)
$$;
comment on function app_private.audit_staff_change(text, public.staff_members, public.staff_members, public.staff_members) is
  'Appends the audit row of a staff account change (actor null: the deployment or a migration).';

-- Validates and normalises a staff account's email, role and display name (400 per field).
create function app_private.checked_staff_fields(p_email text, p_role text, p_display_name text)
  returns table (email text, role text, display_name text)
  language plpgsql immutable
  set search_path = ''
  as $$
begin
  email := lower(btrim(p_email));
  role := p_role;
  display_name := btrim(p_display_name);
  if p_email is not null and (length(email) > 200 or email !~ '^[^@\s]+@[^@\s]+$') then
    perform app_private.raise_validation('email', 'Email is not valid');
  end if;
  if p_role is not null and p_role not in ('staff', 'admin') then
    perform app_private.raise_validation('role', 'Role must be staff or admin');
  end if;
  if p_display_name is not null and length(display_name) not between 1 and 80 then
    perform app_private.raise_validation('displayName', 'Must be 1-80 characters');
  end if;
  return next;
end
$$;
comment on function app_private.checked_staff_fields(text, text, text) is 'A staff account''s fields trimmed and checked; 400 VALIDATION_ERROR naming the bad field.';

-- The active account an admin is changing, locked, for change_staff_member and
-- remove_staff_member. The active admins are locked first (in id order), so changes that could
-- leave no admin run one at a time; then the caller must (still) be an admin (403), the
-- account must be active (404), and a change that takes an admin out of the admins
-- (p_leaves_admins) must leave another (409 LAST_ADMIN).
create function app_private.staff_member_to_change(p_member_id uuid, p_leaves_admins boolean) returns public.staff_members
  language plpgsql volatile
  set search_path = ''
  as $$
declare
  v_admins bigint;
  v_member public.staff_members;
begin
  with locked as (
    select s.id from public.staff_members s where s.role = 'admin' and s.removed_at is null order by s.id for update
  )
  select count(*) into v_admins from locked;
  perform app_private.calling_admin();
  select s.* into v_member from public.staff_members s where s.id = p_member_id and s.removed_at is null for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'STAFF_MEMBER_NOT_FOUND';
  end if;
  if v_member.role = 'admin' and p_leaves_admins and v_admins <= 1 then
    raise exception using errcode = 'PT409', message = 'LAST_ADMIN';
  end if;
  return v_member;
end
$$;
comment on function app_private.staff_member_to_change(uuid, boolean) is
  'Locks the active admins, checks the caller is one, and returns the active account to change, locked (404; 409 LAST_ADMIN).';

-- The staff credential of a request, called by the app (service_role) only after it verified
-- the session and its email. The active account of that email, or null. An email listed in
-- STAFF_ADMIN_EMAILS (p_bootstrap_admin, decided by the app) that never had an account gets an
-- admin one here, audited as 'bootstrapped'; one an admin removed stays removed.
create function public.resolve_staff_member(p_email text, p_display_name text, p_bootstrap_admin boolean) returns jsonb
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
comment on function public.resolve_staff_member(text, text, boolean) is
  'The active staff account of a verified email (null if none); creates the first admins of STAFF_ADMIN_EMAILS once, audited.';

-- GET /api/staff/members: the active accounts, admins first.
create function public.list_staff_members() returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
begin
  perform app_private.calling_admin();
  return jsonb_build_object('members', coalesce((
    select jsonb_agg(app_private.staff_member_json(s) order by s.role = 'admin' desc, s.email)
    from public.staff_members s where s.removed_at is null), '[]'::jsonb));
end
$$;
comment on function public.list_staff_members() is 'The active staff accounts, admins first; admins only (403).';

-- POST /api/staff/members: an admin adds a staff account for an email (409 if one is active).
create function public.invite_staff_member(p_email text, p_role text, p_display_name text) returns jsonb
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

-- PATCH /api/staff/members/{memberId}: an admin sets an account's role and/or display name.
-- The last active admin cannot be demoted (409 LAST_ADMIN).
create function public.change_staff_member(p_member_id uuid, p_role text, p_display_name text) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_before public.staff_members := app_private.staff_member_to_change(p_member_id, coalesce(p_role = 'staff', false));
  v_admin public.staff_members := app_private.caller_staff_member();
  v_fields record;
  v_after public.staff_members;
begin
  select * into v_fields from app_private.checked_staff_fields(null, p_role, p_display_name);
  update public.staff_members s
  set role = coalesce(v_fields.role, s.role), display_name = coalesce(v_fields.display_name, s.display_name)
  where s.id = p_member_id
  returning * into v_after;
  if (v_after.role, v_after.display_name) is distinct from (v_before.role, v_before.display_name) then
    perform app_private.audit_staff_change('changed', v_admin, v_before, v_after);
  end if;
  return jsonb_build_object('member', app_private.staff_member_json(v_after));
end
$$;
comment on function public.change_staff_member(uuid, text, text) is 'An admin sets a staff account''s role and/or display name, audited; 409 LAST_ADMIN for the last admin''s demotion.';

-- DELETE /api/staff/members/{memberId}: an admin removes an account; its rights end with the
-- next request. The last active admin cannot be removed (409 LAST_ADMIN).
create function public.remove_staff_member(p_member_id uuid) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_before public.staff_members := app_private.staff_member_to_change(p_member_id, true);
  v_admin public.staff_members := app_private.caller_staff_member();
  v_after public.staff_members;
begin
  update public.staff_members s set removed_at = now(), removed_by = v_admin.id
  where s.id = p_member_id
  returning * into v_after;
  perform app_private.audit_staff_change('removed', v_admin, v_before, v_after);
  return jsonb_build_object('member', app_private.staff_member_json(v_after));
end
$$;
comment on function public.remove_staff_member(uuid) is 'An admin removes a staff account (kept, marked removed), audited; 409 LAST_ADMIN for the last admin.';

-- GET /api/staff/audit: the latest staff account changes, newest first.
create function public.list_staff_audit(p_limit integer) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
begin
  perform app_private.calling_admin();
  return jsonb_build_object('entries', coalesce((
    select jsonb_agg(jsonb_build_object(
             'id', a.id, 'action', a.action, 'memberEmail', m.email, 'actorEmail', a.actor_email,
             'before', a.before, 'after', a.after, 'at', app_private.iso_utc_ms(a.at)) order by a.id desc)
    from (select * from public.staff_audit order by id desc limit least(greatest(coalesce(p_limit, 50), 1), 200)) a
    join public.staff_members m on m.id = a.staff_member_id), '[]'::jsonb));
end
$$;
comment on function public.list_staff_audit(integer) is 'The latest staff account changes (1-200, default 50), newest first; admins only (403).';

revoke execute on function app_private.caller_staff_member() from public;
revoke execute on function app_private.caller_is_staff() from public;
revoke execute on function app_private.calling_admin() from public;
revoke execute on function app_private.staff_member_json(public.staff_members) from public;
revoke execute on function app_private.audit_staff_change(text, public.staff_members, public.staff_members, public.staff_members) from public;
revoke execute on function app_private.checked_staff_fields(text, text, text) from public;
revoke execute on function app_private.staff_member_to_change(uuid, boolean) from public;
revoke execute on function public.resolve_staff_member(text, text, boolean) from public;
revoke execute on function public.list_staff_members() from public;
revoke execute on function public.invite_staff_member(text, text, text) from public;
revoke execute on function public.change_staff_member(uuid, text, text) from public;
revoke execute on function public.remove_staff_member(uuid) from public;
revoke execute on function public.list_staff_audit(integer) from public;
grant execute on function app_private.caller_staff_member() to authenticated, service_role;
grant execute on function app_private.caller_is_staff() to authenticated, service_role;
grant execute on function public.resolve_staff_member(text, text, boolean) to service_role;
grant execute on function public.list_staff_members() to authenticated;
grant execute on function public.invite_staff_member(text, text, text) to authenticated;
grant execute on function public.change_staff_member(uuid, text, text) to authenticated;
grant execute on function public.remove_staff_member(uuid) to authenticated;
grant execute on function public.list_staff_audit(integer) to authenticated;

-- ======================================================================================
-- The front desk redeems a prize by the code the customer's LINE screen shows, from the
-- staff member's own session: the redemption carries their account's display name.
-- ======================================================================================

-- A prize by its redemption code as the desk sees it; 404 PRIZE_NOT_FOUND.
create function app_private.prize_by_code(p_code text) returns jsonb
  language sql stable
  set search_path = ''
  as $$
  select jsonb_build_object(
    'prizeId', a.id,
    'prizeName', p.name,
    'prizeNameTh', p.name_th,
    'prizeDescription', p.description,
    'prizeDescriptionTh', p.description_th,
    'redemptionCode', a.redemption_code,
    'customerName', cu.name,
    'wonAt', app_private.iso_utc_ms(a.awarded_at),
    'campaignName', c.name,
    'campaignEnded', c.ends_at <= now(),
    'isRedeemed', r.award_id is not null,
    'redeemedAt', app_private.iso_utc_ms(r.redeemed_at),
    'redeemedByStaffName', r.staff_name)
  from public.lucky_draw_awards a
  join public.lucky_draw_prizes p on p.id = a.prize_id
  join public.lucky_draw_campaigns c on c.id = p.campaign_id
  join public.customers cu on cu.id = a.customer_id
  left join public.lucky_draw_redemptions r on r.award_id = a.id
  where a.redemption_code = upper(btrim(p_code))
$$;
comment on function app_private.prize_by_code(text) is 'A won prize by its redemption code: prize, customer, campaign state and redemption, or null.';

-- GET /api/staff/prizes/{code}: staff look a code up before handing the prize over.
create function public.find_prize_by_code(p_code text) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_prize jsonb;
begin
  if not app_private.caller_is_staff() then
    raise exception using errcode = 'PT403', message = 'FORBIDDEN';
  end if;
  v_prize := app_private.prize_by_code(p_code);
  if v_prize is null then
    raise exception using errcode = 'PT404', message = 'PRIZE_NOT_FOUND';
  end if;
  return jsonb_build_object('prize', v_prize);
end
$$;
comment on function public.find_prize_by_code(text) is 'Staff look up a won prize by its redemption code (403 for anyone else, 404 unknown code).';

-- POST /api/staff/prizes/{code}/redeem: once, under the calling staff member's display name;
-- 400 PRIZE_ALREADY_REDEEMED, 409 CAMPAIGN_ENDED when its campaign has ended.
create function public.redeem_prize_by_code(p_code text) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_staff public.staff_members := app_private.caller_staff_member();
  v_award_id uuid;
begin
  if v_staff.id is null then
    raise exception using errcode = 'PT403', message = 'FORBIDDEN';
  end if;
  select a.id into v_award_id from public.lucky_draw_awards a where a.redemption_code = upper(btrim(p_code));
  if not found then
    raise exception using errcode = 'PT404', message = 'PRIZE_NOT_FOUND';
  end if;
  -- The one redemption (lock, already-redeemed and ended-campaign checks, row, audit).
  perform public.redeem_lucky_draw_prize(v_award_id, v_staff.display_name);
  return jsonb_build_object('prize', app_private.prize_by_code(p_code));
end
$$;
comment on function public.redeem_prize_by_code(text) is 'Staff redeem a won prize by its code, once, under their display name; refused for an ended campaign.';

revoke execute on function app_private.prize_by_code(text) from public;
revoke execute on function public.find_prize_by_code(text) from public;
revoke execute on function public.redeem_prize_by_code(text) from public;
grant execute on function public.find_prize_by_code(text) to authenticated;
grant execute on function public.redeem_prize_by_code(text) to authenticated;
