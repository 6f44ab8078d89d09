-- get_availability at the SQL target (issue 17). Measured before (bench/explain-availability.ts):
-- its one statement was planned again on every call (plpgsql's custom plans, the constants
-- folded in, never cheaper than a generic one), and building 52 slot objects (two to_char each)
-- was most of what remained. Now:
-- - the day is computed by app_private.availability_of_day with one cached generic plan: one
--   index range scan on the day's tstzrange (the bookings' exclusion index), hours generated and
--   their times formatted once, bays and price rules read once, the JSON built in one aggregate,
--   and the bay's Thai name (bayTh) from public.bays.name_th, so the app adds nothing;
-- - the answer of a day is kept in app_private.availability_answers with the version and the
--   period (availability_valid_until) it was computed at: a call whose version and period still
--   match returns it without computing (two index lookups), a miss computes and stores it, and
--   the change that bumps a day's version (bump_availability) drops the day's stored answer in
--   the same transaction. The versions and the period are what the app's ETags are made of
--   already (20261202007000, 20261202009200), so a stored answer is exactly the one computing
--   would give.

-- A venue-local day's availability, computed (what public.get_availability answers on a miss).
-- The plan is generic (its parameters are only p_date and the clock): planned once per connection.
create function app_private.availability_of_day(p_date date) returns json
  language plpgsql stable
  set search_path = ''
  set plan_cache_mode = force_generic_plan
  as $$
declare
  v_tz text := app_private.venue_timezone();
  v_settings public.venue_settings := app_private.venue_settings();
  v_now timestamp := app_private.venue_now();
  v_earliest timestamp := v_now + make_interval(mins => v_settings.min_booking_notice_minutes);
  v_guest_until date := v_now::date + v_settings.guest_booking_horizon_days;
  v_member_until date := v_now::date + v_settings.member_booking_horizon_days;
  v_day_type text := case when extract(isodow from p_date) in (6, 7) then 'weekend' else 'weekday' end;
  v_opens timestamp;
  v_hours integer;
begin
  -- A closed day has no row: v_opens stays null and the day has no slots.
  select p_date + oh.opens, floor(extract(epoch from oh.closes - oh.opens) / 3600)::int
  into v_opens, v_hours
  from public.opening_hours oh
  where oh.weekday = extract(isodow from p_date);

  return (
  -- The day's hours, their times formatted once (not once per bay).
  with hour as materialized (
    select k.n, v_opens + make_interval(hours => k.n) as local_start,
           to_char(v_opens + make_interval(hours => k.n), 'HH24:MI') as start_time,
           to_char(v_opens + make_interval(hours => k.n + 1), 'HH24:MI') as end_time
    from generate_series(0, v_hours - 1) as k(n)
  ),
  -- One pass over the day's live bookings (the exclusion index's range scan): the hours each covers.
  booked as (
    select distinct bk.bay_id, k.n
    from public.bookings bk
    cross join lateral generate_series(
      greatest(0, floor(extract(epoch from (bk.starts_at at time zone v_tz) - v_opens) / 3600)::int),
      least(v_hours - 1, ceil(extract(epoch from (bk.ends_at at time zone v_tz) - v_opens) / 3600)::int - 1)) as k(n)
    where v_opens is not null
      and bk.status <> 'cancelled'
      and tstzrange(bk.starts_at, bk.ends_at, '[)')
          && tstzrange(v_opens at time zone v_tz, (v_opens + make_interval(hours => v_hours)) at time zone v_tz, '[)')
  ),
  -- What the rules say of each slot, first match wins (lib/db/functions.ts AvailabilitySlot):
  -- members_only is a slot a signed-in member could book, after the guest horizon.
  judged as (
    select h.local_start, h.start_time, h.end_time, b.name, b.name_th, b.capacity, b.sort_order,
           pr.price_per_hour as price,
           case
             when h.local_start <= v_now then 'past'
             when p_date > v_member_until then 'beyond_horizon'
             when booked.n is not null then 'taken'
             when h.local_start < v_earliest then 'too_soon'
             when pr.price_per_hour is null then 'not_priced'
             when p_date > v_guest_until then 'members_only'
             else 'open'
           end as status
    from hour h
    cross join public.bays b
    left join booked on booked.bay_id = b.id and booked.n = h.n
    left join public.price_rules pr
      on pr.bay_id = b.id
     and pr.day_type = v_day_type
     and h.local_start::time >= pr.starts
     and h.local_start::time < pr.ends
    where b.active
  )
  select json_build_object(
    'date', to_char(p_date, 'YYYY-MM-DD'),
    'availableSlots', coalesce(json_agg(json_build_object(
        'startTime', j.start_time,
        'endTime', j.end_time,
        'bay', j.name,
        'bayTh', j.name_th,
        'capacity', j.capacity,
        'price', j.price,
        'available', j.status = 'open',
        'status', j.status
      ) order by j.local_start, j.sort_order, j.name), '[]'::json),
    'fullyBooked', not coalesce(bool_or(j.status = 'open'), false),
    -- the earliest start a booking can have (start times are on the hour or half hour)
    'bookableFrom', to_char(app_private.earliest_start(v_earliest), 'YYYY-MM-DD"T"HH24:MI'),
    'bookableUntil', to_char(v_guest_until, 'YYYY-MM-DD'),
    'memberBookableUntil', to_char(v_member_until, 'YYYY-MM-DD')
  )
  from judged j
  );
end
$$;
comment on function app_private.availability_of_day(date) is
  'A venue-local day''s availability as public.get_availability answers it, computed from the bookings, bays, prices, hours and rules.';

-- The version of a day's answer: the day's and the venue's versions.
create function app_private.availability_version(p_date date) returns text
  language plpgsql stable
  set search_path = ''
  as $$
begin
  return concat_ws('.',
    coalesce((select v.version::text from app_private.availability_versions v where v.day = p_date), '0'),
    (select v.version::text from app_private.availability_versions v where v.day = '-infinity'));
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
  'public.get_availability''s answer per venue-local day, valid while the day''s version is the one stored and the venue clock is before valid_until; dropped by bump_availability.';
alter table app_private.availability_answers enable row level security;
alter table app_private.availability_answers force row level security;
revoke all on app_private.availability_answers from public, anon, authenticated, service_role;

-- The day's stored answer when it is current, else the day computed (and stored, unless the
-- transaction is read-only, as PostgREST's GET is). The version is read before the day is
-- computed: a booking committed in between makes the stored row's version old (never served),
-- never a current version with an older answer. Only the days a customer can book are stored,
-- from today to the member horizon (any date from 2000 to 2100 can be asked for: storing each
-- would let anyone fill the table), and a miss drops the days before today.
create function app_private.availability_answer(p_date date) returns app_private.availability_answers
  language plpgsql volatile
  set search_path = ''
  as $$
declare
  v_version text := app_private.availability_version(p_date);
  v_today date := app_private.venue_now()::date;
  v_answer app_private.availability_answers;
begin
  select a.* into v_answer
  from app_private.availability_answers a
  where a.day = p_date and a.version = v_version and a.valid_until > app_private.venue_now();
  if found then
    return v_answer;
  end if;
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

-- get_availability and get_availability_versioned answer json (text as stored), not jsonb:
-- a new return type, so they are dropped and created again, with their grants.
drop function public.get_availability(date);
create function public.get_availability(p_date date) returns json
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
begin
  return (app_private.availability_answer(p_date)).answer;
end
$$;
comment on function public.get_availability(date) is
  'Hourly slots per active bay on a venue-local date: price, capacity, status under the booking rules (open, taken, past, too_soon, members_only, beyond_horizon, not_priced), and the booking window.';

-- plpgsql: a SQL function with SET clauses is planned again on every call.
create or replace function public.get_availability_version(p_date date) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
begin
  return app_private.availability_version_json(app_private.availability_version(p_date), app_private.availability_valid_until(p_date));
end
$$;

-- The stored answer's version and period are the day's current ones (it is served only then).
drop function public.get_availability_versioned(date);
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

-- bump_availability drops the stored answers of the days it bumps (every day's for '-infinity').
create or replace function app_private.bump_availability(p_days date[]) returns void
  language plpgsql volatile
  security definer
  set search_path = ''
  as $$
begin
  insert into app_private.availability_versions as v (day)
  select distinct d from unnest(p_days) as d where d is not null order by 1
  on conflict (day) do update set version = gen_random_uuid(), changed_at = now();
  delete from app_private.availability_answers a where a.day = any(p_days) or '-infinity' = any(p_days);
  perform pg_notify('availability',
    case when '-infinity' = any(p_days) or cardinality(p_days) > 100 then '*' else array_to_string(p_days, ',') end);
end
$$;

revoke execute on function app_private.availability_of_day(date) from public;
revoke execute on function app_private.availability_version(date) from public;
revoke execute on function app_private.availability_answer(date) from public;
revoke execute on function app_private.availability_version_json(text, timestamp) from public;
revoke execute on function public.get_availability(date) from public;
revoke execute on function public.get_availability_versioned(date) from public;
grant execute on function public.get_availability(date) to anon, authenticated, service_role;
grant execute on function public.get_availability_versioned(date) to anon, authenticated, service_role;
