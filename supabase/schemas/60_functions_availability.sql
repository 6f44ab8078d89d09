-- Availability, computed from opening hours, bays, prices and live bookings, in venue time.
-- GET /api/availability and POST /api/availability/check.

-- ======================================================================================
-- Helpers
-- ======================================================================================

-- Hourly price of a bay at a venue-local moment, or null when no rule covers it.
create function app_private.hourly_price(p_bay_id uuid, p_at timestamp) returns integer
  language plpgsql stable
  set search_path = ''
  as $$
begin
  return (
  select pr.price_per_hour
  from public.price_rules pr
  where pr.bay_id = p_bay_id
    and pr.day_type = case when extract(isodow from p_at) in (6, 7) then 'weekend' else 'weekday' end
    and p_at::time >= pr.starts and p_at::time < pr.ends
  );
end
$$;

-- The earliest start on the half-hour grid at or after p_earliest (venue-local).
create function app_private.earliest_start(p_earliest timestamp) returns timestamp
  language sql immutable
  set search_path = ''
  as $$
  select to_timestamp(ceil(extract(epoch from p_earliest) / 1800) * 1800) at time zone 'UTC'
$$;
comment on function app_private.earliest_start(timestamp) is
  'The first start time on the half hour at or after a venue-local moment.';

-- Whether [p_start, p_end) (venue-local) lies inside the opening hours of p_start's day.
create function app_private.within_opening_hours(p_start timestamp, p_end timestamp) returns boolean
  language plpgsql stable
  set search_path = ''
  as $$
begin
  return (
  select coalesce((
    select p_start >= p_start::date + oh.opens and p_end <= p_start::date + oh.closes
    from public.opening_hours oh
    where oh.weekday = extract(isodow from p_start)
  ), false)
  );
end
$$;

-- Active bays with room for p_people and no live booking overlapping [p_start, p_end)
-- (venue-local), best first. p_bay_id narrows the search to one bay.
create function app_private.free_bays(p_start timestamp, p_end timestamp, p_people integer, p_bay_id uuid)
  returns setof public.bays
  language sql stable
  set search_path = ''
  as $$
  select b.*
  from public.bays b
  where b.active
    and (p_bay_id is null or b.id = p_bay_id)
    and b.capacity >= coalesce(p_people, 1)
    and not exists (
      select 1 from public.bookings bk
      where bk.bay_id = b.id
        and bk.status <> 'cancelled'
        and tstzrange(bk.starts_at, bk.ends_at, '[)') && tstzrange(
          p_start at time zone app_private.venue_timezone(),
          p_end at time zone app_private.venue_timezone(), '[)')
    )
  order by b.sort_order, b.name
$$;

-- ======================================================================================
-- What the API calls (anon, members and the service role alike)
-- ======================================================================================

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

-- GET /api/availability: one-hour slots of every active bay on a venue-local date, each with
-- its status under the venue's rules and the bay's Thai name. The day's stored answer while its
-- version and period are current, else computed (app_private.availability_answer,
-- supabase/schemas/69_availability_versions.sql). Volatile: a miss stores the answer.
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

-- The venue's opening hours for the pages: one entry per weekday it opens, venue-local times.
create function public.get_opening_hours() returns jsonb
  language sql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'weekday', oh.weekday, 'opens', to_char(oh.opens, 'HH24:MI'), 'closes', to_char(oh.closes, 'HH24:MI'))
         order by oh.weekday), '[]'::jsonb)
  from public.opening_hours oh
$$;
comment on function public.get_opening_hours() is
  'The venue''s opening hours per ISO weekday (1 = Monday), venue-local HH:MI; days it is closed are absent.';

-- POST /api/availability/check: can [p_start_time, +p_duration_hours) on p_date be booked,
-- in p_bay (by name) or any bay with room for p_people; if not, why, and up to three
-- start times the same day where the whole duration fits.
create function public.check_availability(
  p_date date,
  p_start_time time,
  p_duration_hours numeric,
  p_bay text default null,
  p_people integer default null
) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_bay public.bays;
  v_start timestamp := p_date + p_start_time;
  v_end timestamp := p_date + p_start_time + make_interval(mins => (p_duration_hours * 60)::int);
  v_assigned text;
  v_reason text;
  v_alternatives jsonb;
  -- The booking window as create_booking applies it (app_private.assert_bookable_window).
  v_settings public.venue_settings := app_private.venue_settings();
  v_now timestamp := app_private.venue_now();
  v_earliest timestamp := v_now + make_interval(mins => v_settings.min_booking_notice_minutes);
  v_last_date date := v_now::date + case when auth.uid() is not null then v_settings.member_booking_horizon_days
                                         else v_settings.guest_booking_horizon_days end;
begin
  if p_duration_hours is null or p_duration_hours <= 0 then
    raise exception using errcode = 'PT400', message = 'VALIDATION_ERROR',
      detail = jsonb_build_object('fields', jsonb_build_object('duration', 'Duration must be positive'))::text;
  end if;
  if p_bay is not null then
    select * into v_bay from public.bays b where b.active and lower(b.name) = lower(p_bay);
    if not found then
      raise exception using errcode = 'PT400', message = 'VALIDATION_ERROR',
        detail = jsonb_build_object('fields', jsonb_build_object('bay', 'Unknown bay: ' || p_bay))::text;
    end if;
  end if;

  if v_start <= v_now then
    v_reason := 'Requested time is in the past';
  elsif p_date > v_last_date then
    v_reason := format('Beyond the booking horizon: bookable until %s', to_char(v_last_date, 'YYYY-MM-DD'));
  elsif v_start < v_earliest then
    v_reason := format('Too soon: bookings start at least %s minutes ahead', v_settings.min_booking_notice_minutes);
  elsif not app_private.within_opening_hours(v_start, v_end) then
    v_reason := 'Outside opening hours';
  elsif v_bay.id is not null and v_bay.capacity < coalesce(p_people, 1) then
    v_reason := format('%s takes at most %s people', v_bay.name, v_bay.capacity);
  else
    select fb.name into v_assigned
    from app_private.free_bays(v_start, v_end, p_people, v_bay.id) fb
    limit 1;
    if v_assigned is null then
      v_reason := case when v_bay.id is not null then 'Bay already booked' else 'No bay available at this time' end;
    end if;
  end if;

  if v_assigned is not null then
    return jsonb_build_object('available', true, 'assignedBay', v_assigned,
                              'conflictReason', null, 'alternativeTimes', '[]'::jsonb);
  end if;

  -- Candidates keep the requested minute and move by whole hours, nearest first.
  select coalesce(jsonb_agg(to_char(c.local_start, 'HH24:MI') order by c.local_start), '[]'::jsonb)
  into v_alternatives
  from (
    select cand.local_start
    from generate_series(-24, 24) as k(hours)
    cross join lateral (select v_start + make_interval(hours => k.hours) as local_start) cand
    where k.hours <> 0
      and cand.local_start::date = p_date
      and cand.local_start >= v_earliest
      and p_date <= v_last_date
      and app_private.within_opening_hours(cand.local_start,
            cand.local_start + make_interval(mins => (p_duration_hours * 60)::int))
      and (v_bay.id is null or v_bay.capacity >= coalesce(p_people, 1))
      and exists (
        select 1 from app_private.free_bays(cand.local_start,
          cand.local_start + make_interval(mins => (p_duration_hours * 60)::int), p_people, v_bay.id)
      )
    order by abs(k.hours), k.hours desc
    limit 3
  ) c;

  return jsonb_build_object('available', false, 'assignedBay', null,
                            'conflictReason', v_reason, 'alternativeTimes', v_alternatives);
end
$$;
comment on function public.check_availability(date, time, numeric, text, integer) is
  'Whether a venue-local start time and duration can be booked, the bay it would get, or why not and what else fits.';

-- ======================================================================================
-- Who may call these. PostgreSQL lets PUBLIC execute a new function: the revokes take that
-- back, and each grant names the roles that may call it (PostgREST serves only `public`).
-- ======================================================================================

revoke execute on function app_private.hourly_price(uuid, timestamp) from public;
revoke execute on function app_private.within_opening_hours(timestamp, timestamp) from public;
revoke execute on function app_private.free_bays(timestamp, timestamp, integer, uuid) from public;
revoke execute on function app_private.earliest_start(timestamp) from public;
revoke execute on function app_private.availability_of_day(date) from public;
revoke execute on function public.get_availability(date) from public;
revoke execute on function public.check_availability(date, time, numeric, text, integer) from public;
revoke execute on function public.get_opening_hours() from public;
grant execute on function public.get_availability(date) to anon, authenticated, service_role;
grant execute on function public.check_availability(date, time, numeric, text, integer) to anon, authenticated, service_role;
grant execute on function public.get_opening_hours() to anon, authenticated, service_role;
