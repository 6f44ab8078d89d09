-- The VIP profile (read and edit) and linking a profile to the venue's customer record by
-- phone number, proven by a verified email or a one-time code sent to the record's email.

-- An email an OAuth provider gave us is the provider's word that it is the person's; an
-- email typed at guest sign-in or in the profile form is not.
alter table public.profiles add column email_verified boolean not null default false;
comment on column public.profiles.email_verified is 'Whether the email came from an OAuth provider (verified there) rather than being typed.';
update public.profiles set email_verified = true where provider <> 'guest' and email is not null;

create or replace function public.upsert_oauth_profile(
  p_provider text, p_provider_account_id text, p_name text, p_email text, p_picture_url text
) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
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

-- One-time codes proving a member can read the email on a customer record. Only a hash of
-- the code is kept; the code itself exists only in the outbox job that emails it.
create table public.vip_link_codes (
  id uuid primary key default gen_random_uuid(),
  profile_id uuid not null references public.profiles (id) on delete cascade,
  customer_id uuid not null references public.customers (id) on delete cascade,
  code_hash text not null,
  expires_at timestamptz not null,
  attempts integer not null default 0 check (attempts >= 0),
  max_attempts integer not null default 5 check (max_attempts > 0),
  consumed_at timestamptz,
  created_at timestamptz not null default now()
);
comment on table public.vip_link_codes is 'One-time codes (hashed) that confirm a VIP account link to a customer record.';
create index vip_link_codes_profile_idx on public.vip_link_codes (profile_id, customer_id, created_at desc);
create index vip_link_codes_customer_idx on public.vip_link_codes (customer_id, created_at desc);
alter table public.vip_link_codes enable row level security;
alter table public.vip_link_codes force row level security;
create policy "Service role manages link codes" on public.vip_link_codes
  for all to service_role using (true) with check (true);
revoke all on public.vip_link_codes from anon, authenticated;
grant all on public.vip_link_codes to service_role;

alter table public.outbox_jobs drop constraint outbox_jobs_kind_check;
alter table public.outbox_jobs add constraint outbox_jobs_kind_check check (kind in (
  'booking_confirmation_email', 'staff_line_message', 'calendar_event_create',
  'calendar_event_update', 'calendar_event_delete', 'booking_change_email', 'booking_cancellation_email',
  'vip_link_code_email'
));

-- A code email, once delivered, forgets the code (the hash in vip_link_codes remains).
create function app_private.forget_delivered_link_code() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  if new.kind = 'vip_link_code_email' and new.status = 'succeeded' then
    new.payload := new.payload - 'code';
  end if;
  return new;
end
$$;
create trigger outbox_jobs_forget_link_code before update on public.outbox_jobs
  for each row when (new.kind = 'vip_link_code_email') execute function app_private.forget_delivered_link_code();

-- The hash of a code, bound to its row so equal codes never share a hash.
create function app_private.link_code_hash(p_code_id uuid, p_code text) returns text
  language sql immutable
  set search_path = ''
  as $$
  select encode(extensions.digest(p_code_id::text || ':' || p_code, 'sha256'), 'hex')
$$;

-- GET /api/vip/status. security definer because a pending verification lives in a table
-- members cannot read; it only ever looks at the caller's own rows.
--   linked_matched                 the profile is linked to a customer record;
--   linked_unmatched               a link to a customer record was asked for and awaits its code;
--   vip_data_exists_crm_unmatched  not linked, but the member has bookings of their own;
--   not_linked                     none of these.
create or replace function public.get_vip_status() returns jsonb
  language sql stable
  security definer
  set search_path = ''
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

-- GET /api/vip/profile. Runs as the caller (RLS: their profile and linked customer only).
create function public.get_vip_profile() returns jsonb
  language sql stable
  set search_path = ''
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
-- changed email is no longer verified. Answers the fields that actually changed.
create function public.update_vip_profile(p_display_name text default null, p_email text default null, p_marketing_preference boolean default null)
  returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
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

-- POST /api/vip/link-account. p_phone arrives as E.164. Links at once when the caller's
-- verified email is the customer record's email; otherwise emails a 6-digit code to the
-- record's email (through the outbox) and links when the same call carries that code.
-- Wrong codes are answered, not raised, so that the attempt counted stays counted.
create function public.link_vip_account(p_phone text, p_code text default null) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  as $$
declare
  v_profile public.profiles := app_private.calling_profile();
  v_customer public.customers;
  v_code public.vip_link_codes;
  v_plain text;
  v_linked_elsewhere boolean;
begin
  -- Several records can share a phone: the one with the caller's verified email, else the oldest.
  select * into v_customer from public.customers c
  where c.phone = p_phone
  order by (v_profile.email_verified and lower(c.email) = v_profile.email) desc, c.created_at, c.id
  limit 1
  for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'CUSTOMER_NOT_FOUND';
  end if;

  if v_profile.customer_id = v_customer.id then
    return jsonb_build_object('outcome', 'linked', 'crmCustomerId', v_customer.id);
  end if;
  if v_profile.customer_id is not null then
    raise exception using errcode = 'PT409', message = 'PROFILE_ALREADY_LINKED';
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
  if exists (select 1 from public.vip_link_codes c where c.profile_id = v_profile.id and c.created_at > now() - interval '1 minute')
     or (select count(*) from public.vip_link_codes c where c.customer_id = v_customer.id and c.created_at > now() - interval '1 hour') >= 5 then
    raise exception using errcode = 'PT429', message = 'RATE_LIMIT_EXCEEDED',
      detail = '{"reason": "A code was sent recently; use it or wait before asking again"}';
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
    'destination', regexp_replace(v_customer.email, '^(.)[^@]*', '\1***'),
    'expiresAt', to_char(v_code.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
end
$$;
comment on function public.link_vip_account(text, text) is
  'Links the caller''s profile to the customer record with that phone, after proof (verified email or one-time code).';

revoke execute on function app_private.forget_delivered_link_code() from public;
revoke execute on function app_private.link_code_hash(uuid, text) from public;
revoke execute on function public.get_vip_profile() from public;
revoke execute on function public.update_vip_profile(text, text, boolean) from public;
revoke execute on function public.link_vip_account(text, text) from public;
grant execute on function public.get_vip_profile() to authenticated;
grant execute on function public.update_vip_profile(text, text, boolean) to authenticated;
grant execute on function public.link_vip_account(text, text) to authenticated;
