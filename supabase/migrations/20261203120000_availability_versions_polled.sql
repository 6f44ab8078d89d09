-- App instances check the versions of the days they keep, five times a second, in one query
-- (lib/availability/availability-cache.ts, issue 17): no change is announced by NOTIFY any more
-- (20261203100000), whose database-wide lock made every booking's commit wait for the one before.

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
