-- Availability versions (issue 17): each venue-local day has a version that changes in the same
-- transaction as anything that changes the day's answer. App instances keep a short-lived cache
-- of days and ask for the versions of the days they keep five times a second
-- (public.get_availability_versions); a day whose version moved is dropped. ETags are made of the
-- version and the period the day's time-dependent marks hold for (until the next instant one
-- changes: a slot's start, a start minus the notice, midnight), so a revalidation never computes the day.

create table app_private.availability_versions (
  -- '-infinity', the venue-wide version (bays, prices, hours, settings, the clock); a day's own
  -- changes are rows of availability_changes.
  day date primary key,
  version uuid not null default gen_random_uuid(),
  changed_at timestamptz not null default now()
);
comment on table app_private.availability_versions is
  'The venue-wide version of every day''s availability (day -infinity): changes with bays, prices, hours, settings and the clock.';
alter table app_private.availability_versions enable row level security;
alter table app_private.availability_versions force row level security;
revoke all on app_private.availability_versions from public, anon, authenticated, service_role;
insert into app_private.availability_versions (day) values ('-infinity');

-- A change of a day appends a row, which nobody locks, so the bookings of one day never wait
-- for each other's commits; a day's version is the sum of its rows' `changes`. Rows only become
-- visible, and PostgreSQL makes committed transactions visible in one order, so a version read
-- later counts every row an earlier read counted: the sum grows with each change committed
-- since, and an old version (a stored answer's, an ETag's) never comes back. Folding a day's
-- rows into one row of their sum (bump_availability) keeps the sum.
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

-- The venue-local days [p_starts, p_ends) touches. PL/pgSQL, so its plan is cached (a SQL
-- function with its own search_path is never inlined: its body was planned on every call).
create function app_private.venue_days(p_starts timestamptz, p_ends timestamptz) returns setof date
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

-- A change of each of p_days ('-infinity': of every day, a new venue version and every stored
-- answer dropped). A day past 64 rows has them folded into one (only then: the test is one
-- index-only read); rows another transaction is folding are skipped, never waited for. One
-- generic plan: a custom plan knows the days and looks cheaper, and was made on every call.
create function app_private.bump_availability(p_days date[]) returns void
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

-- Statement triggers of public.bookings: the days of rows inserted or deleted, and of updated rows
-- whose bay, time or status changed (before and after the change).
create function app_private.bookings_availability_changed() returns trigger
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

-- Statement trigger of what every day's answer depends on.
create function app_private.venue_availability_changed() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
begin
  perform app_private.bump_availability(array['-infinity'::date]);
  return null;
end
$$;

create trigger bookings_availability_inserted after insert on public.bookings
  referencing new table as new_rows for each statement execute function app_private.bookings_availability_changed();
create trigger bookings_availability_updated after update on public.bookings
  referencing old table as old_rows new table as new_rows for each statement execute function app_private.bookings_availability_changed();
create trigger bookings_availability_deleted after delete on public.bookings
  referencing old table as old_rows for each statement execute function app_private.bookings_availability_changed();
create trigger bookings_availability_truncated after truncate on public.bookings
  for each statement execute function app_private.bookings_availability_changed();

create trigger bays_availability_changed after insert or update or delete or truncate on public.bays
  for each statement execute function app_private.venue_availability_changed();
create trigger price_rules_availability_changed after insert or update or delete or truncate on public.price_rules
  for each statement execute function app_private.venue_availability_changed();
create trigger opening_hours_availability_changed after insert or update or delete or truncate on public.opening_hours
  for each statement execute function app_private.venue_availability_changed();
create trigger venue_settings_availability_changed after insert or update or delete or truncate on public.venue_settings
  for each statement execute function app_private.venue_availability_changed();
create trigger frozen_clock_availability_changed after insert or update or delete or truncate on app_private.frozen_clock
  for each statement execute function app_private.venue_availability_changed();

-- The first venue-local instant after now at which some time-dependent mark of p_date's answer
-- differs (each candidate is the first instant its mark differs, so the answer is the same at
-- every moment of [now, that instant)). Slots start hourly from opening.
create function app_private.availability_valid_until(p_date date) returns timestamp
  language plpgsql stable
  set search_path = ''
  as $$
declare
  v_now timestamp := app_private.venue_now();
  v_notice interval := make_interval(mins => (app_private.venue_settings()).min_booking_notice_minutes);
  v_opens timestamp;
  v_closes timestamp;
  v_next_start timestamp;
  v_next_inside_notice timestamp;
begin
  select p_date + oh.opens, p_date + oh.opens + make_interval(hours => floor(extract(epoch from oh.closes - oh.opens) / 3600)::int)
  into v_opens, v_closes
  from public.opening_hours oh
  where oh.weekday = extract(isodow from p_date);
  if v_opens is not null then
    -- the first slot start after now (it is past from then on)
    v_next_start := v_opens + make_interval(hours => greatest(0, floor(extract(epoch from v_now - v_opens) / 3600)::int + 1));
    -- the first slot start at or after now + notice (too_soon from a microsecond after it comes inside the notice)
    v_next_inside_notice := v_opens + make_interval(hours => greatest(0, ceil(extract(epoch from v_now + v_notice - v_opens) / 3600)::int));
  end if;
  return least(
    case when v_next_start < v_closes then v_next_start end,
    case when v_next_inside_notice < v_closes then v_next_inside_notice - v_notice + interval '1 microsecond' end,
    -- the earliest start moves to the next half hour
    app_private.earliest_start(v_now + v_notice) - v_notice + interval '1 microsecond',
    -- midnight: both horizons move
    v_now::date + 1);
end
$$;
comment on function app_private.availability_valid_until(date) is
  'The first venue-local instant after now at which a time-dependent mark of a day''s availability changes.';

-- The version of a day's answer: a digest of the sum of the day's changes and the venue's
-- version (anyone may read versions: the digest tells nobody how many changes a day had).
create function app_private.availability_version(p_date date) returns text
  language plpgsql stable
  set search_path = ''
  as $$
begin
  return md5(concat_ws('.',
    coalesce((select sum(c.changes) from app_private.availability_changes c where c.day = p_date), 0)::text,
    (select v.version::text from app_private.availability_versions v where v.day = '-infinity')));
end
$$;

-- The answers of days, each with the version and the end of the period it was computed at.
-- Unlogged: a cache, rebuilt by the next call after a crash, and a miss's commit writes no WAL
-- (so it never waits for a disk flush).
create unlogged table app_private.availability_answers (
  day date primary key,
  version text not null,
  -- venue-local, as app_private.availability_valid_until
  valid_until timestamp not null,
  -- json, not jsonb: served as it is stored, with no conversion to text on each call
  answer json not null,
  computed_at timestamptz not null default now()
);
comment on table app_private.availability_answers is
  'public.get_availability''s answer per venue-local day, valid while the day''s version is the one stored and the venue clock is before valid_until.';
alter table app_private.availability_answers enable row level security;
alter table app_private.availability_answers force row level security;
revoke all on app_private.availability_answers from public, anon, authenticated, service_role;

-- The day's stored answer when it is current, else the day computed (and stored, unless the
-- transaction is read-only, as PostgREST's GET is). A hit is one statement: the version is
-- availability_version's, written out. On a miss the version is read before the day is
-- computed: a booking committed in between makes the stored row's version old (never served),
-- never a current version with an older answer. Only the days a customer can book are stored,
-- from today to the member horizon (any date from 2000 to 2100 can be asked for: storing each
-- would let anyone fill the table), and a miss drops the days before today.
create function app_private.availability_answer(p_date date) returns app_private.availability_answers
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

comment on function app_private.availability_answer(date) is
  'A day''s stored availability answer with its version and period when current, else computed and stored.';

-- The version object of get_availability_version and get_availability_versioned.
create function app_private.availability_version_json(p_version text, p_valid_until timestamp) returns jsonb
  language plpgsql stable
  set search_path = ''
  as $$
begin
  return jsonb_build_object(
    'version', p_version,
    'minute', floor(extract(epoch from app_private.clock_now()) / 60)::bigint,
    'validUntil', to_char(p_valid_until, 'YYYY-MM-DD"T"HH24:MI:SS.US'));
end
$$;

-- The version of a day's availability: the day's and the venue's versions, the venue minute
-- (the staff day sheet's digest follows it), and validUntil, the end of the period the day's
-- time-dependent marks hold for (venue-local, the same on every instance all period long).
-- plpgsql: a SQL function with SET clauses is planned again on every call.
create function public.get_availability_version(p_date date) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
begin
  return app_private.availability_version_json(app_private.availability_version(p_date), app_private.availability_valid_until(p_date));
end
$$;
comment on function public.get_availability_version(date) is
  'The version of a venue-local day''s availability (changes with its bookings and the venue''s data), the venue minute, and until when the day''s time-dependent marks hold.';

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

-- The day's availability with its version and validForMs, how long from the venue clock's now
-- its period lasts (how long an instance keeps it). The stored answer's version and period are
-- the day's current ones (it is served only then).
create function public.get_availability_versioned(p_date date) returns json
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_answer app_private.availability_answers := app_private.availability_answer(p_date);
  v_version jsonb := app_private.availability_version_json(v_answer.version, v_answer.valid_until);
begin
  return json_build_object(
    'version', v_version->'version',
    'minute', v_version->'minute',
    'validUntil', v_version->'validUntil',
    'validForMs', greatest(0, floor(1000 * extract(epoch from
      (v_answer.valid_until at time zone app_private.venue_timezone()) - app_private.clock_now())))::bigint,
    'availability', v_answer.answer);
end
$$;
comment on function public.get_availability_versioned(date) is
  'get_availability of a day with get_availability_version of the same snapshot and how long its period lasts from now.';

revoke execute on function app_private.venue_days(timestamptz, timestamptz) from public;
revoke execute on function app_private.bump_availability(date[]) from public;
revoke execute on function app_private.availability_valid_until(date) from public;
revoke execute on function app_private.availability_version(date) from public;
revoke execute on function app_private.availability_answer(date) from public;
revoke execute on function app_private.availability_version_json(text, timestamp) from public;
revoke execute on function app_private.bookings_availability_changed() from public;
revoke execute on function app_private.venue_availability_changed() from public;
revoke execute on function public.get_availability_version(date) from public;
revoke execute on function public.get_availability_versioned(date) from public;
revoke execute on function public.get_availability_versions(jsonb) from public;
grant execute on function public.get_availability_version(date) to anon, authenticated, service_role;
grant execute on function public.get_availability_versioned(date) to anon, authenticated, service_role;
grant execute on function public.get_availability_versions(jsonb) to anon, authenticated, service_role;
