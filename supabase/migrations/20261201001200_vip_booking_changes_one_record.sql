-- A VIP booking change takes its request as one jsonb record, as lib/vip/booking-changes.ts
-- declares it (ModifyVipBookingRequest, CancelVipBookingRequest): a new field of a change is
-- a key the function reads, not a restated signature and a field-by-field copy.

drop function public.modify_vip_booking(uuid, date, time, numeric);
drop function public.cancel_vip_booking(uuid, text);

-- PUT /api/vip/bookings/{id}/modify: moves a future confirmed booking of the caller to
-- another date, time or length in the same bay, keeping its id and package. p_change is the
-- request as lib/vip/booking-changes.ts ModifyVipBookingRequest declares it.
create function public.modify_vip_booking(p_booking_id uuid, p_change jsonb)
  returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_profile public.profiles := app_private.calling_profile();
  v_booking public.bookings := app_private.lock_member_booking(p_booking_id, v_profile);
  v_date date := (p_change ->> 'date')::date;
  v_start_time time := (p_change ->> 'startTime')::time;
  v_duration numeric := (p_change ->> 'duration')::numeric;
  v_tz text := app_private.venue_timezone();
  v_start timestamp := v_date + v_start_time;
  v_end timestamp := v_date + v_start_time + make_interval(mins => (v_duration * 60)::int);
  v_package public.packages;
  v_delta numeric;
  v_price integer;
  v_bay text;
  v_previous jsonb;
  v_missing text;
begin
  select field into v_missing from unnest(array['date', 'startTime', 'duration']) as field where p_change ->> field is null limit 1;
  if v_missing is not null then
    perform app_private.raise_validation(v_missing, 'Required');
  end if;
  if v_booking.status <> 'confirmed' or v_booking.starts_at <= now() then
    raise exception using errcode = 'PT403', message = 'BOOKING_NOT_MODIFIABLE',
      detail = jsonb_build_object('bookingId', p_booking_id,
        'reason', case when v_booking.status = 'cancelled' then 'The booking is cancelled' else 'The booking has started or is over' end)::text;
  end if;
  perform app_private.assert_bookable_time(v_start, v_end, v_duration);
  select name into v_bay from public.bays where id = v_booking.bay_id;

  if v_booking.starts_at = v_start at time zone v_tz and v_booking.duration_hours = v_duration then
    return jsonb_build_object('message', 'Booking modified successfully.', 'changed', false,
      'booking', app_private.vip_booking_json(v_booking, v_bay));
  end if;

  if v_booking.package_id is not null then
    select * into v_package from public.packages where id = v_booking.package_id for update;
    v_delta := v_duration - v_booking.duration_hours;
    if v_package.expiry_date is not null and v_package.expiry_date < v_date then
      raise exception using errcode = 'PT409', message = 'PACKAGE_EXPIRED',
        detail = jsonb_build_object('expiryDate', v_package.expiry_date)::text;
    end if;
    if v_delta > v_package.total_hours - v_package.used_hours then
      raise exception using errcode = 'PT409', message = 'PACKAGE_HOURS_INSUFFICIENT',
        detail = jsonb_build_object('remainingHours', v_package.total_hours - v_package.used_hours)::text;
    end if;
    update public.packages set used_hours = used_hours + v_delta where id = v_package.id;
    v_price := 0;
  else
    v_price := app_private.booking_price(v_booking.bay_id, v_start, v_end);
  end if;

  v_previous := jsonb_build_object(
    'date', to_char(v_booking.starts_at at time zone v_tz, 'YYYY-MM-DD'),
    'startTime', to_char(v_booking.starts_at at time zone v_tz, 'HH24:MI'),
    'endTime', to_char(v_booking.ends_at at time zone v_tz, 'HH24:MI'),
    'durationHours', v_booking.duration_hours);

  -- The exclusion constraint is the last word on a taken slot.
  begin
    update public.bookings
    set starts_at = v_start at time zone v_tz, ends_at = v_end at time zone v_tz, duration_hours = v_duration,
        price_thb = v_price, change_sequence = change_sequence + 1
    where id = v_booking.id
    returning * into v_booking;
  exception when exclusion_violation then
    perform app_private.raise_slot_unavailable(v_date, v_start_time, v_duration, v_bay, v_booking.number_of_people);
  end;

  perform app_private.refresh_pending_booking_jobs(v_booking.id);
  insert into public.outbox_jobs (kind, dedupe_key, booking_id, payload)
  select kind, kind || ':' || v_booking.id || ':' || v_booking.change_sequence, v_booking.id,
         app_private.booking_change_notice(v_booking.id, v_previous)
  from unnest(array['calendar_event_update', 'booking_change_email']) as kind;

  return jsonb_build_object('message', 'Booking modified successfully.', 'changed', true,
    'booking', app_private.vip_booking_json(v_booking, v_bay));
end
$$;
comment on function public.modify_vip_booking(uuid, jsonb) is
  'Moves the caller''s future confirmed booking (same bay, id and package), re-prices it and queues the calendar update and change email.';

-- POST /api/vip/bookings/{id}/cancel: cancels a future confirmed booking of the caller and
-- returns its package hours. Cancelling an already cancelled booking answers it as it is.
-- p_cancel is the request as lib/vip/booking-changes.ts CancelVipBookingRequest declares it.
create function public.cancel_vip_booking(p_booking_id uuid, p_cancel jsonb default '{}') returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_profile public.profiles := app_private.calling_profile();
  -- The row lock serialises concurrent cancels: the second one sees 'cancelled'.
  v_booking public.bookings := app_private.lock_member_booking(p_booking_id, v_profile);
begin
  if v_booking.status = 'cancelled' then
    return jsonb_build_object('message', 'Booking was already cancelled.', 'changed', false,
      'booking', jsonb_build_object('id', v_booking.id, 'status', 'cancelled', 'cancellationReason', v_booking.cancellation_reason));
  end if;
  if v_booking.status <> 'confirmed' or v_booking.starts_at <= now() then
    raise exception using errcode = 'PT403', message = 'BOOKING_NOT_MODIFIABLE',
      detail = jsonb_build_object('bookingId', p_booking_id, 'reason', 'The booking has started or is over')::text;
  end if;

  update public.bookings
  set status = 'cancelled', cancellation_reason = nullif(btrim(p_cancel ->> 'cancellationReason'), ''), cancelled_at = now(),
      change_sequence = change_sequence + 1
  where id = v_booking.id
  returning * into v_booking;
  if v_booking.package_id is not null then
    update public.packages set used_hours = greatest(used_hours - v_booking.duration_hours, 0) where id = v_booking.package_id;
  end if;

  -- Jobs of the booking's creation not yet delivered are moot now: never create the event
  -- or confirm a cancelled booking.
  update public.outbox_jobs
  set status = 'succeeded', result = '{"skipped": "booking cancelled"}'::jsonb, succeeded_at = now(), locked_until = null
  where booking_id = v_booking.id and status in ('pending', 'failed')
    and kind in ('booking_confirmation_email', 'calendar_event_create', 'calendar_event_update', 'booking_change_email');
  insert into public.outbox_jobs (kind, dedupe_key, booking_id, payload)
  select kind, kind || ':' || v_booking.id || ':' || v_booking.change_sequence, v_booking.id,
         app_private.booking_change_notice(v_booking.id, null)
  from unnest(array['calendar_event_delete', 'booking_cancellation_email']) as kind;

  return jsonb_build_object('message', 'Booking cancelled successfully.', 'changed', true,
    'booking', jsonb_build_object('id', v_booking.id, 'status', 'cancelled', 'cancellationReason', v_booking.cancellation_reason));
end
$$;
comment on function public.cancel_vip_booking(uuid, jsonb) is
  'Cancels the caller''s future confirmed booking once: returns package hours and queues the calendar delete and cancellation email.';

-- Execute as before (20261125002000_function_execute_grants): the signed-in member.
revoke execute on function public.modify_vip_booking(uuid, jsonb) from public;
revoke execute on function public.cancel_vip_booking(uuid, jsonb) from public;
grant execute on function public.modify_vip_booking(uuid, jsonb) to authenticated;
grant execute on function public.cancel_vip_booking(uuid, jsonb) to authenticated;
