-- Creating a booking: one function decides everything (bay, price, capacity, package hours)
-- and writes the booking and its outbox jobs in one transaction. The notice of a booking is
-- the payload its side effects (emails, LINE, calendar) are performed from.

-- ======================================================================================
-- Rules and errors of a booking request
-- ======================================================================================

-- 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L): about 40 bits,
-- from the cryptographic generator.
create function app_private.random_reference_part() returns text
  language plpgsql volatile
  set search_path = ''
  as $$
begin
  return (
  select string_agg(substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', (get_byte(b.bytes, i) % 31) + 1, 1), '' order by i)
  from (select extensions.gen_random_bytes(8) as bytes) b, generate_series(0, 7) as i
  );
end
$$;

-- Raises the 409 a client gets when the slot is taken, with start times that still fit.
create function app_private.raise_slot_unavailable(
  p_date date, p_start_time time, p_duration_hours numeric, p_bay text, p_people integer
) returns void
  language plpgsql volatile
  set search_path = ''
  as $$
declare
  v_check jsonb := public.check_availability(p_date, p_start_time, p_duration_hours, p_bay, p_people);
begin
  raise exception using errcode = 'PT409', message = 'SLOT_UNAVAILABLE',
    detail = jsonb_build_object(
      'date', to_char(p_date, 'YYYY-MM-DD'),
      'startTime', to_char(p_start_time, 'HH24:MI'),
      'bay', p_bay,
      'alternativeTimes', v_check -> 'alternativeTimes'
    )::text;
end
$$;

-- Refuses a time that cannot be booked: a duration off the half-hour grid, a start that
-- has passed (venue time), or a booking that does not fit the day's opening hours.
-- p_started_ok (the front desk's walk-ins): a slot that has started but not ended is fine.
create function app_private.assert_bookable_time(p_start timestamp, p_end timestamp, p_duration_hours numeric, p_started_ok boolean default false) returns void
  language plpgsql stable
  set search_path = ''
  as $$
begin
  if p_duration_hours is null or p_duration_hours <= 0 or p_duration_hours * 2 <> floor(p_duration_hours * 2) then
    perform app_private.raise_validation('duration', 'Duration must be positive, in half-hour steps');
  end if;
  if p_start <= app_private.venue_now() and not p_started_ok then
    perform app_private.raise_validation('startTime', 'Start time must be in the future');
  end if;
  if p_end <= app_private.venue_now() then
    perform app_private.raise_validation('startTime', 'This time is over');
  end if;
  if not app_private.within_opening_hours(p_start, p_end) then
    perform app_private.raise_validation('startTime', 'The venue is not open for the whole booking');
  end if;
end
$$;

-- Whole-baht price of a bay for [p_start, p_end) (venue-local): each half hour costs half
-- its hourly rate. Refuses a time no price rule covers.
create function app_private.booking_price(p_bay_id uuid, p_start timestamp, p_end timestamp) returns integer
  language plpgsql stable
  set search_path = ''
  as $$
declare
  v_price integer;
  v_priced boolean;
begin
  select sum(app_private.hourly_price(p_bay_id, t)) / 2, bool_and(app_private.hourly_price(p_bay_id, t) is not null)
  into v_price, v_priced
  from generate_series(p_start, p_end - interval '30 minutes', interval '30 minutes') as t;
  if not v_priced then
    perform app_private.raise_validation('startTime', 'No price is set for this time');
  end if;
  return v_price;
end
$$;

-- ======================================================================================
-- The notice of a booking (outbox payloads)
-- ======================================================================================

-- Everything a side effect of a booking needs (the payload of its outbox jobs), with the
-- bay's and the package's own Thai names for a customer who reads Thai.
create function app_private.booking_notice(p_booking_id uuid) returns jsonb
  language plpgsql stable
  set search_path = ''
  as $$
begin
  return (
  select jsonb_build_object(
    'bookingId', b.id,
    'reference', b.reference,
    'bay', bay.name,
    'bayTh', bay.name_th,
    'bayCalendarId', bay.calendar_id,
    'date', to_char(b.starts_at at time zone app_private.venue_timezone(), 'YYYY-MM-DD'),
    'startTime', to_char(b.starts_at at time zone app_private.venue_timezone(), 'HH24:MI'),
    'endTime', to_char(b.ends_at at time zone app_private.venue_timezone(), 'HH24:MI'),
    'startsAt', b.starts_at,
    'endsAt', b.ends_at,
    'durationHours', b.duration_hours,
    'numberOfPeople', b.number_of_people,
    'customerName', b.customer_name,
    -- '' for a walk-in who gave none (no email job is queued for it).
    'customerEmail', coalesce(b.customer_email, ''),
    'customerPhone', b.customer_phone,
    'specialRequests', b.notes,
    'priceThb', b.price_thb,
    'packageName', pk.package_name,
    'packageNameTh', pk.package_name_th,
    'locale', b.locale
  )
  from public.bookings b
  join public.bays bay on bay.id = b.bay_id
  left join public.packages pk on pk.id = b.package_id
  where b.id = p_booking_id
  );
end
$$;

-- The notice of a booking's change: the booking as it is now, which change it is, and
-- what it was before (for the change email).
create function app_private.booking_change_notice(p_booking_id uuid, p_previous jsonb) returns jsonb
  language plpgsql stable
  set search_path = ''
  as $$
begin
  return (
  select app_private.booking_notice(b.id) || jsonb_build_object(
    'sequence', b.change_sequence,
    'status', b.status,
    'cancellationReason', b.cancellation_reason,
    'previous', p_previous
  )
  from public.bookings b
  where b.id = p_booking_id
  );
end
$$;

-- ======================================================================================
-- POST /api/bookings/create, as a guest, a member, or in a concierge VIP session
-- ======================================================================================

-- The code of a live session (unexpired, unrevoked, its code still active), or null.
create function app_private.live_vip_code(p_token_hash text) returns bigint
  language plpgsql stable
  set search_path = ''
  as $$
begin
  if p_token_hash is null then
    return null;
  end if;
  return (
  select s.vip_code_id
  from public.vip_sessions s
  join public.vip_codes v on v.id = s.vip_code_id
  where s.token_hash = p_token_hash and s.expires_at > now() and s.revoked_at is null and v.active
  );
end
$$;

-- What create_booking answers: the booking, whether it was a replay, and the VIP code it is
-- attributed to (asked only in a VIP session: outside one the answer names no code).
create function app_private.created_booking_json(p_booking public.bookings, p_replayed boolean, p_in_vip_session boolean)
  returns jsonb
  language plpgsql stable
  set search_path = ''
  -- A custom plan folds a null argument away, so the generic one never looked cheaper: planned on every call.
  set plan_cache_mode = force_generic_plan
  as $$
begin
  return (
  select jsonb_build_object(
    'bookingId', p_booking.id,
    'bookingReference', p_booking.reference,
    'replayed', p_replayed,
    'vipCode', case when p_in_vip_session then (select v.code from public.vip_codes v where v.id = p_booking.vip_code_id) end
  )
  );
end
$$;

-- The caller an Idempotency-Key belongs to: the member's profile id, or 'guest:' + the email.
create function app_private.booking_idempotency_scope(p_booking jsonb) returns text
  language plpgsql stable
  set search_path = ''
  as $$ begin return (select coalesce(auth.uid()::text, 'guest:' || lower(p_booking ->> 'customerEmail'))); end $$;

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

-- Takes a transaction lock on each half hour of a bay that any of p_times touches, in one order
-- (the keys', ascending), before a booking is written there. Two overlapping bookings of one bay
-- that both reached bookings_no_overlap before either committed would each wait for the other
-- (a deadlock, found only after deadlock_timeout); overlapping times share a half hour, so the
-- second writer now waits here for the first one's commit and then meets its row. Released with
-- the transaction, or with the subtransaction of a failed attempt.
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

-- The one body that books a bay, for the customers' route and the front desk alike: the
-- idempotency key, bay choice, capacity, price, package hours, the booking row (the
-- exclusion constraint has the last word) and its outbox jobs (the reminders come from the
-- bookings trigger). What differs is the caller's to say, as for app_private.move_booking:
-- p_online applies the online rules (the notice and the horizon; a start in the future; an
-- email); without them a slot that has started but not ended can still be booked. p_profile_id
-- and p_customer_id are whose booking it is (a package must be that customer's), p_source how it
-- was made (online, walk_in, phone) and p_scope whose Idempotency-Key it is.
create function app_private.create_booking(
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
comment on function app_private.create_booking(jsonb, boolean, uuid, uuid, text, text) is
  'The one body that books a bay (customers and front desk): idempotency, bay, capacity, price, package hours, booking row and outbox jobs; p_online applies the online rules.';

-- POST /api/bookings/create, as a guest (anon) or the member (authenticated), in a concierge
-- VIP session or not. p_booking is the request as lib/bookings/schemas.ts BookingRecord
-- declares it (customerPhone normalised to E.164 by the app), with the Idempotency-Key, the
-- request's hash and the VIP session token's hash. A session that has lapsed does not stop the
-- booking; it is then simply not attributed. p_manage_token_hashes (a JSON array, at most two,
-- so a direct caller cannot fill the table): a manage link of the booking is issued with each,
-- and manageLinkIssued says whether: the first for the answer (a replay's too, while its booking
-- is live), the second for the confirmation email's inline attempt (which then issues none; a
-- replay attempts nothing).
-- p_lease_seconds: a new booking's jobs are claimed for that long and answered as `jobs`, for
-- the request to attempt inline (a replay's jobs are the first request's). At most 120 s, the
-- app's lease (lib/outbox/process-outbox.ts JOB_LEASE_SECONDS): a caller of its own can hold its
-- booking's jobs no longer than a request that died after claiming them would.
create function public.create_booking(p_booking jsonb, p_manage_token_hashes jsonb default null, p_lease_seconds integer default null)
  returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_uid uuid := auth.uid();
  v_profile public.profiles;
  v_created jsonb;
  v_booking_id uuid;
  v_issued boolean := false;
  v_hash text;
  v_jobs jsonb := '[]'::jsonb;
  v_own uuid[];
begin
  if p_lease_seconds not between 1 and 120 then
    perform app_private.raise_validation('leaseSeconds', 'At most 120 seconds');
  end if;
  if jsonb_array_length(p_manage_token_hashes) > 2 then
    perform app_private.raise_validation('manageTokenHashes', 'At most two');
  end if;
  if v_uid is not null then
    select * into v_profile from public.profiles where id = v_uid;
    if not found then
      raise exception using errcode = 'PT401', message = 'AUTH_REQUIRED';
    end if;
  end if;
  v_created := app_private.create_booking(p_booking, true, v_profile.id, v_profile.customer_id, 'online',
                                          app_private.booking_idempotency_scope(p_booking));
  v_booking_id := (v_created ->> 'bookingId')::uuid;
  for v_hash in
    select h from jsonb_array_elements_text(coalesce(p_manage_token_hashes, '[]')) with ordinality as t(h, n)
    where n = 1 or not (v_created ->> 'replayed')::boolean
  loop
    v_issued := public.issue_booking_manage_token(v_booking_id, v_hash);
  end loop;
  -- The jobs this transaction just queued (due now; the reminders later), claimed as
  -- app_private.claim_due_jobs claims: nobody else can see them before the commit.
  if p_lease_seconds is not null and not (v_created ->> 'replayed')::boolean then
    -- Found by the booking's index alone (the due index, combined with it, made the plan read
    -- every due job), then updated by id.
    select array_agg(j.id) filter (where j.status = 'pending' and j.run_after <= now()) into v_own
    from public.outbox_jobs j where j.booking_id = v_booking_id;
    with claimed as (
      update public.outbox_jobs j
      set status = 'running', attempts = j.attempts + 1,
          locked_until = now() + make_interval(secs => p_lease_seconds)
      where j.id = any(v_own)
      returning j.id, j.kind, j.payload, j.attempts, j.booking_id
    )
    select coalesce(jsonb_agg(jsonb_build_object(
      'id', id, 'kind', kind, 'payload', payload, 'attempt', attempts, 'bookingId', booking_id)), '[]'::jsonb)
    into v_jobs
    from claimed;
  end if;
  -- The brand the claimed jobs' messages name the venue with, read in the booking's transaction.
  return v_created || jsonb_build_object('manageLinkIssued', v_issued, 'jobs', v_jobs,
    'brand', case when jsonb_array_length(v_jobs) > 0 then public.get_venue_brand() end);
end
$$;
comment on function public.create_booking(jsonb, jsonb, integer) is
  'Books a bay for a member or guest, in a concierge VIP session or not: bay choice, price, capacity, package hours, attribution, booking and outbox jobs in one transaction; optionally its manage links and the claim of its jobs for the inline attempt.';

-- ======================================================================================
-- What the customer was told, and one booking's notice for system callers
-- ======================================================================================

-- What the customer was told: whether the confirmation email went out, and the calendar event.
create function public.booking_delivery_status(p_booking_id uuid) returns jsonb
  language sql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
  select jsonb_build_object(
    'confirmationSent', coalesce(bool_or(j.status = 'succeeded') filter (where j.kind = 'booking_confirmation_email'), false),
    'calendarEventId', max(j.result ->> 'eventId') filter (where j.kind = 'calendar_event_create' and j.status = 'succeeded')
  )
  from public.outbox_jobs j
  where j.booking_id = p_booking_id
$$;

-- POST /api/bookings/calendar/create: the notice of one booking, for system callers.
create function public.get_booking_notice(p_booking_id uuid) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_notice jsonb := app_private.booking_notice(p_booking_id);
begin
  if v_notice is null then
    raise exception using errcode = 'PT404', message = 'BOOKING_NOT_FOUND',
      detail = jsonb_build_object('bookingId', p_booking_id)::text;
  end if;
  return v_notice;
end
$$;

-- ======================================================================================
-- Who may call these. PostgreSQL lets PUBLIC execute a new function: the revokes take that
-- back, and each grant names the roles that may call it (PostgREST serves only `public`).
-- ======================================================================================

revoke execute on function app_private.random_reference_part() from public;
revoke execute on function app_private.raise_slot_unavailable(date, time, numeric, text, integer) from public;
revoke execute on function app_private.assert_bookable_time(timestamp, timestamp, numeric, boolean) from public;
revoke execute on function app_private.lock_bay_times(uuid, tstzrange[]) from public;
revoke execute on function app_private.create_booking(jsonb, boolean, uuid, uuid, text, text) from public;
revoke execute on function app_private.booking_price(uuid, timestamp, timestamp) from public;
revoke execute on function app_private.booking_notice(uuid) from public;
revoke execute on function app_private.live_vip_code(text) from public;
revoke execute on function app_private.booking_change_notice(uuid, jsonb) from public;
revoke execute on function app_private.created_booking_json(public.bookings, boolean, boolean) from public;
revoke execute on function public.create_booking(jsonb, jsonb, integer) from public;
revoke execute on function public.booking_delivery_status(uuid) from public;
revoke execute on function public.get_booking_notice(uuid) from public;
grant execute on function public.create_booking(jsonb, jsonb, integer) to anon, authenticated, service_role;
grant execute on function public.booking_delivery_status(uuid) to service_role;
grant execute on function public.get_booking_notice(uuid) to service_role;
revoke execute on function app_private.booking_idempotency_scope(jsonb) from public;
revoke execute on function public.booking_request_scope(jsonb) from public;
grant execute on function public.booking_request_scope(jsonb) to anon, authenticated, service_role;
