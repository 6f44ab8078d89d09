-- create_booking enforces the venue's booking window (issue 14): a start inside the minimum
-- notice or after the horizon (the member's when a member books, else the guest's) is refused
-- with 422 OUTSIDE_BOOKING_WINDOW, after an Idempotency-Key replay has had its answer.
-- booking_request_scope tells the route's rate limit, before it counts, whether a request
-- replays a booking (never counted twice) or comes in a live concierge VIP session (counted
-- per session rather than per address: a hotel lobby shares one address).

-- The caller an Idempotency-Key belongs to: the member's profile id, or 'guest:' + the email.
create function app_private.booking_idempotency_scope(p_booking jsonb) returns text
  language sql stable
  set search_path = ''
  as $$ select coalesce(auth.uid()::text, 'guest:' || lower(p_booking ->> 'customerEmail')) $$;

-- What the booking route's rate limit needs to know before it counts a request: whether it
-- replays a booking already made (same key, same request: it never counts again) and whether
-- it comes in a live concierge VIP session (counted per session, not per address).
create function public.booking_request_scope(p_booking jsonb) returns jsonb
  language sql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
  select jsonb_build_object(
    'replay', exists (
      select 1 from public.booking_idempotency_keys k
      where k.scope = app_private.booking_idempotency_scope(p_booking)
        and k.key = p_booking ->> 'idempotencyKey'
        and k.request_hash = coalesce(p_booking ->> 'requestHash', '')
        and k.booking_id is not null),
    'vipSession', app_private.live_vip_code(p_booking ->> 'vipTokenHash') is not null)
$$;
comment on function public.booking_request_scope(jsonb) is
  'Whether a booking request replays a booking made with its Idempotency-Key, and whether it is in a live concierge VIP session (the rate limit''s scope).';

create or replace function public.create_booking(p_booking jsonb) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
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
  v_uid uuid := auth.uid();
  v_profile public.profiles;
  v_start timestamp := v_date + v_start_time;
  v_end timestamp := v_date + v_start_time + make_interval(mins => (v_duration * 60)::int);
  v_tz text := app_private.venue_timezone();
  v_missing text;
  v_bay public.bays;
  v_scope text;
  v_existing public.booking_idempotency_keys;
  v_package public.packages;
  v_price integer;
  v_booking public.bookings;
  v_notice jsonb;
begin
  select field into v_missing
  from unnest(array['date', 'startTime', 'duration', 'numberOfPeople', 'customerName', 'customerEmail', 'customerPhone']) as field
  where p_booking ->> field is null
  limit 1;
  if v_missing is not null then
    perform app_private.raise_validation(v_missing, 'Required');
  end if;

  if v_uid is not null then
    select * into v_profile from public.profiles where id = v_uid;
    if not found then
      raise exception using errcode = 'PT401', message = 'AUTH_REQUIRED';
    end if;
  end if;

  -- A key already used by this caller answers with its booking (after that booking's
  -- transaction committed: a concurrent twin waits here on the key's row).
  if v_key is not null then
    v_scope := app_private.booking_idempotency_scope(p_booking);
    insert into public.booking_idempotency_keys (scope, key, request_hash)
    values (v_scope, v_key, coalesce(v_request_hash, ''))
    on conflict do nothing;
    if not found then
      select * into v_existing from public.booking_idempotency_keys where scope = v_scope and key = v_key;
      if v_existing.request_hash <> coalesce(v_request_hash, '') then
        raise exception using errcode = 'PT422', message = 'IDEMPOTENCY_KEY_REUSED';
      end if;
      select * into v_booking from public.bookings where id = v_existing.booking_id;
      return app_private.created_booking_json(v_booking, true, v_in_vip_session);
    end if;
  end if;

  perform app_private.assert_bookable_time(v_start, v_end, v_duration);
  -- After the replay above: a retry of a booking made in time still answers with it.
  perform app_private.assert_bookable_window(v_start, v_uid is not null);

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
    if v_uid is null then
      raise exception using errcode = 'PT401', message = 'AUTH_REQUIRED',
        detail = '{"reason": "Sign in to book with a package"}';
    end if;
    -- The row lock serialises concurrent bookings on one package; the CHECK is the last word.
    select * into v_package from public.packages pk
    where pk.id = v_package_id and pk.customer_id = v_profile.customer_id
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
      insert into public.bookings (reference, bay_id, starts_at, ends_at, duration_hours, number_of_people,
                                   profile_id, customer_id, customer_name, customer_email, customer_phone,
                                   notes, price_thb, package_id, locale, vip_code_id)
      values ('BK' || to_char(v_date, 'YYMMDD') || app_private.random_reference_part(),
              v_bay.id, v_start at time zone v_tz, v_end at time zone v_tz, v_duration, v_people,
              v_uid, v_profile.customer_id, p_booking ->> 'customerName', lower(v_email), p_booking ->> 'customerPhone',
              nullif(btrim(p_booking ->> 'specialRequests'), ''), case when v_package_id is null then v_price else 0 end,
              v_package_id, coalesce(p_booking ->> 'locale', 'en'), v_code_id)
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

  v_notice := app_private.booking_notice(v_booking.id);
  insert into public.outbox_jobs (kind, dedupe_key, booking_id, payload)
  select kind, kind || ':' || v_booking.id, v_booking.id, v_notice
  from unnest(array['booking_confirmation_email', 'staff_line_message', 'calendar_event_create']) as kind;

  if v_key is not null then
    update public.booking_idempotency_keys set booking_id = v_booking.id where scope = v_scope and key = v_key;
  end if;

  return app_private.created_booking_json(v_booking, false, v_in_vip_session);
end
$$;
comment on function public.create_booking(jsonb) is
  'Books a bay for a member or guest, in a concierge VIP session or not: bay choice, price, capacity, package hours, attribution, booking and outbox jobs in one transaction.';

revoke execute on function app_private.booking_idempotency_scope(jsonb) from public;
revoke execute on function public.booking_request_scope(jsonb) from public;
grant execute on function public.booking_request_scope(jsonb) to anon, authenticated, service_role;
