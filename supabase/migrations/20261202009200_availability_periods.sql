-- Availability periods (issue 17): a day's time-dependent marks change only at known instants
-- (a slot's start: past; a slot's start minus the booking notice: too_soon; a half-hour start
-- minus the notice: bookableFrom; the venue's midnight: the horizons), so a day's answer, its
-- cache entry and its ETag hold until the next such instant instead of for one venue minute.
-- bookableFrom is now the earliest start a booking can have (start times are on the hour or
-- half hour: lib/venue/fields.ts VenueStartTime), not now plus the notice to the minute, so
-- it too changes only on those instants.

-- The earliest start on the half-hour grid at or after p_earliest (venue-local).
create function app_private.earliest_start(p_earliest timestamp) returns timestamp
  language sql immutable
  set search_path = ''
  as $$
  select to_timestamp(ceil(extract(epoch from p_earliest) / 1800) * 1800) at time zone 'UTC'
$$;
comment on function app_private.earliest_start(timestamp) is
  'The first start time on the half hour at or after a venue-local moment.';

-- The first instant after the venue clock's now at which some time-dependent mark of p_date's
-- answer differs (each candidate is the first instant its mark differs, so the answer is the
-- same at every moment of [now, that instant)), as venue-local time.
create function app_private.availability_valid_until(p_date date) returns timestamp
  language sql stable
  set search_path = ''
  as $$
  with now_ as (
    select app_private.venue_now() as now, make_interval(mins => s.min_booking_notice_minutes) as notice
    from app_private.venue_settings() s
  ),
  slot as (
    select p_date + oh.opens + make_interval(hours => k.n) as local_start
    from public.opening_hours oh
    cross join lateral generate_series(0, floor(extract(epoch from oh.closes - oh.opens) / 3600)::int - 1) as k(n)
    where oh.weekday = extract(isodow from p_date)
  )
  select least(
    -- a slot starts: it is past from that instant on
    (select min(slot.local_start) from slot where slot.local_start > n.now),
    -- a slot's start comes inside the notice: too_soon from the next microsecond on
    (select min(slot.local_start) from slot where slot.local_start >= n.now + n.notice) - n.notice + interval '1 microsecond',
    -- the earliest start moves to the next half hour
    app_private.earliest_start(n.now + n.notice) - n.notice + interval '1 microsecond',
    -- midnight: both horizons move
    n.now::date + 1)
  from now_ n
$$;
comment on function app_private.availability_valid_until(date) is
  'The first venue-local instant after now at which a time-dependent mark of a day''s availability changes.';

-- get_availability as in 20261202001300, with bookableFrom on the half-hour grid.
create or replace function public.get_availability(p_date date) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
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
  with booked as (
    select distinct bk.bay_id, k.n
    from public.bookings bk
    cross join lateral generate_series(
      greatest(0, floor(extract(epoch from (bk.starts_at at time zone v_tz) - v_opens) / 3600)::int),
      least(v_hours - 1, ceil(extract(epoch from (bk.ends_at at time zone v_tz) - v_opens) / 3600)::int - 1)) as k(n)
    where bk.status <> 'cancelled'
      and bk.starts_at < ((v_opens + make_interval(hours => v_hours)) at time zone v_tz)
      and bk.ends_at > (v_opens at time zone v_tz)
  ),
  slot as (
    select b.name as bay, b.capacity, b.sort_order, v_opens + make_interval(hours => k.n) as local_start,
           pr.price_per_hour as price, booked.n is not null as taken
    from public.bays b
    cross join generate_series(0, v_hours - 1) as k(n)
    left join booked on booked.bay_id = b.id and booked.n = k.n
    left join public.price_rules pr
      on pr.bay_id = b.id
     and pr.day_type = v_day_type
     and (v_opens + make_interval(hours => k.n))::time >= pr.starts
     and (v_opens + make_interval(hours => k.n))::time < pr.ends
    where b.active
  ),
  -- What the rules say of each slot, first match wins (lib/db/functions.ts AvailabilitySlot):
  -- members_only is a slot a signed-in member could book, after the guest horizon.
  judged as (
    select slot.*,
           case
             when slot.local_start <= v_now then 'past'
             when p_date > v_member_until then 'beyond_horizon'
             when slot.taken then 'taken'
             when slot.local_start < v_earliest then 'too_soon'
             when slot.price is null then 'not_priced'
             when p_date > v_guest_until then 'members_only'
             else 'open'
           end as status
    from slot
  )
  select jsonb_build_object(
    'date', to_char(p_date, 'YYYY-MM-DD'),
    'availableSlots', coalesce(jsonb_agg(jsonb_build_object(
        'startTime', to_char(judged.local_start, 'HH24:MI'),
        'endTime', to_char(judged.local_start + interval '1 hour', 'HH24:MI'),
        'bay', judged.bay,
        'capacity', judged.capacity,
        'price', judged.price,
        'available', judged.status = 'open',
        'status', judged.status
      ) order by judged.local_start, judged.sort_order, judged.bay), '[]'::jsonb),
    'fullyBooked', not coalesce(bool_or(judged.status = 'open'), false),
    -- the earliest start a booking can have (start times are on the hour or half hour)
    'bookableFrom', to_char(app_private.earliest_start(v_earliest), 'YYYY-MM-DD"T"HH24:MI'),
    'bookableUntil', to_char(v_guest_until, 'YYYY-MM-DD'),
    'memberBookableUntil', to_char(v_member_until, 'YYYY-MM-DD')
  )
  from judged
  );
end
$$;

-- The version of a day's availability: the day's and the venue's versions, the venue minute
-- (the staff day sheet's digest follows it), and validUntil, the end of the period the day's
-- time-dependent marks hold for (venue-local, the same on every instance all period long).
create or replace function public.get_availability_version(p_date date) returns jsonb
  language sql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
  select jsonb_build_object(
    'version', concat_ws('.',
      coalesce((select v.version::text from app_private.availability_versions v where v.day = p_date), '0'),
      (select v.version::text from app_private.availability_versions v where v.day = '-infinity')),
    'minute', floor(extract(epoch from app_private.clock_now()) / 60)::bigint,
    'validUntil', to_char(app_private.availability_valid_until(p_date), 'YYYY-MM-DD"T"HH24:MI:SS.US'))
$$;
comment on function public.get_availability_version(date) is
  'The version of a venue-local day''s availability (changes with its bookings and the venue''s data), the venue minute, and until when the day''s time-dependent marks hold.';

-- The day's availability with the version it was computed at (one statement, one snapshot) and
-- validForMs, how long from the venue clock's now its period lasts (how long an instance keeps it).
create or replace function public.get_availability_versioned(p_date date) returns jsonb
  language sql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
  select v || jsonb_build_object(
    'validForMs', greatest(0, floor(1000 * extract(epoch from
      ((v->>'validUntil')::timestamp at time zone app_private.venue_timezone()) - app_private.clock_now())))::bigint,
    'availability', public.get_availability(p_date))
  from public.get_availability_version(p_date) v
$$;
comment on function public.get_availability_versioned(date) is
  'get_availability of a day with get_availability_version of the same snapshot and how long its period lasts from now.';

revoke execute on function app_private.earliest_start(timestamp) from public;
revoke execute on function app_private.availability_valid_until(date) from public;
