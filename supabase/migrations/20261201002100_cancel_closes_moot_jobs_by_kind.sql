-- A cancellation closes its booking's moot jobs by the kinds' flag (public.outbox_job_kinds),
-- as the outbox claim does, instead of its own list of kind names.
create or replace function public.cancel_vip_booking(p_booking_id uuid, p_cancel jsonb default '{}') returns jsonb
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
    and kind in (select k.kind from public.outbox_job_kinds k where k.moot_when_booking_cancelled);
  insert into public.outbox_jobs (kind, dedupe_key, booking_id, payload)
  select kind, kind || ':' || v_booking.id || ':' || v_booking.change_sequence, v_booking.id,
         app_private.booking_change_notice(v_booking.id, null)
  from unnest(array['calendar_event_delete', 'booking_cancellation_email']) as kind;

  return jsonb_build_object('message', 'Booking cancelled successfully.', 'changed', true,
    'booking', jsonb_build_object('id', v_booking.id, 'status', 'cancelled', 'cancellationReason', v_booking.cancellation_reason));
end
$$;
