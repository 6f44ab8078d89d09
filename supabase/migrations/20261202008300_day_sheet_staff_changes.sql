-- The day sheet shows who moved or cancelled a booking at the desk, why and when (issue #16).

-- A booking as the day sheet shows it.
create or replace function app_private.day_sheet_booking_json(p_booking public.bookings) returns jsonb
  language sql stable
  set search_path = ''
  as $$
  select jsonb_build_object(
    'id', p_booking.id,
    'reference', p_booking.reference,
    'bay', (select b.name from public.bays b where b.id = p_booking.bay_id),
    'date', to_char(p_booking.starts_at at time zone app_private.venue_timezone(), 'YYYY-MM-DD'),
    'startTime', to_char(p_booking.starts_at at time zone app_private.venue_timezone(), 'HH24:MI'),
    'endTime', to_char(p_booking.ends_at at time zone app_private.venue_timezone(), 'HH24:MI'),
    'duration', p_booking.duration_hours,
    'status', case when p_booking.status = 'confirmed' and p_booking.ends_at <= app_private.clock_now() then 'completed' else p_booking.status end,
    'numberOfPeople', p_booking.number_of_people,
    'customerName', p_booking.customer_name,
    'customerPhone', p_booking.customer_phone,
    'customerEmail', p_booking.customer_email,
    'member', p_booking.profile_id is not null,
    'notes', p_booking.notes,
    'cancellationReason', p_booking.cancellation_reason,
    'package', (select pk.package_name from public.packages pk where pk.id = p_booking.package_id),
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
    -- Who moved or cancelled it at the desk, why and when (oldest first).
    'staffChanges', coalesce((select jsonb_agg(jsonb_build_object('action', c.action, 'reason', c.reason, 'at', app_private.iso_utc_ms(c.at),
                                                                  'by', coalesce(s.display_name, c.staff_email)) order by c.id)
                              from public.booking_staff_changes c left join public.staff_members s on s.id = c.staff_member_id
                              where c.booking_id = p_booking.id), '[]'::jsonb))
$$;
