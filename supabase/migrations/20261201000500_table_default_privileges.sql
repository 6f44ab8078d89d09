-- Tables and sequences created from now on are closed to the API roles until a migration
-- opens them, the same on Supabase as on a plain PostgreSQL.
--
-- Supabase's initial schema grants all on new tables and sequences in `public` to anon and
-- authenticated by name (as postgres, the role that runs migrations). Every table so far
-- revokes those grants itself and forces row level security, but a future migration that
-- forgot to would leave its table writable over /rest/v1 with the public anon key. Taking the
-- defaults back here (guarded: on a plain PostgreSQL there are none) makes a forgotten
-- revoke fail closed. tests/integration/supabase-grants.test.ts proves it.

do $$
declare
  kind "char";
begin
  foreach kind in array array['r', 'S']::"char"[] loop
    if exists (
      select 1
      from pg_default_acl d, aclexplode(d.defaclacl) a
      where d.defaclrole = (select oid from pg_roles where rolname = current_user)
        and d.defaclnamespace = 'public'::regnamespace
        and d.defaclobjtype = kind
        and a.grantee in (select oid from pg_roles where rolname in ('anon', 'authenticated'))
    ) then
      if kind = 'r' then
        alter default privileges in schema public revoke all on tables from anon, authenticated;
      else
        alter default privileges in schema public revoke all on sequences from anon, authenticated;
      end if;
    end if;
  end loop;
end
$$;
