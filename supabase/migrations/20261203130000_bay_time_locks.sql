-- Overlapping bookings of one bay no longer deadlock (issue 17). Two inserts of overlapping rows
-- that both reached bookings_no_overlap before either committed each waited for the other's
-- transaction: PostgreSQL found the deadlock only after deadlock_timeout (1 s), killed one, and
-- the app ran it again. Twelve concurrent bookings of one hour without a bay deadlocked in 3 of
-- 4 runs of twelve such rounds (bookings-create.test.ts); under CI's load the app's retries ran
-- out and bookings were refused while bays were still free. A move racing bookings of the times
-- it left or took deadlocked the same way.
--
-- A writer now locks the half hours of the bay it writes (app_private.lock_bay_times) before it
-- reaches the constraint. Overlapping times share a half hour, so the second writer waits there
-- for the first one's commit and then meets its row as committed: the next free bay, or
-- SLOT_UNAVAILABLE. Bookings of other times or bays take other locks and do not wait (but for a
-- collision of two keys' hashes, which only makes one wait).

create function app_private.lock_bay_times(p_bay_id uuid, p_times tstzrange[]) returns void
  language plpgsql volatile
  set search_path = ''
  as $$
declare
  v_key bigint;
begin
  for v_key in
    select distinct hashtextextended('bay_half_hour:' || p_bay_id || ':' || extract(epoch from h)::bigint, 0)
    from unnest(p_times) as t(r)
    cross join lateral generate_series(date_bin('30 minutes', lower(t.r), timestamptz 'epoch'),
                                       upper(t.r) - interval '1 microsecond', interval '30 minutes') as h
    order by 1
  loop
    perform pg_advisory_xact_lock(v_key);
  end loop;
end
$$;
comment on function app_private.lock_bay_times(uuid, tstzrange[]) is
  'Locks the half hours of a bay that the given times touch, in one order, so that overlapping bookings of it are written one after the other instead of deadlocking on bookings_no_overlap.';
revoke execute on function app_private.lock_bay_times(uuid, tstzrange[]) from public;

-- The booking row is written under the lock of its half hours.
create or replace function app_private.create_booking(
  p_booking jsonb, p_online boolean, p_profile_id uuid, p_customer_id uuid, p_source text, p_scope text
) returns jsonb
  language plpgsql volatile
  set search_path = ''
  as $$
declare
  v_date date := (p_booking ->> 'date')::date;
  v_start_time time := (p_booking ->> 'startTime')::time;
  v_duration numeric := (p_booking ->> 'duration')::numeric;
  v_people integer := (p_booking ->> 'numberOfPeople')::integer;
  v_email text := p_booking ->> 'customerEmail';
  v_bay_name text := p_booking ->> 'bay';
  v_package_id uuid := (p_booking ->> 'packageId')::uuid;
  v_key text := p_booking ->> 'idempotencyKey';
  v_request_hash text := p_booking ->> 'requestHash';
  -- Only a request in a VIP session answers with its code (null when not attributed).
  v_in_vip_session boolean := p_booking ? 'vipTokenHash';
  v_code_id bigint := app_private.live_vip_code(p_booking ->> 'vipTokenHash');
  v_start timestamp := v_date + v_start_time;
  v_end timestamp := v_date + v_start_time + make_interval(mins => (v_duration * 60)::int);
  v_tz text := app_private.venue_timezone();
  v_missing text;
  v_bay public.bays;
  v_existing public.booking_idempotency_keys;
  v_package public.packages;
  v_price integer;
  v_booking public.bookings;
  v_notice jsonb;
begin
  select field into v_missing
  from unnest(array['date', 'startTime', 'duration', 'numberOfPeople', 'customerName', 'customerPhone']
              || case when p_online then array['customerEmail'] else array[]::text[] end) as field
  where p_booking ->> field is null
  limit 1;
  if v_missing is not null then
    perform app_private.raise_validation(v_missing, 'Required');
  end if;

  -- A key already used by this caller answers with its booking (after that booking's
  -- transaction committed: a concurrent twin waits here on the key's row).
  if v_key is not null then
    insert into public.booking_idempotency_keys (scope, key, request_hash)
    values (p_scope, v_key, coalesce(v_request_hash, ''))
    on conflict do nothing;
    if not found then
      select * into v_existing from public.booking_idempotency_keys where scope = p_scope and key = v_key;
      if v_existing.request_hash <> coalesce(v_request_hash, '') then
        raise exception using errcode = 'PT422', message = 'IDEMPOTENCY_KEY_REUSED';
      end if;
      select * into v_booking from public.bookings where id = v_existing.booking_id;
      return app_private.created_booking_json(v_booking, true, v_in_vip_session);
    end if;
  end if;

  perform app_private.assert_bookable_time(v_start, v_end, v_duration, not p_online);
  -- After the replay above: a retry of a booking made in time still answers with it.
  if p_online then
    perform app_private.assert_bookable_window(v_start, p_profile_id is not null);
  end if;

  if v_bay_name is not null then
    select * into v_bay from public.bays b where b.active and lower(b.name) = lower(v_bay_name);
    if not found then
      perform app_private.raise_validation('bay', 'Unknown bay: ' || v_bay_name);
    end if;
    if v_bay.capacity < v_people then
      perform app_private.raise_validation('numberOfPeople', format('%s takes at most %s people', v_bay.name, v_bay.capacity));
    end if;
  elsif not exists (select 1 from public.bays b where b.active and b.capacity >= v_people) then
    perform app_private.raise_validation('numberOfPeople', 'No bay takes that many people');
  end if;

  if v_package_id is not null then
    if p_online and p_profile_id is null then
      raise exception using errcode = 'PT401', message = 'AUTH_REQUIRED',
        detail = '{"reason": "Sign in to book with a package"}';
    end if;
    -- The row lock serialises concurrent bookings on one package; the CHECK is the last word.
    select * into v_package from public.packages pk
    where pk.id = v_package_id and pk.customer_id = p_customer_id
    for update;
    if not found then
      raise exception using errcode = 'PT404', message = 'PACKAGE_NOT_FOUND';
    end if;
    if v_package.expiry_date is not null and v_package.expiry_date < v_date then
      raise exception using errcode = 'PT409', message = 'PACKAGE_EXPIRED',
        detail = jsonb_build_object('expiryDate', v_package.expiry_date)::text;
    end if;
    if v_package.total_hours - v_package.used_hours < v_duration then
      raise exception using errcode = 'PT409', message = 'PACKAGE_HOURS_INSUFFICIENT',
        detail = jsonb_build_object('remainingHours', v_package.total_hours - v_package.used_hours)::text;
    end if;
    update public.packages set used_hours = used_hours + v_duration where id = v_package.id;
  end if;

  -- Without a bay asked for, a bay taken by a concurrent booking just means trying the next
  -- free one; the exclusion constraint has the last word either way.
  for attempt in 1..20 loop
    if v_bay_name is null then
      select * into v_bay from app_private.free_bays(v_start, v_end, v_people, null) limit 1;
      if not found then
        perform app_private.raise_slot_unavailable(v_date, v_start_time, v_duration, null, v_people);
      end if;
    end if;

    v_price := app_private.booking_price(v_bay.id, v_start, v_end);

    begin
      perform app_private.lock_bay_times(v_bay.id, array[tstzrange(v_start at time zone v_tz, v_end at time zone v_tz, '[)')]);
      insert into public.bookings (reference, bay_id, starts_at, ends_at, duration_hours, number_of_people,
                                   profile_id, customer_id, customer_name, customer_email, customer_phone,
                                   notes, price_thb, package_id, locale, vip_code_id, source)
      values ('BK' || to_char(v_date, 'YYMMDD') || app_private.random_reference_part(),
              v_bay.id, v_start at time zone v_tz, v_end at time zone v_tz, v_duration, v_people,
              p_profile_id, p_customer_id, p_booking ->> 'customerName', lower(v_email), p_booking ->> 'customerPhone',
              nullif(btrim(p_booking ->> 'specialRequests'), ''), case when v_package_id is null then v_price else 0 end,
              v_package_id, coalesce(p_booking ->> 'locale', 'en'), v_code_id, p_source)
      returning * into v_booking;
      exit;
    exception
      when exclusion_violation then
        if v_bay_name is not null or attempt = 20 then
          perform app_private.raise_slot_unavailable(v_date, v_start_time, v_duration, v_bay_name, v_people);
        end if;
      when unique_violation then
        -- A reference collision (about one in a trillion per day): draw another.
        if attempt = 20 then
          raise;
        end if;
    end;
  end loop;

  -- A walk-in without an email gets no confirmation email (the desk told them in person).
  v_notice := app_private.booking_notice(v_booking.id);
  insert into public.outbox_jobs (kind, dedupe_key, booking_id, payload)
  select kind, kind || ':' || v_booking.id, v_booking.id, v_notice
  from unnest(array['booking_confirmation_email', 'staff_line_message', 'calendar_event_create']) as kind
  where kind not like '%email' or v_booking.customer_email is not null;

  if v_key is not null then
    update public.booking_idempotency_keys set booking_id = v_booking.id where scope = p_scope and key = v_key;
  end if;

  return app_private.created_booking_json(v_booking, false, v_in_vip_session);
end
$$;

-- A move locks the times it leaves and the times it takes.
create or replace function app_private.move_booking(p_booking public.bookings, p_change jsonb, p_online boolean, p_member boolean)
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
