-- Members' own bookings and packages in the VIP portal: list, modify (date, time, length) and
-- cancel, each one SQL transaction that writes the booking, its package hours and its outbox
-- jobs; and the hour packages of the customer record linked to the member.

-- ======================================================================================
-- Helpers
-- ======================================================================================

-- Whether the calling member owns a booking: made under their profile, or under the
-- customer record linked to it (including bookings made before the account existed).
-- Never null: callers test `if not ...`, which a null (a booking or member without a profile or
-- customer record) would pass.
create function app_private.member_owns_booking(p_booking public.bookings, p_profile public.profiles) returns boolean
  language sql stable
  set search_path = ''
  as $$
  select coalesce(p_booking.profile_id = p_profile.id, false)
      or coalesce(p_booking.customer_id = p_profile.customer_id, false)
$$;

-- The booking as the VIP API shows it. A confirmed booking whose end has passed is 'completed';
-- changeableUntil is the online change deadline of one that has not started.
create function app_private.vip_booking_json(p_booking public.bookings, p_bay text) returns jsonb
  language plpgsql stable
  set search_path = ''
  as $$
begin
  return jsonb_strip_nulls(jsonb_build_object(
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
  ));
end
$$;

-- The booking row of p_booking_id, locked, if the calling member may change it; raises
-- 404 for an unknown booking and 403 for somebody else's.
create function app_private.lock_member_booking(p_booking_id uuid, p_profile public.profiles) returns public.bookings
  language plpgsql volatile
  set search_path = ''
  as $$
declare
  v_booking public.bookings;
begin
  select * into v_booking from public.bookings where id = p_booking_id for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'BOOKING_NOT_FOUND',
      detail = jsonb_build_object('bookingId', p_booking_id)::text;
  end if;
  if not app_private.member_owns_booking(v_booking, p_profile) then
    raise exception using errcode = 'PT403', message = 'FORBIDDEN',
      detail = jsonb_build_object('bookingId', p_booking_id, 'reason', 'This booking is not yours')::text;
  end if;
  return v_booking;
end
$$;

-- Pending jobs of a booking's earlier state would deliver stale times: they take the newest notice.
create function app_private.refresh_pending_booking_jobs(p_booking_id uuid) returns void
  language sql volatile
  set search_path = ''
  as $$
  update public.outbox_jobs j
  set payload = case when j.kind in ('calendar_event_update') then app_private.booking_change_notice(p_booking_id, j.payload -> 'previous')
                     else app_private.booking_notice(p_booking_id) end
  where j.booking_id = p_booking_id
    and j.status in ('pending', 'failed')
    and j.kind in ('booking_confirmation_email', 'staff_line_message', 'calendar_event_create', 'calendar_event_update')
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

  -- The exclusion constraint is the last word on a taken slot. The times it leaves are locked
  -- too: a booking of them waits for this commit rather than for a row it would meet in a deadlock.
  perform app_private.lock_bay_times(v_booking.bay_id, array[
    tstzrange(v_booking.starts_at, v_booking.ends_at, '[)'),
    tstzrange(v_start at time zone v_tz, v_end at time zone v_tz, '[)')]);
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
  from unnest(array['calendar_event_update', 'booking_change_email']) as kind
  where kind not like '%email' or v_booking.customer_email is not null;

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
  from unnest(array['calendar_event_delete', 'booking_cancellation_email']) as kind
  where kind not like '%email' or v_booking.customer_email is not null;

  return jsonb_build_object('changed', true,
    'booking', jsonb_build_object('id', v_booking.id, 'status', 'cancelled', 'cancellationReason', v_booking.cancellation_reason));
end
$$;
comment on function app_private.cancel_booking(public.bookings, text, boolean) is
  'Cancels a confirmed booking once: returns package hours, closes moot jobs, queues the calendar delete and cancellation email; p_online applies the online notice rule.';

-- ======================================================================================
-- GET /api/vip/bookings, PUT /api/vip/bookings/{id}/modify, POST /api/vip/bookings/{id}/cancel
-- ======================================================================================

-- Whether the member's bookings list shows a booking under p_filter (get_my_bookings): 'future'
-- = live and not yet ended, 'past' = ended and not cancelled, 'cancelled' = cancelled whatever
-- its date, 'all' = every one. SQL without a SET clause, so it is inlined into the scans that call
-- it (and reads only columns the owner indexes cover).
create function app_private.member_bookings_filter(p_filter text, p_status text, p_ends_at timestamptz, p_now timestamptz) returns boolean
  language sql immutable
  as $$
  select case p_filter
           when 'future' then p_status <> 'cancelled' and p_ends_at > p_now
           when 'past' then p_status <> 'cancelled' and p_ends_at <= p_now
           when 'cancelled' then p_status = 'cancelled'
           else true
         end
$$;
comment on function app_private.member_bookings_filter(text, text, timestamptz, timestamptz) is 'Whether GET /api/vip/bookings shows a booking of this status and end under a filter (future, past, cancelled, all).';

-- GET /api/vip/bookings. Runs as the caller: row level security decides which bookings are
-- theirs. The member's bookings are read as index-only scans of the two owner indexes, one per
-- way RLS lets a member own a booking (by profile; by the linked customer record, less those
-- found by profile), and RLS still applies on top: counted in one pass, paged by reading each
-- index in the list's order only as far as the page (merged, no sort), and only the page's rows
-- are read from the table. 'future' = soonest first; the others newest first (ties by id, the
-- other way round).
create function public.get_my_bookings(p_filter text, p_page integer, p_limit integer) returns jsonb
  language plpgsql stable
  set search_path = ''
  set jit = off
  -- The statements' plans do not depend on the arguments: planned once per connection, not per call.
  set plan_cache_mode = force_generic_plan
  as $$
declare
  v_me uuid := auth.uid();
  v_customer uuid;
  v_now timestamptz := now();
  -- A booking ends at most 12 hours after it starts (bookings.duration_hours): one that has not
  -- ended started after this, so the scans of 'future' start here, not at the first booking.
  v_from timestamptz := case when p_filter = 'future' then v_now - interval '12 hours' else '-infinity' end;
  v_total integer;
  v_ids uuid[];
  v_rows jsonb;
begin
  if p_filter not in ('future', 'past', 'cancelled', 'all') or p_page < 1 or p_limit < 1 or p_limit > 50 then
    perform app_private.raise_validation('query', 'filter must be future, past, cancelled or all; page >= 1; limit 1 to 50');
  end if;
  select p.customer_id into v_customer from public.profiles p where p.id = v_me;
  select (select count(*) from public.bookings b
          where b.profile_id = v_me and b.starts_at > v_from and app_private.member_bookings_filter(p_filter, b.status, b.ends_at, v_now))
       + (select count(*) from public.bookings b
          where b.customer_id = v_customer and b.profile_id is distinct from v_me and b.starts_at > v_from
            and app_private.member_bookings_filter(p_filter, b.status, b.ends_at, v_now))
  into v_total;
  -- Each index is read in the list's order, at most as far as the page's end.
  if p_filter = 'future' then
    select array_agg(page.id order by page.starts_at, page.id) into v_ids from (
      select mine.id, mine.starts_at from (
        (select b.id, b.starts_at from public.bookings b
         where b.profile_id = v_me and b.starts_at > v_from
           and app_private.member_bookings_filter(p_filter, b.status, b.ends_at, v_now)
         order by b.starts_at, b.id limit p_page * p_limit)
        union all
        (select b.id, b.starts_at from public.bookings b
         where b.customer_id = v_customer and b.profile_id is distinct from v_me and b.starts_at > v_from
           and app_private.member_bookings_filter(p_filter, b.status, b.ends_at, v_now)
         order by b.starts_at, b.id limit p_page * p_limit)
      ) mine
      order by mine.starts_at, mine.id offset (p_page - 1) * p_limit limit p_limit
    ) page;
  else
    select array_agg(page.id order by page.starts_at desc, page.id desc) into v_ids from (
      select mine.id, mine.starts_at from (
        (select b.id, b.starts_at from public.bookings b
         where b.profile_id = v_me and app_private.member_bookings_filter(p_filter, b.status, b.ends_at, v_now)
         order by b.starts_at desc, b.id desc limit p_page * p_limit)
        union all
        (select b.id, b.starts_at from public.bookings b
         where b.customer_id = v_customer and b.profile_id is distinct from v_me
           and app_private.member_bookings_filter(p_filter, b.status, b.ends_at, v_now)
         order by b.starts_at desc, b.id desc limit p_page * p_limit)
      ) mine
      order by mine.starts_at desc, mine.id desc offset (p_page - 1) * p_limit limit p_limit
    ) page;
  end if;
  select coalesce(jsonb_agg(app_private.vip_booking_json(b, coalesce(bay.name, 'Closed bay')) || jsonb_build_object('bayTh', bay.name_th)
                            order by page.ord), '[]'::jsonb)
  into v_rows
  from unnest(v_ids) with ordinality page (id, ord)
  join public.bookings b on b.id = page.id
  -- Members read active bays only; a booking in a bay closed since keeps its place (no Thai name).
  left join public.bays bay on bay.id = b.bay_id;
  return jsonb_build_object(
    'bookings', v_rows,
    'pagination', jsonb_build_object(
      'currentPage', p_page,
      'totalPages', ceil(v_total::numeric / p_limit)::integer,
      'totalCount', v_total,
      'limit', p_limit
    )
  );
end
$$;
comment on function public.get_my_bookings(text, integer, integer) is 'The calling member''s bookings, filtered and paged (RLS-scoped), bays named in Thai too.';

-- PUT /api/vip/bookings/{id}/modify: moves a future confirmed booking of the caller to
-- another date, time or length in the same bay, keeping its id and package, under the online
-- rules with the member's booking horizon. p_change is the request as
-- lib/vip/booking-changes.ts ModifyVipBookingRequest declares it.
create function public.modify_vip_booking(p_booking_id uuid, p_change jsonb)
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
create function public.cancel_vip_booking(p_booking_id uuid, p_cancel jsonb default '{}') returns jsonb
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

-- ======================================================================================
-- Manage links (guests and members alike): issue a token
-- ======================================================================================

-- Records a new manage token of a booking; false (nothing recorded) when the booking is
-- unknown, cancelled or over: a link to it would open nothing.
create function public.issue_booking_manage_token(p_booking_id uuid, p_token_hash text) returns boolean
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
begin
  if p_token_hash is null or p_token_hash !~ '^[0-9a-f]{64}$' then
    perform app_private.raise_validation('tokenHash', 'Must be a SHA-256 hash as 64 hex characters');
  end if;
  insert into public.booking_manage_tokens (token_hash, booking_id)
  select p_token_hash, b.id from public.bookings b
  where b.id = p_booking_id and b.status = 'confirmed' and b.ends_at > now();
  return found;
end
$$;
comment on function public.issue_booking_manage_token(uuid, text) is
  'Records the SHA-256 of a new manage-link token of a live booking; false when the booking is unknown, cancelled or over.';

-- /book/confirmed?ref=…: the signed-in member's own booking of that reference, as the VIP API
-- shows it, or null. Runs as the caller: row level security decides which bookings are theirs.
create function public.get_my_booking_by_reference(p_reference text) returns jsonb
  language sql stable
  set search_path = ''
  set jit = off
  as $$
  select app_private.vip_booking_json(b, coalesce(bay.name, 'Closed bay'))
  from public.bookings b
  left join public.bays bay on bay.id = b.bay_id
  where b.reference = p_reference
$$;
comment on function public.get_my_booking_by_reference(text) is
  'The calling member''s booking with this reference, or null (RLS-scoped): the confirmation page shows a booking only to who may see it.';

-- ======================================================================================
-- GET /api/vip/packages
-- ======================================================================================

-- GET /api/vip/packages: the member's packages, active first. Runs as the caller (RLS).
create function public.get_my_packages() returns jsonb
  language sql stable
  set search_path = ''
  set jit = off
  as $$
  with mine as (
    select pk.*,
           pk.total_hours - pk.used_hours as remaining_hours,
           case
             when pk.expiry_date is not null and pk.expiry_date < app_private.venue_now()::date then 'expired'
             when pk.used_hours >= pk.total_hours then 'depleted'
             else 'active'
           end as status
    from public.packages pk
  ),
  shaped as (
    select status, purchase_date, jsonb_build_object(
      'id', id,
      'packageName', package_name,
      'packageNameTh', package_name_th,
      'purchaseDate', to_char(purchase_date, 'YYYY-MM-DD'),
      'expiryDate', to_char(expiry_date, 'YYYY-MM-DD'),
      'totalHours', total_hours,
      'usedHours', used_hours,
      'remainingHours', remaining_hours,
      'status', status
    ) as package
    from mine
  )
  select jsonb_build_object(
    'activePackages', coalesce((select jsonb_agg(package order by purchase_date desc) from shaped where status = 'active'), '[]'::jsonb),
    'pastPackages', coalesce((select jsonb_agg(package order by purchase_date desc) from shaped where status <> 'active'), '[]'::jsonb)
  )
$$;
comment on function public.get_my_packages() is 'The calling member''s hour packages, split into active and past (RLS-scoped).';

-- ======================================================================================
-- Who may call these. PostgreSQL lets PUBLIC execute a new function: the revokes take that
-- back, and each grant names the roles that may call it (PostgREST serves only `public`).
-- ======================================================================================

revoke execute on function app_private.member_owns_booking(public.bookings, public.profiles) from public;
revoke execute on function app_private.vip_booking_json(public.bookings, text) from public;
revoke execute on function app_private.lock_member_booking(uuid, public.profiles) from public;
revoke execute on function app_private.refresh_pending_booking_jobs(uuid) from public;
revoke execute on function public.get_my_bookings(text, integer, integer) from public;
revoke execute on function app_private.member_bookings_filter(text, text, timestamptz, timestamptz) from public;
revoke execute on function public.modify_vip_booking(uuid, jsonb) from public;
revoke execute on function public.cancel_vip_booking(uuid, jsonb) from public;
revoke execute on function public.get_my_packages() from public;
revoke execute on function public.get_my_booking_by_reference(text) from public;
revoke execute on function app_private.move_booking(public.bookings, jsonb, boolean, boolean) from public;
revoke execute on function app_private.cancel_booking(public.bookings, text, boolean) from public;
revoke execute on function app_private.managed_booking(text, boolean) from public;
revoke execute on function app_private.managed_booking_json(public.bookings) from public;
revoke execute on function public.get_managed_booking(text) from public;
revoke execute on function public.modify_managed_booking(text, jsonb) from public;
revoke execute on function public.cancel_managed_booking(text, jsonb) from public;
grant execute on function app_private.vip_booking_json(public.bookings, text) to authenticated, service_role;
grant execute on function public.get_my_bookings(text, integer, integer) to authenticated;
-- get_my_bookings runs as the member; the planner inlines the helper only where its caller may execute it.
grant execute on function app_private.member_bookings_filter(text, text, timestamptz, timestamptz) to authenticated;
grant execute on function public.modify_vip_booking(uuid, jsonb) to authenticated;
grant execute on function public.cancel_vip_booking(uuid, jsonb) to authenticated;
grant execute on function public.get_my_packages() to authenticated;
grant execute on function public.get_my_booking_by_reference(text) to authenticated;
grant execute on function public.get_managed_booking(text) to service_role;
grant execute on function public.modify_managed_booking(text, jsonb) to service_role;
grant execute on function public.cancel_managed_booking(text, jsonb) to service_role;
revoke execute on function public.issue_booking_manage_token(uuid, text) from public;
grant execute on function public.issue_booking_manage_token(uuid, text) to service_role;
