-- Sign-in (each identity its own profile, found again only by the provider's account id, never
-- by an email or phone somebody typed), who is staff, the VIP profile and status, and linking
-- a profile to the venue's customer record by phone with proof (a verified email or a code).

-- ======================================================================================
-- Sign-in (NextAuth providers; called as service_role)
-- ======================================================================================

-- A guest sign-in: always a new profile.
create function public.create_guest_profile(p_name text, p_email text, p_phone text) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_id uuid;
begin
  insert into public.profiles (provider, provider_account_id, display_name, email, phone)
  values ('guest', null, p_name, lower(p_email), p_phone)
  returning id into v_id;
  return jsonb_build_object('profileId', v_id);
exception when check_violation then
  raise exception using errcode = 'PT400', message = 'VALIDATION_ERROR',
    detail = jsonb_build_object('fields', jsonb_build_object('profile', 'Name, email or phone is not valid'))::text;
end
$$;
comment on function public.create_guest_profile(text, text, text) is 'Creates the profile of a guest sign-in (name, email, phone).';

-- An OAuth sign-in (Google, Facebook, LINE): the profile of that provider account,
-- created on first sign-in. Name and picture follow the provider; email only fills a gap.
-- The email is marked verified (the provider vouches for it) while it is the provider's.
create function public.upsert_oauth_profile(
  p_provider text, p_provider_account_id text, p_name text, p_email text, p_picture_url text
) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_id uuid;
  v_email text := case when p_email ~ '^[^@\s]+@[^@\s]+$' then lower(p_email) end;
begin
  if p_provider not in ('google', 'facebook', 'line') or coalesce(p_provider_account_id, '') = '' then
    raise exception using errcode = 'PT400', message = 'VALIDATION_ERROR',
      detail = jsonb_build_object('fields', jsonb_build_object('provider', 'Unknown provider account'))::text;
  end if;
  insert into public.profiles as p (provider, provider_account_id, display_name, email, email_verified, picture_url)
  values (p_provider, p_provider_account_id, left(p_name, 120), v_email, v_email is not null,
          case when p_picture_url ~ '^https?://' then p_picture_url end)
  on conflict (provider, provider_account_id) do update
    set display_name = coalesce(p.display_name, excluded.display_name),
        email = coalesce(p.email, excluded.email),
        -- Verified when the email on file is the one the provider vouches for now.
        email_verified = coalesce(p.email, excluded.email) = excluded.email,
        picture_url = coalesce(excluded.picture_url, p.picture_url)
  returning p.id into v_id;
  return jsonb_build_object('profileId', v_id);
end
$$;
comment on function public.upsert_oauth_profile(text, text, text, text, text) is
  'Finds or creates the profile of an OAuth account, keyed by provider and provider account id only.';

-- ======================================================================================
-- The calling member (staff accounts: 69_functions_staff.sql)
-- ======================================================================================

-- The calling member's profile; 401 AUTH_REQUIRED when the token names no profile.
create function app_private.calling_profile() returns public.profiles
  language plpgsql stable
  set search_path = ''
  as $$
declare
  v_profile public.profiles;
begin
  select * into v_profile from public.profiles where id = auth.uid();
  if not found then
    raise exception using errcode = 'PT401', message = 'AUTH_REQUIRED';
  end if;
  return v_profile;
end
$$;

-- ======================================================================================
-- VIP status and profile (GET /api/vip/status, GET|PUT /api/vip/profile)
-- ======================================================================================

-- GET /api/vip/status. security definer because a pending verification lives in a table
-- members cannot read; it only ever looks at the caller's own rows.
--   linked_matched                 the profile is linked to a customer record;
--   linked_unmatched               a link to a customer record was asked for and awaits its code;
--   vip_data_exists_crm_unmatched  not linked, but the member has bookings of their own;
--   not_linked                     none of these.
create function public.get_vip_status() returns jsonb
  language sql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
  select jsonb_build_object(
    'status', case
      when p.customer_id is not null then 'linked_matched'
      when exists (select 1 from public.vip_link_codes c
                   where c.profile_id = p.id and c.consumed_at is null and c.expires_at > now()
                     and c.attempts < c.max_attempts) then 'linked_unmatched'
      when exists (select 1 from public.bookings b where b.profile_id = p.id) then 'vip_data_exists_crm_unmatched'
      else 'not_linked'
    end,
    'crmCustomerId', p.customer_id
  )
  from (select null) as one
  left join public.profiles p on p.id = (select auth.uid())
$$;
comment on function public.get_vip_status() is 'Link status of the calling member''s profile (RLS-scoped).';

-- GET /api/vip/profile. Runs as the caller (RLS: their profile and linked customer only).
create function public.get_vip_profile() returns jsonb
  language sql stable
  set search_path = ''
  set jit = off
  as $$
  select jsonb_build_object(
    'id', p.id,
    'name', p.display_name,
    'email', p.email,
    'phoneNumber', coalesce(c.phone, p.phone),
    'pictureUrl', p.picture_url,
    'marketingPreference', p.marketing_preference,
    'customerStatus', case when p.customer_id is not null then 'linked' else 'not_linked' end,
    'customerCode', c.customer_code,
    'vipTier', null,
    'dataSource', 'new_customer_system'
  )
  from public.profiles p
  left join public.customers c on c.id = p.customer_id
  where p.id = (select auth.uid())
$$;

-- PUT /api/vip/profile: the caller's display name, email and marketing preference. A
-- changed email is no longer verified. A changed marketing preference is recorded in
-- public.marketing_consents in the same transaction. Answers the fields that actually changed.
create function public.update_vip_profile(p_display_name text default null, p_email text default null, p_marketing_preference boolean default null)
  returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_profile public.profiles := app_private.calling_profile();
  v_email text := lower(btrim(p_email));
  v_name text := btrim(p_display_name);
  v_fields text[] := '{}';
begin
  if p_display_name is not null and v_name is distinct from v_profile.display_name then
    v_fields := v_fields || 'name'::text;
  end if;
  if p_email is not null and v_email is distinct from v_profile.email then
    v_fields := v_fields || 'email'::text;
  end if;
  if p_marketing_preference is not null and p_marketing_preference is distinct from v_profile.marketing_preference then
    v_fields := v_fields || 'marketing_preference'::text;
  end if;
  if cardinality(v_fields) > 0 then
    update public.profiles
    set display_name = case when 'name' = any (v_fields) then v_name else display_name end,
        email = case when 'email' = any (v_fields) then v_email else email end,
        email_verified = case when 'email' = any (v_fields) then false else email_verified end,
        marketing_preference = case when 'marketing_preference' = any (v_fields) then p_marketing_preference else marketing_preference end
    where id = v_profile.id;
  end if;
  if 'marketing_preference' = any (v_fields) then
    insert into public.marketing_consents (profile_id, granted, source) values (v_profile.id, p_marketing_preference, 'vip_profile');
  end if;
  return jsonb_build_object(
    'success', true,
    'message', case when cardinality(v_fields) = 0 then 'Nothing to update: the profile already has these values'
                    else 'Successfully updated: ' || array_to_string(v_fields, ', ') end,
    'updatedFields', to_jsonb(v_fields)
  );
exception when check_violation then
  perform app_private.raise_validation('body', 'Name or email is not valid');
end
$$;

-- ======================================================================================
-- Linking to the customer record (POST /api/vip/link-account)
-- ======================================================================================

-- The hash of a code, bound to its row so equal codes never share a hash.
create function app_private.link_code_hash(p_code_id uuid, p_code text) returns text
  language sql immutable
  set search_path = ''
  as $$
  select encode(extensions.digest(p_code_id::text || ':' || p_code, 'sha256'), 'hex')
$$;

-- j***@g***.com: enough for the owner to recognise their address, little for anyone else.
create function app_private.masked_email(p_email text) returns text
  language sql immutable
  set search_path = ''
  as $$
    select left(split_part(p_email, '@', 1), 1) || '***@'
        || left(split_part(p_email, '@', 2), 1) || '***'
        || coalesce(substring(split_part(p_email, '@', 2) from '(\.[^.]+)$'), '')
  $$;

-- POST /api/vip/link-account. p_phone arrives as E.164. A member already linked is answered
-- before any phone lookup (so nobody learns whether a number is a customer's). Links at once
-- when the caller's verified email is the customer record's email; otherwise emails a 6-digit
-- code to the record's email (through the outbox, destination masked as j***@g***.com) and
-- links when the same call carries that code. Wrong codes are answered, not raised, so that
-- the attempt counted stays counted. Its 429 carries the spec's limit, remaining, resetTime.
create function public.link_vip_account(p_phone text, p_code text default null) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_profile public.profiles := app_private.calling_profile();
  v_customer public.customers;
  v_code public.vip_link_codes;
  v_plain text;
  v_linked_elsewhere boolean;
  v_limit integer;
  v_reset_at timestamptz;
begin
  -- A member already linked learns nothing about other phone numbers: answered before any lookup.
  if v_profile.customer_id is not null then
    if exists (select 1 from public.customers c where c.id = v_profile.customer_id and c.phone = p_phone) then
      return jsonb_build_object('outcome', 'linked', 'crmCustomerId', v_profile.customer_id);
    end if;
    raise exception using errcode = 'PT409', message = 'PROFILE_ALREADY_LINKED';
  end if;

  -- Several records can share a phone: the one with the caller's verified email, else the oldest.
  select * into v_customer from public.customers c
  where c.phone = p_phone
  order by (v_profile.email_verified and lower(c.email) = v_profile.email) desc, c.created_at, c.id
  limit 1
  for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'CUSTOMER_NOT_FOUND';
  end if;

  select exists (select 1 from public.profiles p where p.customer_id = v_customer.id and p.id <> v_profile.id) into v_linked_elsewhere;
  if v_linked_elsewhere then
    raise exception using errcode = 'PT409', message = 'CUSTOMER_ALREADY_LINKED';
  end if;

  if v_profile.email_verified and v_customer.email is not null and lower(v_customer.email) = v_profile.email then
    update public.profiles set customer_id = v_customer.id where id = v_profile.id;
    return jsonb_build_object('outcome', 'linked', 'crmCustomerId', v_customer.id);
  end if;

  if p_code is not null then
    select * into v_code from public.vip_link_codes c
    where c.profile_id = v_profile.id and c.customer_id = v_customer.id and c.consumed_at is null
    order by c.created_at desc
    limit 1
    for update;
    if not found or v_code.expires_at <= now() or v_code.attempts >= v_code.max_attempts then
      return jsonb_build_object('outcome', 'code_invalid', 'reason', 'No valid code: ask for a new one');
    end if;
    update public.vip_link_codes set attempts = attempts + 1 where id = v_code.id;
    if v_code.code_hash <> app_private.link_code_hash(v_code.id, p_code) then
      return jsonb_build_object('outcome', 'code_invalid', 'reason', 'The code is wrong',
        'attemptsLeft', v_code.max_attempts - v_code.attempts - 1);
    end if;
    update public.vip_link_codes set consumed_at = now() where id = v_code.id;
    update public.profiles set customer_id = v_customer.id where id = v_profile.id;
    return jsonb_build_object('outcome', 'linked', 'crmCustomerId', v_customer.id);
  end if;

  if v_customer.email is null then
    raise exception using errcode = 'PT409', message = 'LINK_VERIFICATION_UNAVAILABLE';
  end if;
  -- At most one code a minute per member and five an hour per customer record: nobody
  -- floods a customer's inbox, and nobody collects codes to guess against.
  -- The 429 carries the spec's details (limit, remaining, resetTime) of whichever limit was hit.
  select 1, max(c.created_at) + interval '1 minute' into v_limit, v_reset_at
  from public.vip_link_codes c where c.profile_id = v_profile.id and c.created_at > now() - interval '1 minute'
  having count(*) > 0;
  if v_limit is null then
    select 5, min(c.created_at) + interval '1 hour' into v_limit, v_reset_at
    from public.vip_link_codes c where c.customer_id = v_customer.id and c.created_at > now() - interval '1 hour'
    having count(*) >= 5;
  end if;
  if v_limit is not null then
    raise exception using errcode = 'PT429', message = 'RATE_LIMIT_EXCEEDED',
      detail = jsonb_build_object('limit', v_limit, 'remaining', 0,
        'resetTime', to_char(v_reset_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'reason', 'A code was sent recently; use it or wait before asking again')::text;
  end if;
  -- Earlier codes of this member for this record stop working.
  update public.vip_link_codes set consumed_at = now()
  where profile_id = v_profile.id and customer_id = v_customer.id and consumed_at is null;
  v_plain := lpad(((('x' || encode(extensions.gen_random_bytes(4), 'hex'))::bit(32)::bigint) % 1000000)::text, 6, '0');
  insert into public.vip_link_codes (profile_id, customer_id, code_hash, expires_at)
  values (v_profile.id, v_customer.id, '', now() + interval '10 minutes')
  returning * into v_code;
  update public.vip_link_codes set code_hash = app_private.link_code_hash(v_code.id, v_plain) where id = v_code.id;
  insert into public.outbox_jobs (kind, dedupe_key, payload)
  values ('vip_link_code_email', 'vip_link_code_email:' || v_code.id, jsonb_build_object(
    'codeId', v_code.id,
    'code', v_plain,
    'customerName', v_customer.name,
    'customerEmail', v_customer.email,
    'expiresAt', v_code.expires_at,
    'locale', 'en'));
  return jsonb_build_object('outcome', 'verification_required',
    'destination', app_private.masked_email(v_customer.email),
    'expiresAt', to_char(v_code.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
end
$$;
comment on function public.link_vip_account(text, text) is
  'Links the caller''s profile to the customer record with that phone, after proof (verified email or one-time code).';

-- ======================================================================================
-- Who may call these. PostgreSQL lets PUBLIC execute a new function: the revokes take that
-- back, and each grant names the roles that may call it (PostgREST serves only `public`).
-- ======================================================================================

revoke execute on function public.create_guest_profile(text, text, text) from public;
revoke execute on function public.upsert_oauth_profile(text, text, text, text, text) from public;
revoke execute on function app_private.calling_profile() from public;
revoke execute on function public.get_vip_status() from public;
revoke execute on function public.get_vip_profile() from public;
revoke execute on function public.update_vip_profile(text, text, boolean) from public;
revoke execute on function app_private.link_code_hash(uuid, text) from public;
revoke execute on function app_private.masked_email(text) from public;
revoke execute on function public.link_vip_account(text, text) from public;
grant execute on function public.create_guest_profile(text, text, text) to service_role;
grant execute on function public.upsert_oauth_profile(text, text, text, text, text) to service_role;
grant execute on function public.get_vip_status() to authenticated;
grant execute on function public.get_vip_profile() to authenticated;
grant execute on function public.update_vip_profile(text, text, boolean) to authenticated;
grant execute on function public.link_vip_account(text, text) to authenticated;
