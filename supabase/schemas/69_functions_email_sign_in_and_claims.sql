-- Signing in by an emailed one-time code (called as service_role by the app: the request
-- route and the NextAuth `email-code` provider), and a member claiming the guest bookings
-- made with the email their session verified (called as the member).

-- ======================================================================================
-- Sign-in by emailed code
-- ======================================================================================

-- POST /api/auth/email-code: a new 6-digit code for the address, emailed through the outbox
-- (the job is the only place the code exists). Every well-formed address gets one, whether or
-- not anyone ever signed in with it, so the answer tells nothing; the rate limits are the
-- app's (per client address and per email). The address's earlier codes stop working.
create function public.request_email_sign_in_code(p_email text, p_locale text) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_email text := lower(trim(p_email));
  v_code public.email_sign_in_codes;
  v_plain text;
begin
  if v_email is null or v_email !~ '^[^@\s]+@[^@\s]+$' or length(v_email) > 200 then
    perform app_private.raise_validation('email', 'Enter a valid email address');
  end if;
  if p_locale is null or p_locale not in ('en', 'th') then
    perform app_private.raise_validation('locale', 'Locale must be en or th');
  end if;
  update public.email_sign_in_codes set consumed_at = now() where email = v_email and consumed_at is null;
  v_plain := lpad(((('x' || encode(extensions.gen_random_bytes(4), 'hex'))::bit(32)::bigint) % 1000000)::text, 6, '0');
  insert into public.email_sign_in_codes (email, code_hash, expires_at)
  values (v_email, '', now() + interval '10 minutes')
  returning * into v_code;
  update public.email_sign_in_codes set code_hash = app_private.link_code_hash(v_code.id, v_plain) where id = v_code.id;
  insert into public.outbox_jobs (kind, dedupe_key, payload)
  values ('email_sign_in_code_email', 'email_sign_in_code_email:' || v_code.id, jsonb_build_object(
    'codeId', v_code.id,
    'code', v_plain,
    'email', v_email,
    'expiresAt', v_code.expires_at,
    'locale', p_locale));
  return jsonb_build_object('expiresAt', to_char(v_code.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
end
$$;
comment on function public.request_email_sign_in_code(text, text) is
  'Emails a one-time sign-in code to an address (through the outbox); earlier codes of the address stop working.';

-- The NextAuth `email-code` provider: signs in with the address's newest code, once. A wrong
-- code is answered, not raised, so the attempt counted stays counted; the code dies after
-- max_attempts wrong tries, at expires_at, or when used. The row lock makes two verifies of one
-- code take turns: the second finds it consumed. The profile of the address (provider 'email',
-- its account id the address) is created on first sign-in, its email verified.
create function public.verify_email_sign_in_code(p_email text, p_code text) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_email text := lower(trim(p_email));
  v_code public.email_sign_in_codes;
  v_profile_id uuid;
begin
  select * into v_code from public.email_sign_in_codes c
  where c.email = v_email and c.consumed_at is null
  order by c.created_at desc
  limit 1
  for update;
  if not found or v_code.expires_at <= now() or v_code.attempts >= v_code.max_attempts then
    return jsonb_build_object('outcome', 'code_invalid', 'reason', 'No valid code: ask for a new one');
  end if;
  update public.email_sign_in_codes set attempts = attempts + 1 where id = v_code.id;
  if p_code is null or v_code.code_hash <> app_private.link_code_hash(v_code.id, p_code) then
    return jsonb_build_object('outcome', 'code_invalid', 'reason', 'The code is wrong',
      'attemptsLeft', v_code.max_attempts - v_code.attempts - 1);
  end if;
  update public.email_sign_in_codes set consumed_at = now() where id = v_code.id;
  insert into public.profiles as p (provider, provider_account_id, email, email_verified)
  values ('email', v_email, v_email, true)
  on conflict (provider, provider_account_id) do update set email_verified = true
  returning p.id into v_profile_id;
  return jsonb_build_object('outcome', 'signed_in', 'profileId', v_profile_id, 'email', v_email);
end
$$;
comment on function public.verify_email_sign_in_code(text, text) is
  'Signs in with an emailed one-time code (once, within its expiry and attempts): the profile of the verified address.';

-- ======================================================================================
-- Guest bookings of the verified email (GET /api/vip/guest-bookings, POST .../{id}/claim)
-- ======================================================================================

-- The email the caller's session proved: the app sets the `verified_email` claim only for a
-- session whose sign-in verified the address (an emailed code, or an OAuth provider that
-- vouches for it; lib/db/caller.ts); a guest sign-in's typed email never sets it.
create function app_private.caller_verified_email() returns text
  language sql stable
  set search_path = ''
  as $$
  select lower(nullif(trim((select auth.jwt()) ->> 'verified_email'), ''))
$$;

-- Whether a member with verified email p_email may claim a booking: made as a guest (no
-- profile, or a guest sign-in's profile) with that email as its contact email or its guest
-- profile's email, not theirs already, and not under a customer record another profile holds.
create function app_private.guest_booking_claimable(p_booking public.bookings, p_profile public.profiles, p_email text) returns boolean
  language sql stable
  set search_path = ''
  as $$
  select p_email is not null
     and not app_private.member_owns_booking(p_booking, p_profile)
     and (p_booking.profile_id is null
          or exists (select 1 from public.profiles g where g.id = p_booking.profile_id and g.provider = 'guest'))
     and (lower(p_booking.customer_email) = p_email
          or exists (select 1 from public.profiles g
                     where g.id = p_booking.profile_id and g.provider = 'guest' and g.email = p_email))
     and not exists (select 1 from public.profiles o
                     where o.customer_id = p_booking.customer_id and o.id <> p_profile.id)
$$;

-- GET /api/vip/guest-bookings: the bookings the caller could claim, newest first (at most 50),
-- and the verified email they were found by; none without a verified email. Security definer:
-- these bookings are not the caller's yet, so row level security would hide them.
create function public.get_claimable_guest_bookings() returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_profile public.profiles := app_private.calling_profile();
  v_email text := app_private.caller_verified_email();
begin
  if v_email is null then
    return jsonb_build_object('verifiedEmail', null, 'bookings', '[]'::jsonb);
  end if;
  return jsonb_build_object('verifiedEmail', v_email, 'bookings', coalesce((
    select jsonb_agg(app_private.vip_booking_json(found.b, coalesce(bay.name, 'Closed bay')) order by (found.b).starts_at desc, (found.b).id)
    from (
      select b
      from public.bookings b
      where (lower(b.customer_email) = v_email
             or b.profile_id in (select g.id from public.profiles g where g.provider = 'guest' and g.email = v_email))
        and app_private.guest_booking_claimable(b, v_profile, v_email)
      order by b.starts_at desc, b.id
      limit 50
    ) found
    left join public.bays bay on bay.id = (found.b).bay_id
  ), '[]'::jsonb));
end
$$;
comment on function public.get_claimable_guest_bookings() is
  'Guest bookings made with the caller''s verified email that they may claim (none without one).';

-- POST /api/vip/guest-bookings/{id}/claim: moves one claimable booking under the caller's
-- profile (and their customer record, when linked), audited in booking_claims. 403
-- EMAIL_NOT_VERIFIED without a verified email; 404 for a booking that is not claimable by
-- this caller (unknown, another email, another member's); a booking already theirs is
-- answered as it is.
create function public.claim_guest_booking(p_booking_id uuid) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_profile public.profiles := app_private.calling_profile();
  v_email text := app_private.caller_verified_email();
  v_booking public.bookings;
  v_owned boolean;
begin
  if v_email is null then
    raise exception using errcode = 'PT403', message = 'EMAIL_NOT_VERIFIED';
  end if;
  select * into v_booking from public.bookings where id = p_booking_id for update;
  v_owned := found and app_private.member_owns_booking(v_booking, v_profile);
  if not found or not (v_owned or app_private.guest_booking_claimable(v_booking, v_profile, v_email)) then
    raise exception using errcode = 'PT404', message = 'BOOKING_NOT_FOUND',
      detail = jsonb_build_object('bookingId', p_booking_id)::text;
  end if;
  if not v_owned then
    insert into public.booking_claims (booking_id, profile_id, verified_email, previous_profile_id, previous_customer_id, customer_id)
    values (v_booking.id, v_profile.id, v_email, v_booking.profile_id, v_booking.customer_id,
            coalesce(v_profile.customer_id, v_booking.customer_id));
    update public.bookings
    set profile_id = v_profile.id, customer_id = coalesce(v_profile.customer_id, v_booking.customer_id)
    where id = v_booking.id
    returning * into v_booking;
  end if;
  return jsonb_build_object('claimed', not v_owned, 'booking', app_private.vip_booking_json(v_booking,
    coalesce((select bay.name from public.bays bay where bay.id = v_booking.bay_id), 'Closed bay')));
end
$$;
comment on function public.claim_guest_booking(uuid) is
  'Moves a guest booking made with the caller''s verified email into their account (audited in booking_claims).';

-- ======================================================================================
-- Who may call these. PostgreSQL lets PUBLIC execute a new function: the revokes take that
-- back, and each grant names the roles that may call it (PostgREST serves only `public`).
-- ======================================================================================

revoke execute on function public.request_email_sign_in_code(text, text) from public;
revoke execute on function public.verify_email_sign_in_code(text, text) from public;
revoke execute on function app_private.caller_verified_email() from public;
revoke execute on function app_private.guest_booking_claimable(public.bookings, public.profiles, text) from public;
revoke execute on function public.get_claimable_guest_bookings() from public;
revoke execute on function public.claim_guest_booking(uuid) from public;
grant execute on function public.request_email_sign_in_code(text, text) to service_role;
grant execute on function public.verify_email_sign_in_code(text, text) to service_role;
grant execute on function public.get_claimable_guest_bookings() to authenticated;
grant execute on function public.claim_guest_booking(uuid) to authenticated;
