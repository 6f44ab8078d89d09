-- A slot after the guest horizon is members_only only when a member could book it: taken,
-- too soon or unpriced slots say so on those days too, so the booking form can offer a
-- signed-in member exactly the members_only slots (issue 14).

-- GET /api/availability: one-hour slots of every active bay on a venue-local date, each with
-- its status under the venue's rules. One pass over the day's live bookings turns each into
-- the slot numbers (hours from opening) it covers; slots, prices and those numbers are then
-- joined, with "now" and the settings read once: no helper function runs per slot. plpgsql,
-- so its plan is cached per connection: it is the hottest read of the product.
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
    'bookableFrom', to_char(v_earliest, 'YYYY-MM-DD"T"HH24:MI'),
    'bookableUntil', to_char(v_guest_until, 'YYYY-MM-DD'),
    'memberBookableUntil', to_char(v_member_until, 'YYYY-MM-DD')
  )
  from judged
  );
end
$$;
comment on function public.get_availability(date) is
  'Hourly slots per active bay on a venue-local date: price, capacity, status under the booking rules (open, taken, past, too_soon, members_only, beyond_horizon, not_priced), and the booking window.';
