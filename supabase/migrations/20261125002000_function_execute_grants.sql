-- Who may execute the app's functions, the same on Supabase as on a plain PostgreSQL.
--
-- Supabase's initial schema makes every new function in `public` executable by anon,
-- authenticated and service_role by name (`alter default privileges in schema public grant
-- all on functions to postgres, anon, authenticated, service_role`, run as postgres, the
-- role that runs migrations). Our migrations revoked execute from PUBLIC only, which leaves
-- those named grants: on a Supabase project anon could call every function in `public`
-- over /rest/v1/rpc, the security definer ones included (claim_outbox_jobs,
-- record_sales_transaction, spin_lucky_draw, hit_rate_limit, ...). And the compat
-- migration's `alter default privileges in schema ... revoke execute on functions from
-- public` changed nothing: a per-schema default only adds to the global one.
--
-- So: take execute from PUBLIC, anon and authenticated on every function in public and
-- app_private, grant back exactly what the app calls as anon or as a member, and make
-- functions created from now on executable by their owner alone until a migration grants
-- more. service_role keeps what it has (its own grants; on Supabase also the default ones).
-- tests/integration/supabase-grants.test.ts applies every migration under Supabase's
-- defaults and compares the result with the plain PostgreSQL one.

revoke execute on all functions in schema public from public, anon, authenticated;
revoke execute on all functions in schema app_private from public, anon, authenticated;

-- ======================================================================================
-- Anyone, signed in or not (the availability grid, booking, the lucky-draw campaign).
-- ======================================================================================

grant execute on function public.get_availability(date) to anon, authenticated;
grant execute on function public.check_availability(date, time, numeric, text, integer) to anon, authenticated;
grant execute on function public.create_booking(date, time, numeric, integer, text, text, text, text, text, uuid, text, text, text) to anon, authenticated;
grant execute on function public.create_vip_booking(text, date, time, numeric, integer, text, text, text, text, text, uuid, text, text, text) to anon, authenticated;
grant execute on function public.get_campaign_status() to anon, authenticated;
-- The venue clock: pure, reads no table.
grant execute on function app_private.venue_timezone() to anon, authenticated;
grant execute on function app_private.venue_now() to anon, authenticated;

-- ======================================================================================
-- A signed-in member (the VIP portal; each function checks auth.uid() or runs under RLS).
-- ======================================================================================

grant execute on function public.get_vip_status() to authenticated;
grant execute on function public.get_vip_profile() to authenticated;
grant execute on function public.update_vip_profile(text, text, boolean) to authenticated;
grant execute on function public.link_vip_account(text, text) to authenticated;
grant execute on function public.get_my_bookings(text, integer, integer) to authenticated;
grant execute on function public.modify_vip_booking(uuid, date, time, numeric) to authenticated;
grant execute on function public.cancel_vip_booking(uuid, text) to authenticated;
grant execute on function public.get_my_packages() to authenticated;
grant execute on function public.vip_session_analytics() to authenticated;
-- Helpers that run as the member: the staff check, and what the security invoker
-- get_my_bookings calls (it raised its validation error through PUBLIC's execute until now).
grant execute on function app_private.caller_is_staff() to authenticated;
grant execute on function app_private.vip_booking_json(public.bookings, text) to authenticated;
grant execute on function app_private.raise_validation(text, text) to authenticated;

-- ======================================================================================
-- Functions created from now on: executable by their owner only. The global default applies
-- to every schema; on Supabase the per-schema default of `public` also names anon and
-- authenticated, and is taken back here (guarded: on a plain PostgreSQL there is none).
-- ======================================================================================

alter default privileges revoke execute on functions from public;

do $$
begin
  if exists (
    select 1
    from pg_default_acl d, aclexplode(d.defaclacl) a
    where d.defaclrole = (select oid from pg_roles where rolname = current_user)
      and d.defaclnamespace = 'public'::regnamespace
      and d.defaclobjtype = 'f'
      and a.grantee in (select oid from pg_roles where rolname in ('anon', 'authenticated'))
  ) then
    alter default privileges in schema public revoke execute on functions from anon, authenticated;
  end if;
end
$$;
