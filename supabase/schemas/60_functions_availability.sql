-- Availability, computed from opening hours, bays, prices and live bookings, in venue time.
-- GET /api/availability and POST /api/availability/check.

-- ======================================================================================
-- Helpers
-- ======================================================================================

-- Hourly price of a bay at a venue-local moment, or null when no rule covers it.
create function app_private.hourly_price(p_bay_id uuid, p_at timestamp) returns integer
  language sql stable
  set search_path = ''
  as $$
  select pr.price_per_hour
  from public.price_rules pr
  where pr.bay_id = p_bay_id
    and pr.day_type = case when extract(isodow from p_at) in (6, 7) then 'weekend' else 'weekday' end
    and p_at::time >= pr.starts and p_at::time < pr.ends
$$;

-- Whether [p_start, p_end) (venue-local) lies inside the opening hours of p_start's day.
create function app_private.within_opening_hours(p_start timestamp, p_end timestamp) returns boolean
  language sql stable
  set search_path = ''
  as $$
  select coalesce((
    select p_start >= p_start::date + oh.opens and p_end <= p_start::date + oh.closes
    from public.opening_hours oh
    where oh.weekday = extract(isodow from p_start)
  ), false)
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

-- GET /api/availability: one-hour slots of every active bay on a venue-local date.
-- Written as one query (prices joined, "now" read once) rather than per-slot helper calls,
-- in plpgsql so its plan is cached per connection: it is the hottest read of the product.
create function public.get_availability(p_date date) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
begin
  return (
  with clock as (
    select app_private.venue_now() as now,
           case when extract(isodow from p_date) in (6, 7) then 'weekend' else 'weekday' end as day_type
  ),
  slot as (
    select b.id as bay_id, b.name as bay, b.capacity, b.sort_order, s.local_start,
           s.local_start + interval '1 hour' as local_end
    from public.opening_hours oh
    cross join public.bays b
    cross join lateral generate_series(p_date + oh.opens, p_date + oh.closes - interval '1 hour', interval '1 hour') as s(local_start)
    where oh.weekday = extract(isodow from p_date)
      and b.active
  ),
  booked as (
    select bk.bay_id, tstzrange(bk.starts_at, bk.ends_at, '[)') as period
    from public.bookings bk
    where bk.status <> 'cancelled'
      and bk.starts_at < ((p_date + 1)::timestamp at time zone app_private.venue_timezone())
      and bk.ends_at > (p_date::timestamp at time zone app_private.venue_timezone())
  ),
  priced as (
    select slot.*, pr.price_per_hour as price,
           pr.price_per_hour is not null
             and slot.local_start > clock.now
             and not exists (
               select 1 from booked
               where booked.bay_id = slot.bay_id
                 and booked.period && tstzrange(
                   slot.local_start at time zone app_private.venue_timezone(),
                   slot.local_end at time zone app_private.venue_timezone(), '[)')
             ) as available
    from slot
    cross join clock
    left join public.price_rules pr
      on pr.bay_id = slot.bay_id
     and pr.day_type = clock.day_type
     and slot.local_start::time >= pr.starts
     and slot.local_start::time < pr.ends
  )
  select jsonb_build_object(
    'date', to_char(p_date, 'YYYY-MM-DD'),
    'availableSlots', coalesce(jsonb_agg(jsonb_build_object(
        'startTime', to_char(priced.local_start, 'HH24:MI'),
        'endTime', to_char(priced.local_end, 'HH24:MI'),
        'bay', priced.bay,
        'capacity', priced.capacity,
        'price', priced.price,
        'available', priced.available
      ) order by priced.local_start, priced.sort_order, priced.bay), '[]'::jsonb),
    'fullyBooked', not coalesce(bool_or(priced.available), false)
  )
  from priced
  );
end
$$;
comment on function public.get_availability(date) is
  'Hourly slots per active bay on a venue-local date: price, capacity, and whether it can still be booked.';

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

  if v_start <= app_private.venue_now() then
    v_reason := 'Requested time is in the past';
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
      and cand.local_start > app_private.venue_now()
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
revoke execute on function public.get_availability(date) from public;
revoke execute on function public.check_availability(date, time, numeric, text, integer) from public;
revoke execute on function public.get_opening_hours() from public;
grant execute on function public.get_availability(date) to anon, authenticated, service_role;
grant execute on function public.check_availability(date, time, numeric, text, integer) to anon, authenticated, service_role;
grant execute on function public.get_opening_hours() to anon, authenticated, service_role;
