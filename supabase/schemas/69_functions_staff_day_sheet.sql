-- The front desk's day sheet (issue #16): a venue-local day's bookings by bay and hour with
-- what the desk needs of each (customer, people, package, notes, VIP-code attribution, whether
-- the customer's email, LINE message and calendar event went out) and its attendance.

-- How one channel's messages of a booking stand: 'failing' (a job gave up, or its last try
-- failed and it waits for the next), 'pending' (due, not yet performed), 'sent', or 'none'
-- (nothing due yet: a reminder waits for its time).
create function app_private.delivery_state(p_booking_id uuid, p_kinds text[]) returns text
  language sql stable
  set search_path = ''
  as $$
  select case
    when bool_or(j.status = 'failed' or (j.status in ('pending', 'running') and j.last_error is not null)) then 'failing'
    when bool_or(j.status in ('pending', 'running') and j.run_after <= now()) then 'pending'
    when bool_or(j.status = 'succeeded') then 'sent'
    else 'none' end
  from public.outbox_jobs j
  where j.booking_id = p_booking_id and j.kind = any (p_kinds)
$$;
comment on function app_private.delivery_state(uuid, text[]) is 'failing, pending, sent or none: how a booking''s outbox jobs of these kinds stand.';

-- The bookings that take a bay during a venue-local day (cancelled ones too).
create function app_private.day_sheet_bookings(p_date date) returns setof public.bookings
  language sql stable
  set search_path = ''
  as $$
  select b.* from public.bookings b
  where b.starts_at < ((p_date + 1)::timestamp at time zone app_private.venue_timezone())
    and b.ends_at > (p_date::timestamp at time zone app_private.venue_timezone())
$$;
comment on function app_private.day_sheet_bookings(date) is 'The bookings (cancelled ones too) that overlap a venue-local day.';

-- The version of a day's sheet: the day's availability version (bookings' bays, times and
-- statuses; bays and the venue) with a digest of what the sheet shows beyond availability
-- (each booking's last update, its outbox jobs' states, the latest attendance anywhere, which
-- no-show counts follow) and the venue minute (a booking that ended shows as completed).
create function app_private.day_sheet_version(p_date date) returns text
  language sql stable
  set search_path = ''
  as $$
  with day as (select b.id, b.updated_at from app_private.day_sheet_bookings(p_date) b)
  select md5(concat_ws('|',
    public.get_availability_version(p_date)::text,
    (select string_agg(d.id::text || d.updated_at::text, ',' order by d.id) from day d),
    (select string_agg(j.id::text || j.status || j.updated_at::text, ',' order by j.id)
     from public.outbox_jobs j where j.booking_id in (select d.id from day d)),
    (select max(a.id) from public.booking_attendance a)::text))
$$;
comment on function app_private.day_sheet_version(date) is 'A digest that changes whenever the staff day sheet of a venue-local day would.';

-- A booking as the day sheet shows it.
create function app_private.day_sheet_booking_json(p_booking public.bookings) returns jsonb
  language sql stable
  set search_path = ''
  as $$
  select jsonb_build_object(
    'id', p_booking.id,
    'reference', p_booking.reference,
    'bay', bay.name,
    'bayTh', bay.name_th,
    'date', to_char(p_booking.starts_at at time zone app_private.venue_timezone(), 'YYYY-MM-DD'),
    'startTime', to_char(p_booking.starts_at at time zone app_private.venue_timezone(), 'HH24:MI'),
    'endTime', to_char(p_booking.ends_at at time zone app_private.venue_timezone(), 'HH24:MI'),
    'duration', p_booking.duration_hours,
    'status', case when p_booking.status = 'confirmed' and p_booking.ends_at <= app_private.clock_now() then 'completed' else p_booking.status end,
    'numberOfPeople', p_booking.number_of_people,
    'customerName', p_booking.customer_name,
    'customerPhone', p_booking.customer_phone,
    'customerEmail', p_booking.customer_email,
    -- A booking of a member's customer record (made at the desk, say) is a member's too.
    'member', p_booking.profile_id is not null
              or exists (select 1 from public.profiles p where p.customer_id = p_booking.customer_id),
    'source', p_booking.source,
    'notes', p_booking.notes,
    'cancellationReason', p_booking.cancellation_reason,
    'package', pk.package_name,
    'packageTh', pk.package_name_th,
    'priceThb', p_booking.price_thb,
    'vipCode', (select jsonb_build_object('code', v.code, 'concierge', c.name, 'hotel', c.hotel_name)
                from public.vip_codes v join public.concierges c on c.id = v.concierge_id where v.id = p_booking.vip_code_id),
    'delivery', jsonb_build_object(
      'email', app_private.delivery_state(p_booking.id, array['booking_confirmation_email', 'booking_change_email', 'booking_cancellation_email', 'booking_reminder_email']),
      'line', app_private.delivery_state(p_booking.id, array['staff_line_message', 'booking_reminder_line', 'line_message']),
      'calendar', app_private.delivery_state(p_booking.id, array['calendar_event_create', 'calendar_event_update', 'calendar_event_delete'])),
    'attendance', (select jsonb_build_object('outcome', a.outcome, 'recordedAt', app_private.iso_utc_ms(a.recorded_at),
                                             'recordedBy', coalesce(s.display_name, a.staff_email))
                   from public.booking_attendance a left join public.staff_members s on s.id = a.staff_member_id
                   where a.booking_id = p_booking.id order by a.id desc limit 1),
    -- The customer's bookings (by customer record or email) whose latest attendance is a no-show.
    'noShowCount', (select count(*)::int from public.bookings o
                    where (o.customer_id = p_booking.customer_id or lower(o.customer_email) = lower(p_booking.customer_email))
                      and (select a.outcome from public.booking_attendance a where a.booking_id = o.id order by a.id desc limit 1) = 'no_show'),
    -- Who booked, moved or cancelled it at the desk, why and when (oldest first).
    'staffChanges', coalesce((select jsonb_agg(jsonb_build_object('action', c.action, 'reason', c.reason, 'at', app_private.iso_utc_ms(c.at),
                                                                  'by', coalesce(s.display_name, c.staff_email)) order by c.id)
                              from public.booking_staff_changes c left join public.staff_members s on s.id = c.staff_member_id
                              where c.booking_id = p_booking.id), '[]'::jsonb))
  from (select) one
  left join public.bays bay on bay.id = p_booking.bay_id
  left join public.packages pk on pk.id = p_booking.package_id
$$;
comment on function app_private.day_sheet_booking_json(public.bookings) is
  'A booking as the staff day sheet shows it: customer, people, package, notes, VIP code, delivery states, attendance, the customer''s no-shows.';

-- GET /api/staff/day-sheet: staff only (403). The day's bookings (cancelled ones too) by bay
-- and start, the active bays and the day's opening hours, and the sheet's version; when
-- p_known_version is that version, only {version, unchanged: true} (the app answers 304).
create function public.get_staff_day_sheet(p_date date, p_known_version text default null) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_version text;
begin
  if not app_private.caller_is_staff() then
    raise exception using errcode = 'PT403', message = 'FORBIDDEN';
  end if;
  v_version := app_private.day_sheet_version(p_date);
  if v_version = p_known_version then
    return jsonb_build_object('version', v_version, 'unchanged', true);
  end if;
  return jsonb_build_object(
    'version', v_version,
    'unchanged', false,
    'sheet', jsonb_build_object(
      'date', to_char(p_date, 'YYYY-MM-DD'),
      'opens', (select to_char(oh.opens, 'HH24:MI') from public.opening_hours oh where oh.weekday = extract(isodow from p_date)),
      'closes', (select to_char(oh.closes, 'HH24:MI') from public.opening_hours oh where oh.weekday = extract(isodow from p_date)),
      'bays', coalesce((select jsonb_agg(jsonb_build_object('name', b.name, 'nameTh', b.name_th, 'capacity', b.capacity) order by b.sort_order, b.name)
                        from public.bays b where b.active), '[]'::jsonb),
      'bookings', coalesce((
        select jsonb_agg(app_private.day_sheet_booking_json(bk) order by bay.sort_order, bay.name, bk.starts_at, bk.status = 'cancelled', bk.created_at)
        from app_private.day_sheet_bookings(p_date) bk join public.bays bay on bay.id = bk.bay_id), '[]'::jsonb)));
end
$$;
comment on function public.get_staff_day_sheet(date, text) is
  'Staff only: a venue-local day''s bookings for the front desk, with the sheet''s version (only the version when p_known_version is current).';

revoke execute on function app_private.delivery_state(uuid, text[]) from public;
revoke execute on function app_private.day_sheet_bookings(date) from public;
revoke execute on function app_private.day_sheet_version(date) from public;
revoke execute on function app_private.day_sheet_booking_json(public.bookings) from public;
revoke execute on function public.get_staff_day_sheet(date, text) from public;
grant execute on function public.get_staff_day_sheet(date, text) to authenticated;

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

-- The front desk's move or cancellation of any booking (phone calls, walk-up changes), through
-- the same change functions as the customers' own (app_private.move_booking, cancel_booking:
-- exclusion constraint, package hours, the customer's change or cancellation email and the
-- calendar through the outbox) without the online rules (the change notice, the booking
-- window): staff may move a booking an hour before it starts. A reason is required (400),
-- 403 for anyone but staff, 404 BOOKING_NOT_FOUND; a change is a row of
-- public.booking_staff_changes. Answers { changed, booking } (booking as the day sheet shows it).
create function app_private.staff_change_booking(p_booking_id uuid, p_action text, p_change jsonb, p_reason text) returns jsonb
  language plpgsql volatile
  set search_path = ''
  as $$
declare
  v_staff public.staff_members := app_private.caller_staff_member();
  v_reason text := btrim(coalesce(p_reason, ''));
  v_booking public.bookings;
  v_result jsonb;
  v_before jsonb;
begin
  if v_staff.id is null then
    raise exception using errcode = 'PT403', message = 'FORBIDDEN';
  end if;
  if length(v_reason) not between 1 and 500 then
    perform app_private.raise_validation('reason', 'Give a reason (1-500 characters)');
  end if;
  -- The row lock serialises changes of one booking (two desks, a desk and the customer).
  select b.* into v_booking from public.bookings b where b.id = p_booking_id for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'BOOKING_NOT_FOUND',
      detail = jsonb_build_object('bookingId', p_booking_id)::text;
  end if;
  v_before := app_private.day_sheet_booking_json(v_booking);
  v_result := case p_action
    when 'moved' then app_private.move_booking(v_booking, p_change, false, true)
    else app_private.cancel_booking(v_booking, v_reason, false) end;
  select b.* into v_booking from public.bookings b where b.id = p_booking_id;
  if (v_result ->> 'changed')::boolean then
    insert into public.booking_staff_changes (booking_id, action, reason, staff_member_id, staff_email, before, after)
    values (v_booking.id, p_action, v_reason, v_staff.id, v_staff.email, v_before, app_private.day_sheet_booking_json(v_booking));
  end if;
  return jsonb_build_object('changed', (v_result ->> 'changed')::boolean, 'booking', app_private.day_sheet_booking_json(v_booking));
end
$$;
comment on function app_private.staff_change_booking(uuid, text, jsonb, text) is
  'A staff move or cancellation through move_booking / cancel_booking without the online rules, with a reason, audited in booking_staff_changes.';

-- POST /api/staff/bookings/{bookingId}/move: p_change is { date, startTime, duration } (same bay).
create function public.staff_move_booking(p_booking_id uuid, p_change jsonb, p_reason text) returns jsonb
  language sql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$ select app_private.staff_change_booking(p_booking_id, 'moved', p_change, p_reason) $$;
comment on function public.staff_move_booking(uuid, jsonb, text) is
  'Staff only: moves a booking (same bay, id, package) without the online rules, with a reason, audited; the customer is told as usual.';

-- POST /api/staff/bookings/{bookingId}/cancel
create function public.staff_cancel_booking(p_booking_id uuid, p_reason text) returns jsonb
  language sql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$ select app_private.staff_change_booking(p_booking_id, 'cancelled', null, p_reason) $$;
comment on function public.staff_cancel_booking(uuid, text) is
  'Staff only: cancels a booking without the online notice rule, with a reason, audited; the customer is told as usual.';

revoke execute on function app_private.staff_change_booking(uuid, text, jsonb, text) from public;
revoke execute on function public.staff_move_booking(uuid, jsonb, text) from public;
revoke execute on function public.staff_cancel_booking(uuid, text) from public;
grant execute on function public.staff_move_booking(uuid, jsonb, text) to authenticated;
grant execute on function public.staff_cancel_booking(uuid, text) to authenticated;
