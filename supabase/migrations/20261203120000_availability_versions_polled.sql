-- Bookings no longer commit one at a time through NOTIFY (issue 17). A transaction that NOTIFYs
-- holds PostgreSQL's notify lock (one for the whole database) from its commit's start to the end
-- of its disk flush, so every booking's commit queued behind the one before: under load (npm run
-- bench, 50 connections booking) 0.65 connections on average were waiting for it, once the day
-- rows' waits were gone (20261203100000). App instances now ask for the versions of the days they
-- keep, five times a second (lib/availability/availability-cache.ts), and nothing announces a
-- change: a change is appended to app_private.availability_changes and nothing more.
--
-- A version is now a digest: get_availability_version(s) answer anyone, and the sum of a day's
-- changes (20261203100000) would tell them how many bookings, moves and cancellations it had.

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

-- The version of a day's answer: a digest of the sum of the day's changes and the venue's
-- version (anyone may read versions: the digest tells nobody how many changes a day had).
create or replace function app_private.availability_version(p_date date) returns text
  language plpgsql stable
  set search_path = ''
  as $$
begin
  return md5(concat_ws('.',
    coalesce((select sum(c.changes) from app_private.availability_changes c where c.day = p_date), 0)::text,
    (select v.version::text from app_private.availability_versions v where v.day = '-infinity')));
end
$$;

-- The day's stored answer when it is current, else the day computed (and stored, unless the
-- transaction is read-only, as PostgREST's GET is). A hit is one statement: the version is
-- availability_version's, written out. On a miss the version is read before the day is
-- computed: a booking committed in between makes the stored row's version old (never served),
-- never a current version with an older answer. Only the days a customer can book are stored,
-- from today to the member horizon (any date from 2000 to 2100 can be asked for: storing each
-- would let anyone fill the table), and a miss drops the days before today.
create or replace function app_private.availability_answer(p_date date) returns app_private.availability_answers
  language plpgsql volatile
  set search_path = ''
  as $$
declare
  v_now timestamp := app_private.venue_now();
  v_answer app_private.availability_answers;
  v_version text;
  v_today date;
begin
  select a.* into v_answer
  from app_private.availability_answers a
  where a.day = p_date
    and a.version = md5(concat_ws('.',
      coalesce((select sum(c.changes) from app_private.availability_changes c where c.day = p_date), 0)::text,
      (select v.version::text from app_private.availability_versions v where v.day = '-infinity')))
    and a.valid_until > v_now;
  if found then
    return v_answer;
  end if;
  v_version := app_private.availability_version(p_date);
  v_today := v_now::date;
  v_answer := row(p_date, v_version, app_private.availability_valid_until(p_date), app_private.availability_of_day(p_date), now());
  if not current_setting('transaction_read_only')::boolean
     and p_date between v_today and v_today + (app_private.venue_settings()).member_booking_horizon_days then
    delete from app_private.availability_answers a where a.day < v_today;
    insert into app_private.availability_answers as a values (v_answer.*)
    on conflict (day) do update
      set version = excluded.version, valid_until = excluded.valid_until, answer = excluded.answer, computed_at = excluded.computed_at;
  end if;
  return v_answer;
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
