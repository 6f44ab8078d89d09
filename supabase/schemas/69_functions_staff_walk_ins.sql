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
-- reading of q) or contains p_digits (q's digits without the trunk 0, at least 4; the app reads
-- both, lib/contact/phone.ts), whose name starts with or contains q (any case), whose email is
-- q, or who made the booking with reference q. Exact matches first, then name prefixes.
create function public.staff_find_customers(p_query text, p_phone text, p_digits text, p_limit integer) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_query text := lower(btrim(coalesce(p_query, '')));
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
         or (length(p_digits) >= 4 and position(p_digits in c.phone) > 0)
         or position(v_query in lower(c.name)) > 0
         or lower(c.email) = v_query
         or r.customer_id is not null
      order by rank, lower(c.name), c.id
      limit greatest(1, least(coalesce(p_limit, 10), 25))
    ) m), '[]'::jsonb));
end
$$;
comment on function public.staff_find_customers(text, text, text, integer) is
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
revoke execute on function public.staff_find_customers(text, text, text, integer) from public;
revoke execute on function public.staff_create_customer(jsonb) from public;
revoke execute on function public.staff_create_booking(jsonb) from public;
grant execute on function public.staff_find_customers(text, text, text, integer) to authenticated;
grant execute on function public.staff_create_customer(jsonb) to authenticated;
grant execute on function public.staff_create_booking(jsonb) to authenticated;
