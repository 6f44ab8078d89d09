-- The front desk books for customers on the phone or at the desk (issue #16). The customers'
-- create_booking body becomes app_private.create_booking, shared by both paths; what differs
-- (the online rules, whose booking it is, how it was made) is passed in, as for move_booking.

-- How a booking was made: online (the customers' route), or by the desk for a walk-in or a
-- phone call. A booking the desk made may have no email (a walk-in who gave none).
alter table public.bookings add column source text not null default 'online' check (source in ('online', 'walk_in', 'phone'));
comment on column public.bookings.source is 'online (the booking route), walk_in or phone (made by the front desk; audited in booking_staff_changes).';
alter table public.bookings alter column customer_email drop not null;
alter table public.bookings add constraint bookings_online_has_email check (customer_email is not null or source <> 'online');

-- The desk's bookings join its moves and cancellations in the trail: 'booked' has no reason
-- and no before.
alter table public.booking_staff_changes drop constraint booking_staff_changes_action_check;
alter table public.booking_staff_changes add constraint booking_staff_changes_action_check check (action in ('booked', 'moved', 'cancelled'));
alter table public.booking_staff_changes alter column reason drop not null;
alter table public.booking_staff_changes alter column before drop not null;
alter table public.booking_staff_changes add constraint booking_staff_changes_booked_shape
  check ((action = 'booked') = (before is null) and (action = 'booked' or reason is not null));
comment on table public.booking_staff_changes is
  'Append-only trail of the bookings, moves and cancellations staff made: staff account, reason, time, the booking before and after.';

drop function app_private.assert_bookable_time(timestamp, timestamp, numeric);
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
-- booking; it is then simply not attributed.
create or replace function public.create_booking(p_booking jsonb) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_uid uuid := auth.uid();
  v_profile public.profiles;
begin
  if v_uid is not null then
    select * into v_profile from public.profiles where id = v_uid;
    if not found then
      raise exception using errcode = 'PT401', message = 'AUTH_REQUIRED';
    end if;
  end if;
  return app_private.create_booking(p_booking, true, v_profile.id, v_profile.customer_id, 'online',
                                    app_private.booking_idempotency_scope(p_booking));
end
$$;

revoke execute on function app_private.assert_bookable_time(timestamp, timestamp, numeric, boolean) from public;
revoke execute on function app_private.create_booking(jsonb, boolean, uuid, uuid, text, text) from public;

-- ======================================================================================
-- The front desk books for a customer on the phone or at the desk (issue #16): find the
-- customer (phone, name, email or booking reference) or create one, then book through the
-- customers' own create function without the online rules.
-- ======================================================================================

-- A customer record as the desk's search shows it: whether a member signed in with it, and
-- the packages it can still book on (hours left, not expired).
create function app_private.desk_customer_json(p_customer public.customers) returns jsonb
  language sql stable
  set search_path = ''
  as $$
  select jsonb_build_object(
    'id', p_customer.id,
    'customerCode', p_customer.customer_code,
    'name', p_customer.name,
    'phone', p_customer.phone,
    'email', p_customer.email,
    'member', exists (select 1 from public.profiles p where p.customer_id = p_customer.id),
    'packages', coalesce((
      select jsonb_agg(jsonb_build_object('id', pk.id, 'name', pk.package_name,
                                          'remainingHours', pk.total_hours - pk.used_hours, 'expiryDate', pk.expiry_date)
                       order by pk.expiry_date nulls last, pk.id)
      from public.packages pk
      where pk.customer_id = p_customer.id and pk.total_hours > pk.used_hours
        and (pk.expiry_date is null or pk.expiry_date >= app_private.venue_now()::date)), '[]'::jsonb))
$$;
comment on function app_private.desk_customer_json(public.customers) is
  'A customer record for the front desk: code, name, phone, email, member or not, packages with hours left.';

-- GET /api/staff/customers?q=: at most p_limit customers whose phone is p_phone (the app's E.164
-- reading of q) or ends in q's digits, whose name starts with or contains q (any case), whose
-- email is q, or who made the booking with reference q. Exact matches first, then name prefixes.
create function public.staff_find_customers(p_query text, p_phone text, p_limit integer) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_query text := lower(btrim(coalesce(p_query, '')));
  -- A number typed in part or in local form (0812345678): its digits without the trunk 0.
  v_digits text := case when btrim(p_query) ~ '^[0-9 +()-]+$' then ltrim(regexp_replace(p_query, '[^0-9]', '', 'g'), '0') end;
begin
  if not app_private.caller_is_staff() then
    raise exception using errcode = 'PT403', message = 'FORBIDDEN';
  end if;
  if length(v_query) not between 2 and 120 then
    perform app_private.raise_validation('q', 'Type 2-120 characters: a phone number, a name, an email or a booking reference');
  end if;
  return jsonb_build_object('customers', coalesce((
    select jsonb_agg(app_private.desk_customer_json(m.c) order by m.rank, lower((m.c).name), (m.c).id)
    from (
      select c, case when c.phone = p_phone or lower(c.email) = v_query or r.customer_id is not null then 0
                       when starts_with(lower(c.name), v_query) then 1 else 2 end as rank
      from public.customers c
      left join public.bookings r on r.reference = upper(v_query) and r.customer_id = c.id
      where c.phone = p_phone
         or (length(v_digits) >= 4 and position(v_digits in c.phone) > 0)
         or position(v_query in lower(c.name)) > 0
         or lower(c.email) = v_query
         or r.customer_id is not null
      order by rank, lower(c.name), c.id
      limit greatest(1, least(coalesce(p_limit, 10), 25))
    ) m), '[]'::jsonb));
end
$$;
comment on function public.staff_find_customers(text, text, integer) is
  'Staff only: customers by phone, name (prefix or contains, any case), email or booking reference, exact matches first.';

-- POST /api/staff/customers: a new customer record (name, phone in E.164, optional email). A
-- phone that already has a record answers 409 CUSTOMER_EXISTS with it (the desk books that
-- one instead); two desks adding one number at once make one record.
create function public.staff_create_customer(p_customer jsonb) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_name text := btrim(coalesce(p_customer ->> 'name', ''));
  v_phone text := p_customer ->> 'phone';
  v_email text := lower(nullif(btrim(coalesce(p_customer ->> 'email', '')), ''));
  v_customer public.customers;
  v_next bigint;
begin
  if not app_private.caller_is_staff() then
    raise exception using errcode = 'PT403', message = 'FORBIDDEN';
  end if;
  if length(v_name) not between 1 and 120 then
    perform app_private.raise_validation('name', 'Enter a name (1-120 characters)');
  end if;
  if v_phone is null or v_phone !~ '^\+[1-9][0-9]{6,14}$' then
    perform app_private.raise_validation('phone', 'Enter a phone number');
  end if;
  if v_email is not null and v_email !~ '^[^@\s]+@[^@\s]+$' then
    perform app_private.raise_validation('email', 'Email is not valid');
  end if;
  -- One number, one record: the lock serialises two desks adding the same number.
  perform pg_advisory_xact_lock(hashtextextended('staff_create_customer:' || v_phone, 0));
  select * into v_customer from public.customers c where c.phone = v_phone order by c.created_at limit 1;
  if found then
    raise exception using errcode = 'PT409', message = 'CUSTOMER_EXISTS',
      detail = jsonb_build_object('customer', app_private.desk_customer_json(v_customer))::text;
  end if;
  -- Codes count up (CUS-0001, ...); the lock keeps two new records from drawing one code.
  perform pg_advisory_xact_lock(hashtextextended('staff_create_customer:code', 0));
  select coalesce(max(substring(c.customer_code from 5)::bigint), 0) + 1 into v_next from public.customers c;
  insert into public.customers (customer_code, name, phone, email)
  values ('CUS-' || lpad(v_next::text, greatest(length(v_next::text), 4), '0'), v_name, v_phone, v_email)
  returning * into v_customer;
  return jsonb_build_object('customer', app_private.desk_customer_json(v_customer));
end
$$;
comment on function public.staff_create_customer(jsonb) is
  'Staff only: adds a customer record (name, E.164 phone, optional email); a phone that has one answers 409 CUSTOMER_EXISTS with it.';

-- POST /api/staff/bookings: the desk books for a customer record (p_booking: customerId,
-- source walk_in or phone, bay, date, startTime, duration, numberOfPeople, optional packageId
-- of that customer, specialRequests, locale, idempotencyKey and requestHash) through
-- app_private.create_booking without the online rules: not bound by the notice or the
-- horizon, but never a slot that has ended. The booking carries the record's name, phone and
-- email, belongs to it (a member linked to it sees it in their VIP bookings) and is audited
-- as 'booked' in public.booking_staff_changes under the staff account. Answers { replayed, booking }.
create function public.staff_create_booking(p_booking jsonb) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_staff public.staff_members := app_private.caller_staff_member();
  v_source text := p_booking ->> 'source';
  v_customer public.customers;
  v_result jsonb;
  v_booking public.bookings;
begin
  if v_staff.id is null then
    raise exception using errcode = 'PT403', message = 'FORBIDDEN';
  end if;
  if v_source is null or v_source not in ('walk_in', 'phone') then
    perform app_private.raise_validation('source', 'walk_in or phone');
  end if;
  select * into v_customer from public.customers c where c.id = (p_booking ->> 'customerId')::uuid;
  if not found then
    raise exception using errcode = 'PT404', message = 'CUSTOMER_NOT_FOUND',
      detail = jsonb_build_object('customerId', p_booking ->> 'customerId')::text;
  end if;
  if v_customer.phone is null then
    perform app_private.raise_validation('customerId', 'The customer record has no phone number');
  end if;
  v_result := app_private.create_booking(
    (p_booking - 'vipTokenHash' - 'customerId' - 'source')
      || jsonb_build_object('customerName', v_customer.name, 'customerEmail', v_customer.email, 'customerPhone', v_customer.phone),
    false, null, v_customer.id, v_source, 'staff:' || v_staff.id);
  select * into v_booking from public.bookings b where b.id = (v_result ->> 'bookingId')::uuid;
  if not (v_result ->> 'replayed')::boolean then
    insert into public.booking_staff_changes (booking_id, action, reason, staff_member_id, staff_email, before, after)
    values (v_booking.id, 'booked', null, v_staff.id, v_staff.email, null, app_private.day_sheet_booking_json(v_booking));
  end if;
  return jsonb_build_object('replayed', (v_result ->> 'replayed')::boolean, 'booking', app_private.day_sheet_booking_json(v_booking));
end
$$;
comment on function public.staff_create_booking(jsonb) is
  'Staff only: books for a customer record (walk-in or phone) through app_private.create_booking without the online rules; audited as booked.';

revoke execute on function app_private.desk_customer_json(public.customers) from public;
revoke execute on function public.staff_find_customers(text, text, integer) from public;
revoke execute on function public.staff_create_customer(jsonb) from public;
revoke execute on function public.staff_create_booking(jsonb) from public;
grant execute on function public.staff_find_customers(text, text, integer) to authenticated;
grant execute on function public.staff_create_customer(jsonb) to authenticated;
grant execute on function public.staff_create_booking(jsonb) to authenticated;

-- The day sheet shows how a booking was made and who booked it at the desk.
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
    -- A booking of a member's customer record (made at the desk, say) is a member's too.
    'member', p_booking.profile_id is not null
              or exists (select 1 from public.profiles p where p.customer_id = p_booking.customer_id),
    'source', p_booking.source,
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
    -- Who booked, moved or cancelled it at the desk, why and when (oldest first).
    'staffChanges', coalesce((select jsonb_agg(jsonb_build_object('action', c.action, 'reason', c.reason, 'at', app_private.iso_utc_ms(c.at),
                                                                  'by', coalesce(s.display_name, c.staff_email)) order by c.id)
                              from public.booking_staff_changes c left join public.staff_members s on s.id = c.staff_member_id
                              where c.booking_id = p_booking.id), '[]'::jsonb))
$$;

-- A walk-in who gave no email: the notice says '' (its payload schema is a string), and the
-- email jobs of a change or cancellation are not queued for it.
create or replace function app_private.booking_notice(p_booking_id uuid) returns jsonb
  language sql stable
  set search_path = ''
  as $$
  select jsonb_build_object(
    'bookingId', b.id,
    'reference', b.reference,
    'bay', bay.name,
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
    'locale', b.locale
  )
  from public.bookings b
  join public.bays bay on bay.id = b.bay_id
  left join public.packages pk on pk.id = b.package_id
  where b.id = p_booking_id
$$;

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
  from unnest(array['calendar_event_update', 'booking_change_email']) as kind
  where kind not like '%email' or v_booking.customer_email is not null;

  return jsonb_build_object('changed', true, 'booking', app_private.vip_booking_json(v_booking, v_bay));
end
$$;

create or replace function app_private.cancel_booking(p_booking public.bookings, p_reason text, p_online boolean)
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
