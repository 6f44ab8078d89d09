-- A booking's statements are planned once per connection, not on every booking (issue 17).
-- pg_stat_statements over 1,500 create_booking calls (track = all, track_planning = on) found
-- four statements planned on each call, about 0.45 ms of a booking's 2 ms in PostgreSQL:
--
-- - bump_availability's fold of a crowded day (about 0.3 ms of planning): PL/pgSQL's plan
--   cache compared the generic plan's estimate with the custom plans', which knew p_days and
--   were cheaper, so it planned anew every time. Its plan does not depend on the days; the fold
--   now runs only when a day is crowded (every 64th change of it), and deletes by the day index
--   rather than a scan of every day's changes.
-- - venue_days, a SQL function with its own search_path: never inlined, so its body was
--   planned on every call (about 80 us). As PL/pgSQL its plan is cached like the others'.
-- - created_booking_json and schedule_booking_reminders' test of a pending reminder (a custom
--   plan folds their null arguments away, so the generic one never looked cheaper).
--
-- Same statements and answers: only when they are planned changes.

create or replace function app_private.venue_days(p_starts timestamptz, p_ends timestamptz) returns setof date
  language plpgsql stable
  set search_path = ''
  as $$
begin
  return query
  select d::date
  from generate_series((p_starts at time zone app_private.venue_timezone())::date,
                       ((p_ends at time zone app_private.venue_timezone()) - interval '1 microsecond')::date,
                       interval '1 day') as d;
end
$$;

create or replace function app_private.bump_availability(p_days date[]) returns void
  language plpgsql volatile
  security definer
  set search_path = ''
  set plan_cache_mode = force_generic_plan
  as $$
begin
  if '-infinity' = any(p_days) then
    update app_private.availability_versions set version = gen_random_uuid(), changed_at = now() where day = '-infinity';
    delete from app_private.availability_answers;
  end if;
  insert into app_private.availability_changes (day)
  select distinct d from unnest(p_days) as d where d is not null and d <> '-infinity';
  if exists (select from app_private.availability_changes c where c.day = any(p_days) group by c.day having count(*) > 64) then
    with crowded as (
      select c.day from app_private.availability_changes c
      where c.day = any(p_days)
      group by c.day
      having count(*) > 64
    ), folded as (
      delete from app_private.availability_changes c
      where c.day = any(p_days)
        and c.id in (select f.id from app_private.availability_changes f join crowded using (day) for update of f skip locked)
      returning c.day, c.changes
    )
    insert into app_private.availability_changes (day, changes)
    select f.day, sum(f.changes)::bigint from folded f group by f.day;
  end if;
end
$$;

alter function app_private.created_booking_json(public.bookings, boolean, boolean) set plan_cache_mode = force_generic_plan;
alter function app_private.schedule_booking_reminders() set plan_cache_mode = force_generic_plan;
