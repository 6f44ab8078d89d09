-- A booking made in a concierge's VIP session is attributed to the code (and so to the
-- concierge and hotel), in the booking's own transaction.

alter table public.bookings add column vip_code_id bigint references public.vip_codes (id);
comment on column public.bookings.vip_code_id is 'The concierge VIP code whose session the booking was made in, if any.';
create index bookings_vip_code_idx on public.bookings (vip_code_id) where vip_code_id is not null;

-- The code of a live session (unexpired, unrevoked, its code still active), or null.
create function app_private.live_vip_code(p_token_hash text) returns bigint
  language sql stable
  set search_path = ''
  as $$
  select s.vip_code_id
  from public.vip_sessions s
  join public.vip_codes v on v.id = s.vip_code_id
  where s.token_hash = p_token_hash and s.expires_at > now() and s.revoked_at is null and v.active
$$;

-- POST /api/bookings/create with a VIP session: create_booking, attributed to the session's
-- code. A session that has lapsed does not stop the booking; it is then simply not attributed.
create function public.create_vip_booking(
  p_vip_token_hash text,
  p_date date,
  p_start_time time,
  p_duration_hours numeric,
  p_people integer,
  p_customer_name text,
  p_customer_email text,
  p_customer_phone text,
  p_bay text default null,
  p_special_requests text default null,
  p_package_id uuid default null,
  p_locale text default 'en',
  p_idempotency_key text default null,
  p_request_hash text default null
) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  as $$
declare
  v_code_id bigint := app_private.live_vip_code(p_vip_token_hash);
  v_result jsonb;
  v_booking_id uuid;
begin
  v_result := public.create_booking(p_date, p_start_time, p_duration_hours, p_people, p_customer_name,
    p_customer_email, p_customer_phone, p_bay, p_special_requests, p_package_id, p_locale,
    p_idempotency_key, p_request_hash);
  v_booking_id := (v_result ->> 'bookingId')::uuid;
  if v_code_id is not null and not (v_result ->> 'replayed')::boolean then
    update public.bookings set vip_code_id = v_code_id where id = v_booking_id;
  end if;
  return v_result || jsonb_build_object('vipCode', (
    select v.code from public.bookings b join public.vip_codes v on v.id = b.vip_code_id where b.id = v_booking_id));
end
$$;
comment on function public.create_vip_booking(text, date, time, numeric, integer, text, text, text, text, text, uuid, text, text, text) is
  'create_booking in a concierge VIP session: the booking is attributed to the session''s code.';
revoke execute on function public.create_vip_booking(text, date, time, numeric, integer, text, text, text, text, text, uuid, text, text, text) from public;
grant execute on function public.create_vip_booking(text, date, time, numeric, integer, text, text, text, text, text, uuid, text, text, text)
  to anon, authenticated, service_role;
