-- Bookings no longer commit one at a time through NOTIFY (issue 17). A transaction that NOTIFYs
-- holds PostgreSQL's notify lock (one for the whole database) from its commit's start to the end
-- of its disk flush, so every booking's commit queued behind the one before: under load (npm run
-- bench, 50 connections booking) 0.65 connections on average were waiting for it, once the day
-- rows' waits were gone (20261203100000). App instances now ask for the versions of the days they
-- keep, five times a second (lib/availability/availability-cache.ts), and nothing announces a
-- change: a change is appended to app_private.availability_changes and nothing more.

-- A change of each of p_days ('-infinity': of every day, a new venue version and every stored
-- answer dropped). A day past 64 rows has them folded into one; rows another transaction is
-- folding are skipped, never waited for.
create or replace function app_private.bump_availability(p_days date[]) returns void
  language plpgsql volatile
  security definer
  set search_path = ''
  as $$
begin
  if '-infinity' = any(p_days) then
    update app_private.availability_versions set version = gen_random_uuid(), changed_at = now() where day = '-infinity';
    delete from app_private.availability_answers;
  end if;
  insert into app_private.availability_changes (day)
  select distinct d from unnest(p_days) as d where d is not null and d <> '-infinity';
  with crowded as (
    select c.day from app_private.availability_changes c
    where c.day = any(p_days)
    group by c.day
    having count(*) > 64
  ), folded as (
    delete from app_private.availability_changes c
    where c.id in (select f.id from app_private.availability_changes f join crowded using (day) for update of f skip locked)
    returning c.day, c.changes
  )
  insert into app_private.availability_changes (day, changes)
  select f.day, sum(f.changes)::bigint from folded f group by f.day;
end
$$;

-- The current version of each of p_dates (a JSON array of dates, at most 400: an instance keeps 200 days), as
-- {"2026-12-03": "<version>", ...}: what an app instance checks the days it keeps against.
create function public.get_availability_versions(p_dates jsonb) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
begin
  if jsonb_array_length(p_dates) > 400 then
    perform app_private.raise_validation('dates', 'At most 400');
  end if;
  return coalesce((select jsonb_object_agg(d::text, app_private.availability_version(d)) from (select distinct e::date as d from jsonb_array_elements_text(p_dates) as e) t), '{}'::jsonb);
end
$$;
comment on function public.get_availability_versions(jsonb) is
  'The current availability version of each of up to 400 venue-local days (what get_availability_version answers as version).';

revoke execute on function public.get_availability_versions(jsonb) from public;
grant execute on function public.get_availability_versions(jsonb) to anon, authenticated, service_role;
