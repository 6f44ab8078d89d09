-- get_availability as it was before migration 20261202001200 (for bench/explain-availability.ts).
create or replace function public.get_availability_before(p_date date) returns jsonb
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
grant execute on function public.get_availability_before(date) to anon;
