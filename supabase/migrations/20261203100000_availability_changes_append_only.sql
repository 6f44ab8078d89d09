-- Bookings of one day no longer wait for each other's commits (issue 17). The commit-time bump
-- (20261202160000) still locked the day's row of app_private.availability_versions from the
-- bump to the end of the commit, its disk flush included: under load (npm run bench, 50
-- connections booking the hours of one day after another) each booking waited 3.8 ms there on
-- average, and the bookings of a day committed one at a time.
--
-- Now a change of a day appends a row to app_private.availability_changes, which nobody locks,
-- and a day's version is the sum of its rows' `changes`. Rows only become visible, and PostgreSQL
-- makes committed transactions visible in one order, so a version read later counts every row an
-- earlier read counted: the sum grows with each change committed since, and an old version (a
-- stored answer's, an ETag's) never comes back. Folding a day's rows into one row of their sum
-- (below) keeps the sum. The venue-wide version ('-infinity': bays, prices, hours, settings, the
-- clock) stays a row of availability_versions: its changes are rare and may wait.
--
-- A stored answer is no longer deleted by a day's change: it is served only with the day's
-- current version (availability_answer), and deleting it made the day's writers wait on that
-- row instead. Without a lock to shorten, the change is appended when the booking row is written
-- again, and the deferred commit-time machinery of 20261202160000 is gone.
--
-- Nothing announces a change any more: a transaction that NOTIFYs holds PostgreSQL's notify lock
-- (one for the whole database) from its commit's start to the end of its disk flush, so every
-- booking's commit queued behind the one before (0.65 connections waiting for it on average under
-- the same load, once the day rows' waits were gone). App instances ask for the versions of the
-- days they keep instead (public.get_availability_versions, 20261203120000).
--
-- A version is a digest: get_availability_version answers anyone, and the plain sum of a day's
-- changes would tell them how many bookings, moves and cancellations it had.

create table app_private.availability_changes (
  id bigint generated always as identity primary key,
  -- A venue-local date.
  day date not null,
  -- How many changes the row stands for: 1, or the sum of the rows folded into it.
  changes bigint not null default 1 check (changes > 0),
  changed_at timestamptz not null default now()
);
comment on table app_private.availability_changes is
  'Appended per venue-local day a statement changed the availability of; a day''s version is a digest of the sum of its changes.';
create index availability_changes_day_idx on app_private.availability_changes (day) include (changes);
alter table app_private.availability_changes enable row level security;
alter table app_private.availability_changes force row level security;
revoke all on app_private.availability_changes from public, anon, authenticated, service_role;

-- Days' rows of availability_versions are replaced by their changes. A new venue version makes
-- every version and ETag issued before this migration old.
delete from app_private.availability_versions where day <> '-infinity';
update app_private.availability_versions set version = gen_random_uuid(), changed_at = now() where day = '-infinity';
truncate app_private.availability_answers;

drop trigger availability_bumps_pending_at_commit on app_private.availability_bumps_pending;
drop function app_private.bump_noted_availability();
drop function app_private.note_availability_days(date[]);
drop table app_private.availability_bumps_pending;

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

-- Statement triggers of public.bookings: the days of rows inserted or deleted, and of updated rows
-- whose bay, time or status changed (before and after the change).
create or replace function app_private.bookings_availability_changed() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
declare
  v_days date[];
begin
  if tg_op = 'TRUNCATE' then
    perform app_private.bump_availability(array['-infinity'::date]);
    return null;
  elsif tg_op = 'INSERT' then
    select array_agg(distinct d) into v_days from new_rows n cross join lateral app_private.venue_days(n.starts_at, n.ends_at) d;
  elsif tg_op = 'DELETE' then
    select array_agg(distinct d) into v_days from old_rows o cross join lateral app_private.venue_days(o.starts_at, o.ends_at) d;
  else
    select array_agg(distinct d) into v_days
    from old_rows o
    join new_rows n on n.id = o.id
    cross join lateral (select app_private.venue_days(o.starts_at, o.ends_at) union select app_private.venue_days(n.starts_at, n.ends_at)) as t(d)
    where (o.bay_id, o.starts_at, o.ends_at, o.status) is distinct from (n.bay_id, n.starts_at, n.ends_at, n.status);
  end if;
  if v_days is not null then
    perform app_private.bump_availability(v_days);
  end if;
  return null;
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

comment on table app_private.availability_versions is
  'The venue-wide version of every day''s availability (day -infinity): changes with bays, prices, hours, settings and the clock.';
comment on table app_private.availability_answers is
  'public.get_availability''s answer per venue-local day, valid while the day''s version is the one stored and the venue clock is before valid_until.';
