-- The venue's booking rules (public.venue_settings) as the functions that book, move and
-- cancel apply them: the booking window (minimum notice, guest and member horizons) and the
-- deadline for online changes. get_availability shows the same rules to the grid.

create function app_private.venue_settings() returns public.venue_settings
  language plpgsql stable
  set search_path = ''
  as $$
declare
  v_settings public.venue_settings;
begin
  select vs.* into v_settings from public.venue_settings vs where vs.id;
  return v_settings;
end
$$;
comment on function app_private.venue_settings() is 'The venue''s booking rules (its one row).';

-- Refuses a venue-local start before now + the minimum notice or after the last bookable
-- date (the venue's today + the guest's or member's horizon).
create function app_private.assert_bookable_window(p_start timestamp, p_member boolean) returns void
  language plpgsql stable
  set search_path = ''
  as $$
declare
  v_settings public.venue_settings := app_private.venue_settings();
  v_now timestamp := app_private.venue_now();
  v_earliest timestamp := v_now + make_interval(mins => v_settings.min_booking_notice_minutes);
  v_last_date date := v_now::date + case when p_member then v_settings.member_booking_horizon_days
                                         else v_settings.guest_booking_horizon_days end;
  v_tz text := app_private.venue_timezone();
begin
  if p_start < v_earliest or p_start >= v_last_date + 1 then
    raise exception using errcode = 'PT422', message = 'OUTSIDE_BOOKING_WINDOW',
      detail = jsonb_build_object(
        'reason', case when p_start <= v_now then 'PAST' when p_start < v_earliest then 'TOO_SOON' else 'BEYOND_HORIZON' end,
        'earliest', app_private.iso_utc_ms(v_earliest at time zone v_tz),
        'latest', app_private.iso_utc_ms((v_last_date + 1)::timestamp at time zone v_tz),
        'lastBookableDate', to_char(v_last_date, 'YYYY-MM-DD'),
        'minNoticeMinutes', v_settings.min_booking_notice_minutes,
        'horizonDays', v_last_date - v_now::date
      )::text;
  end if;
end
$$;
comment on function app_private.assert_bookable_window(timestamp, boolean) is
  'Raises PT422 OUTSIDE_BOOKING_WINDOW (detail: reason PAST, TOO_SOON or BEYOND_HORIZON; earliest instant; latest = exclusive end of the last bookable date) for a venue-local start outside the booking window.';

create function app_private.online_change_deadline(p_starts_at timestamptz) returns timestamptz
  language plpgsql stable
  set search_path = ''
  as $$ begin return p_starts_at - make_interval(mins => (app_private.venue_settings()).min_change_notice_minutes); end $$;
comment on function app_private.online_change_deadline(timestamptz) is
  'The last instant a booking starting at p_starts_at can still be changed or cancelled online.';

-- Only the deadline: the caller decides status (cancelled, over) and ownership.
create function app_private.assert_changeable_online(p_booking public.bookings) returns void
  language plpgsql stable
  set search_path = ''
  as $$
declare
  v_deadline timestamptz := app_private.online_change_deadline(p_booking.starts_at);
begin
  if app_private.clock_now() >= v_deadline then
    raise exception using errcode = 'PT403', message = 'BOOKING_NOT_MODIFIABLE',
      detail = jsonb_build_object(
        'bookingId', p_booking.id,
        'changeableUntil', app_private.iso_utc_ms(v_deadline),
        'reason', format('Online changes and cancellations close %s before the start (this booking: until %s, venue time). Please contact the venue.',
          case when (app_private.venue_settings()).min_change_notice_minutes % 60 = 0
               then ((app_private.venue_settings()).min_change_notice_minutes / 60) || ' hour(s)'
               else (app_private.venue_settings()).min_change_notice_minutes || ' minutes' end,
          to_char(v_deadline at time zone app_private.venue_timezone(), 'YYYY-MM-DD HH24:MI'))
      )::text;
  end if;
end
$$;
comment on function app_private.assert_changeable_online(public.bookings) is
  'Raises PT403 BOOKING_NOT_MODIFIABLE (detail: changeableUntil, reason) once a booking is inside the minimum change notice.';

revoke execute on function app_private.venue_settings() from public;
revoke execute on function app_private.assert_bookable_window(timestamp, boolean) from public;
revoke execute on function app_private.online_change_deadline(timestamptz) from public;
revoke execute on function app_private.assert_changeable_online(public.bookings) from public;
-- Reading the rules is harmless: a member's security invoker functions may show a deadline.
grant execute on function app_private.venue_settings() to anon, authenticated, service_role;
grant execute on function app_private.online_change_deadline(timestamptz) to anon, authenticated, service_role;
