-- One move and one cancellation of a booking (app_private.move_booking, cancel_booking),
-- shared by the VIP routes, the new manage-link routes and (later) staff; the customers'
-- online rules (venue_settings: change notice, booking window) are a parameter, applied by
-- the online callers. The VIP answer says until when a booking can be changed online
-- (changeableUntil). Manage links open, move and cancel the booking of a token's hash.

-- A member's own bookings (security invoker) show their online change deadline as ISO text.
grant execute on function app_private.iso_utc_ms(timestamptz) to authenticated;

-- The booking as the VIP API shows it. A confirmed booking whose end has passed is 'completed';
-- changeableUntil is the online change deadline of one that has not started.
create or replace function app_private.vip_booking_json(p_booking public.bookings, p_bay text) returns jsonb
  language sql stable
  set search_path = ''
  as $$
  select jsonb_strip_nulls(jsonb_build_object(
    'id', p_booking.id,
    'reference', p_booking.reference,
    'date', to_char(p_booking.starts_at at time zone app_private.venue_timezone(), 'YYYY-MM-DD'),
    'startTime', to_char(p_booking.starts_at at time zone app_private.venue_timezone(), 'HH24:MI'),
    'duration', p_booking.duration_hours,
    'bay', p_bay,
    'status', case when p_booking.status = 'confirmed' and p_booking.ends_at <= now() then 'completed' else p_booking.status end,
    'numberOfPeople', p_booking.number_of_people,
    'notes', p_booking.notes,
    'bookingType', case when p_booking.package_id is not null then 'Package' else 'Normal Bay Rate' end,
    'cancellationReason', p_booking.cancellation_reason,
    'createdAt', to_char(p_booking.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    -- Until when the customer may still move or cancel it online (also once that has passed).
    'changeableUntil', case when p_booking.status = 'confirmed' and p_booking.starts_at > app_private.clock_now()
                            then app_private.iso_utc_ms(app_private.online_change_deadline(p_booking.starts_at)) end
  ))
$$;


-- ======================================================================================
-- A booking's move and cancellation, one function each: the VIP routes, the manage-link
-- routes and (later) staff call these. Who may change the booking, and the online notice
-- rules (p_online), are the caller's business.
-- ======================================================================================

-- Moves a confirmed booking to another date, time or length in the same bay, keeping its id
-- and package: re-prices it (package hours follow), and queues the calendar update and change
-- email. p_change is lib/vip/booking-changes.ts ModifyVipBookingRequest. p_online: a customer's
-- own change (VIP portal, manage link), bound by the online rules: not once it has started
-- nor inside the minimum change notice, and the new start inside the booking window of a
-- member (p_member) or a guest. Returns { changed, booking } (booking as vip_booking_json).
create function app_private.move_booking(p_booking public.bookings, p_change jsonb, p_online boolean, p_member boolean)
  returns jsonb
  language plpgsql volatile
  set search_path = ''
  as $$
declare
  v_booking public.bookings := p_booking;
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
  if v_booking.status <> 'confirmed' or v_booking.ends_at <= app_private.clock_now()
     or (p_online and v_booking.starts_at <= app_private.clock_now()) then
    raise exception using errcode = 'PT403', message = 'BOOKING_NOT_MODIFIABLE',
      detail = jsonb_build_object('bookingId', v_booking.id,
        'reason', case when v_booking.status = 'cancelled' then 'The booking is cancelled' else 'The booking has started or is over' end)::text;
  end if;
  if p_online then
    perform app_private.assert_changeable_online(v_booking);
  end if;
  perform app_private.assert_bookable_time(v_start, v_end, v_duration);
  select name into v_bay from public.bays where id = v_booking.bay_id;

  if v_booking.starts_at = v_start at time zone v_tz and v_booking.duration_hours = v_duration then
    return jsonb_build_object('changed', false, 'booking', app_private.vip_booking_json(v_booking, v_bay));
  end if;
  if p_online then
    perform app_private.assert_bookable_window(v_start, p_member);
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

  return jsonb_build_object('changed', true, 'booking', app_private.vip_booking_json(v_booking, v_bay));
end
$$;
comment on function app_private.move_booking(public.bookings, jsonb, boolean, boolean) is
  'Moves a confirmed booking (same bay, id, package), re-prices it and queues the calendar update and change email; p_online applies the customers'' online rules.';

-- Cancels a confirmed booking once: returns its package hours, closes the moot jobs of its
-- creation and queues the calendar delete and cancellation email. An already cancelled
-- booking is answered as it is (changed false). p_online: a customer's own cancellation,
-- refused once it has started or inside the minimum change notice. The caller holds the
-- booking's row lock, which serialises concurrent cancels. Returns { changed, booking }.
create function app_private.cancel_booking(p_booking public.bookings, p_reason text, p_online boolean)
  returns jsonb
  language plpgsql volatile
  set search_path = ''
  as $$
declare
  v_booking public.bookings := p_booking;
begin
  if v_booking.status = 'cancelled' then
    return jsonb_build_object('changed', false,
      'booking', jsonb_build_object('id', v_booking.id, 'status', 'cancelled', 'cancellationReason', v_booking.cancellation_reason));
  end if;
  if v_booking.status <> 'confirmed' or v_booking.ends_at <= app_private.clock_now()
     or (p_online and v_booking.starts_at <= app_private.clock_now()) then
    raise exception using errcode = 'PT403', message = 'BOOKING_NOT_MODIFIABLE',
      detail = jsonb_build_object('bookingId', v_booking.id, 'reason', 'The booking has started or is over')::text;
  end if;
  if p_online then
    perform app_private.assert_changeable_online(v_booking);
  end if;

  update public.bookings
  set status = 'cancelled', cancellation_reason = nullif(btrim(p_reason), ''), cancelled_at = now(),
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

  return jsonb_build_object('changed', true,
    'booking', jsonb_build_object('id', v_booking.id, 'status', 'cancelled', 'cancellationReason', v_booking.cancellation_reason));
end
$$;
comment on function app_private.cancel_booking(public.bookings, text, boolean) is
  'Cancels a confirmed booking once: returns package hours, closes moot jobs, queues the calendar delete and cancellation email; p_online applies the online notice rule.';

-- PUT /api/vip/bookings/{id}/modify: moves a future confirmed booking of the caller to
-- another date, time or length in the same bay, keeping its id and package, under the online
-- rules with the member's booking horizon. p_change is the request as
-- lib/vip/booking-changes.ts ModifyVipBookingRequest declares it.
create or replace function public.modify_vip_booking(p_booking_id uuid, p_change jsonb)
  returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_moved jsonb := app_private.move_booking(
    app_private.lock_member_booking(p_booking_id, app_private.calling_profile()), p_change, true, true);
begin
  return jsonb_build_object('message', 'Booking modified successfully.') || v_moved;
end
$$;
comment on function public.modify_vip_booking(uuid, jsonb) is
  'Moves the caller''s future confirmed booking (same bay, id and package), re-prices it and queues the calendar update and change email.';

-- POST /api/vip/bookings/{id}/cancel: cancels a future confirmed booking of the caller and
-- returns its package hours. Cancelling an already cancelled booking answers it as it is.
-- p_cancel is the request as lib/vip/booking-changes.ts CancelVipBookingRequest declares it.
create or replace function public.cancel_vip_booking(p_booking_id uuid, p_cancel jsonb default '{}') returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  -- The row lock serialises concurrent cancels: the second one sees 'cancelled'.
  v_cancelled jsonb := app_private.cancel_booking(
    app_private.lock_member_booking(p_booking_id, app_private.calling_profile()), p_cancel ->> 'cancellationReason', true);
begin
  return jsonb_build_object('message',
    case when (v_cancelled ->> 'changed')::boolean then 'Booking cancelled successfully.' else 'Booking was already cancelled.' end) || v_cancelled;
end
$$;
comment on function public.cancel_vip_booking(uuid, jsonb) is
  'Cancels the caller''s future confirmed booking once: returns package hours and queues the calendar delete and cancellation email.';

-- ======================================================================================
-- Manage links: GET /api/bookings/manage, PUT /api/bookings/manage/modify,
-- POST /api/bookings/manage/cancel. The token's SHA-256 is the only credential: the app calls
-- these as the service role after its rate limits; a booking id alone opens nothing.
-- ======================================================================================

-- The booking a manage token opens (locked for a change when p_lock), its last use noted.
-- An unknown (or malformed) token is 404 MANAGE_LINK_INVALID, saying nothing of any booking;
-- the token of a cancelled or ended booking is 410 MANAGE_LINK_EXPIRED: its holder is told why.
create function app_private.managed_booking(p_token_hash text, p_lock boolean) returns public.bookings
  language plpgsql volatile
  set search_path = ''
  as $$
declare
  v_booking public.bookings;
begin
  if p_token_hash ~ '^[0-9a-f]{64}$' then
    if p_lock then
      select b.* into v_booking from public.booking_manage_tokens t join public.bookings b on b.id = t.booking_id
      where t.token_hash = p_token_hash for update of b;
    else
      select b.* into v_booking from public.booking_manage_tokens t join public.bookings b on b.id = t.booking_id
      where t.token_hash = p_token_hash;
    end if;
  end if;
  if v_booking.id is null then
    raise exception using errcode = 'PT404', message = 'MANAGE_LINK_INVALID';
  end if;
  if v_booking.status <> 'confirmed' or v_booking.ends_at <= app_private.clock_now() then
    raise exception using errcode = 'PT410', message = 'MANAGE_LINK_EXPIRED',
      detail = jsonb_build_object('reference', v_booking.reference,
        'reason', case when v_booking.status = 'cancelled' then 'cancelled' else 'ended' end)::text;
  end if;
  update public.booking_manage_tokens set last_used_at = now() where token_hash = p_token_hash;
  return v_booking;
end
$$;
comment on function app_private.managed_booking(text, boolean) is
  'The live booking a manage token opens (optionally locked); 404 MANAGE_LINK_INVALID for an unknown token, 410 MANAGE_LINK_EXPIRED once it is cancelled or over.';

-- The booking as the manage page shows it: the VIP shape and what a guest needs besides.
create function app_private.managed_booking_json(p_booking public.bookings) returns jsonb
  language sql stable
  set search_path = ''
  as $$
  select app_private.vip_booking_json(p_booking, coalesce(bay.name, 'Closed bay')) || jsonb_strip_nulls(jsonb_build_object(
    'endTime', to_char(p_booking.ends_at at time zone app_private.venue_timezone(), 'HH24:MI'),
    'customerName', p_booking.customer_name,
    'priceThb', p_booking.price_thb,
    'packageName', pk.package_name,
    'changeableOnline', p_booking.starts_at > app_private.clock_now()
      and app_private.clock_now() < app_private.online_change_deadline(p_booking.starts_at)))
  from (select 1) one
  left join public.bays bay on bay.id = p_booking.bay_id
  left join public.packages pk on pk.id = p_booking.package_id
$$;
comment on function app_private.managed_booking_json(public.bookings) is
  'A booking as GET /api/bookings/manage shows it to the holder of its manage link.';

-- GET /api/bookings/manage: the booking the token opens.
create function public.get_managed_booking(p_token_hash text) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
begin
  return jsonb_build_object('booking', app_private.managed_booking_json(app_private.managed_booking(p_token_hash, false)));
end
$$;
comment on function public.get_managed_booking(text) is
  'The live booking a manage token (its SHA-256) opens; 404 for an unknown token, 410 once it is cancelled or over.';

-- PUT /api/bookings/manage/modify: moves the booking as the VIP modify does (same function,
-- same online rules; a guest's booking horizon). p_change is ModifyVipBookingRequest.
create function public.modify_managed_booking(p_token_hash text, p_change jsonb) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_moved jsonb := app_private.move_booking(app_private.managed_booking(p_token_hash, true), p_change, true, false);
begin
  return jsonb_build_object('message', 'Booking modified successfully.', 'changed', v_moved -> 'changed',
    'booking', app_private.managed_booking_json(
      (select b from public.bookings b where b.id = (v_moved -> 'booking' ->> 'id')::uuid)));
end
$$;
comment on function public.modify_managed_booking(text, jsonb) is
  'Moves the booking a manage token opens, under the online rules (guest horizon); queues the calendar update and change email.';

-- POST /api/bookings/manage/cancel: cancels the booking; the token opens nothing after.
-- p_cancel is CancelVipBookingRequest.
create function public.cancel_managed_booking(p_token_hash text, p_cancel jsonb default '{}') returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  -- Locked: of concurrent cancels through one link, the later ones find it cancelled (410).
  v_cancelled jsonb := app_private.cancel_booking(app_private.managed_booking(p_token_hash, true), p_cancel ->> 'cancellationReason', true);
begin
  return jsonb_build_object('message', 'Booking cancelled successfully.') || v_cancelled;
end
$$;
comment on function public.cancel_managed_booking(text, jsonb) is
  'Cancels the booking a manage token opens, under the online notice rule; queues the calendar delete and cancellation email.';

revoke execute on function app_private.move_booking(public.bookings, jsonb, boolean, boolean) from public;
revoke execute on function app_private.cancel_booking(public.bookings, text, boolean) from public;
revoke execute on function app_private.managed_booking(text, boolean) from public;
revoke execute on function app_private.managed_booking_json(public.bookings) from public;
revoke execute on function public.get_managed_booking(text) from public;
revoke execute on function public.modify_managed_booking(text, jsonb) from public;
revoke execute on function public.cancel_managed_booking(text, jsonb) from public;
grant execute on function public.get_managed_booking(text) to service_role;
grant execute on function public.modify_managed_booking(text, jsonb) to service_role;
grant execute on function public.cancel_managed_booking(text, jsonb) to service_role;
