-- The current database schema, readable in one place. supabase/migrations/ is the deployable
-- history (`supabase db push` applies only it); these files are the schema as it is now, one
-- per area, run in file-name order on an empty database (`supabase db diff` reads them too).
--
-- A change adds a migration and updates the schema file in the same commit;
-- tests/integration/schema-files.test.ts says when they disagree.
--
--   00        roles, auth and the schemas (what the compat migration creates)
--   05        helpers every area uses (venue clock, updated_at trigger, validation error)
--   10 - 17   tables by feature, with their indexes, triggers and comments
--   50        row level security, policies and table grants
--   60 - 68   functions by area, each file ending with who may call them
--
-- Functions qualify every name and, but for auth.* and venue_timezone, say `set search_path =
-- ''`; those in `public`, the ones the app calls, also say `set jit = off`: they are short
-- OLTP calls, and JIT once made get_availability take 1 s instead of 5 ms
-- (tests/integration/database-door.test.ts keeps new ones in line).

-- ======================================================================================
-- What Supabase already has, made on a plain PostgreSQL. Every step is guarded, so on a
-- Supabase project this file changes nothing.
-- ======================================================================================

-- Extensions live in their own schema, as on Supabase: btree_gist for the bookings'
-- exclusion constraint, pgcrypto for gen_random_bytes and digest.
create schema if not exists extensions;
create extension if not exists btree_gist with schema extensions;
create extension if not exists pgcrypto with schema extensions;

-- The roles PostgREST (or our pg transport) switches to per request: anon (no sign-in),
-- authenticated (a member's token), service_role (the app's own system work; bypasses RLS).
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;
grant usage on schema public to anon, authenticated, service_role;
grant usage on schema extensions to anon, authenticated, service_role;

-- auth.jwt(), auth.uid() and auth.role() read the claims PostgREST (or our pg
-- transport) sets per request in `request.jwt.claims`.
do $$
begin
  if not exists (
    select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'auth' and p.proname = 'jwt'
  ) then
    create function auth.jwt() returns jsonb
      language sql stable
      as $fn$ select coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb $fn$;
  end if;
  if not exists (
    select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'auth' and p.proname = 'uid'
  ) then
    create function auth.uid() returns uuid
      language sql stable
      as $fn$ select nullif(auth.jwt() ->> 'sub', '')::uuid $fn$;
  end if;
  if not exists (
    select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'auth' and p.proname = 'role'
  ) then
    create function auth.role() returns text
      language sql stable
      as $fn$ select nullif(auth.jwt() ->> 'role', '') $fn$;
  end if;
end
$$;

grant execute on function auth.jwt(), auth.uid(), auth.role() to anon, authenticated, service_role;

-- ======================================================================================
-- app_private: helpers the API must not expose (PostgREST serves only `public`).
-- ======================================================================================

create schema if not exists app_private;
revoke all on schema app_private from public;
grant usage on schema app_private to anon, authenticated, service_role;

-- ======================================================================================
-- Functions, tables and sequences are closed to the API roles until a grant says otherwise.
-- PostgreSQL lets PUBLIC execute a new function, and Supabase's initial schema also grants
-- execute on every new function in `public`, and all on every new table and sequence there,
-- to anon, authenticated and service_role by name (defaults of the role that runs
-- migrations); all are taken back here, the Supabase ones guarded (a plain PostgreSQL has
-- none). A per-schema `revoke ... from public` would change nothing: a per-schema default
-- only adds to the global one. Each function file still revokes PUBLIC by name, as the
-- migrations did, and ends with the grants that decide who may call what.
-- ======================================================================================

alter default privileges revoke execute on functions from public;

do $$
declare
  kind "char";
begin
  foreach kind in array array['f', 'r', 'S']::"char"[] loop
    if exists (
      select 1
      from pg_default_acl d, aclexplode(d.defaclacl) a
      where d.defaclrole = (select oid from pg_roles where rolname = current_user)
        and d.defaclnamespace = 'public'::regnamespace
        and d.defaclobjtype = kind
        and a.grantee in (select oid from pg_roles where rolname in ('anon', 'authenticated'))
    ) then
      case kind
        when 'f' then alter default privileges in schema public revoke execute on functions from anon, authenticated;
        when 'r' then alter default privileges in schema public revoke all on tables from anon, authenticated;
        else alter default privileges in schema public revoke all on sequences from anon, authenticated;
      end case;
    end if;
  end loop;
end
$$;