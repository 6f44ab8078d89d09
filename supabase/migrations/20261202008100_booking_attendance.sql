-- Check-in and no-show from the day sheet (issue #16), each row of public.booking_attendance
-- naming the staff account and the time.

-- Staff record that a booking's customer came (checked_in) or did not (no_show): 403 for
-- anyone but staff, 404 BOOKING_NOT_FOUND, 409 ATTENDANCE_NOT_OPEN for a cancelled booking,
-- a check-in on another day than the booking's (venue-local), or a no-show before it started.
-- Recording the state the booking already has changes nothing (a double tap is harmless); a
-- change of mind (a late arrival after a no-show) is a new row. Each row names the staff
-- account and the time. Answers the booking as the day sheet shows it.
create function public.record_booking_attendance(p_booking_id uuid, p_outcome text) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_staff public.staff_members := app_private.caller_staff_member();
  v_booking public.bookings;
  v_current text;
begin
  if v_staff.id is null then
    raise exception using errcode = 'PT403', message = 'FORBIDDEN';
  end if;
  if p_outcome is null or p_outcome not in ('checked_in', 'no_show') then
    perform app_private.raise_validation('outcome', 'Must be checked_in or no_show');
  end if;
  -- Locked, so two desks recording at once record once.
  select b.* into v_booking from public.bookings b where b.id = p_booking_id for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'BOOKING_NOT_FOUND',
      detail = jsonb_build_object('bookingId', p_booking_id)::text;
  end if;
  if v_booking.status = 'cancelled'
     or (p_outcome = 'checked_in' and (v_booking.starts_at at time zone app_private.venue_timezone())::date <> app_private.venue_now()::date)
     or (p_outcome = 'no_show' and v_booking.starts_at > app_private.clock_now()) then
    raise exception using errcode = 'PT409', message = 'ATTENDANCE_NOT_OPEN',
      detail = jsonb_build_object('bookingId', p_booking_id, 'status', v_booking.status)::text;
  end if;
  select a.outcome into v_current from public.booking_attendance a where a.booking_id = v_booking.id order by a.id desc limit 1;
  if v_current is distinct from p_outcome then
    insert into public.booking_attendance (booking_id, outcome, staff_member_id, staff_email)
    values (v_booking.id, p_outcome, v_staff.id, v_staff.email);
  end if;
  return jsonb_build_object('booking', app_private.day_sheet_booking_json(v_booking));
end
$$;
comment on function public.record_booking_attendance(uuid, text) is
  'Staff only: records a check-in or a no-show of a booking (audited: staff account, time; idempotent; 404, 409 ATTENDANCE_NOT_OPEN).';

revoke execute on function public.record_booking_attendance(uuid, text) from public;
grant execute on function public.record_booking_attendance(uuid, text) to authenticated;
