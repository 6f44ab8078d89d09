-- Link account disclosed more than the spec's 404 (whether a phone is a customer's):
-- an already-linked member could probe other numbers, and the code destination showed the
-- record's whole email domain. Now a linked member is answered before any phone lookup,
-- and the destination shows only the first letter of the mailbox and of the domain, and
-- the top-level domain (j***@g***.com). A per-client rate limit in the route bounds probing
-- with fresh guest profiles. Its own 429 (codes sent too often) now carries the spec's
-- details { limit, remaining, resetTime } like every other 429.

-- j***@g***.com: enough for the owner to recognise their address, little for anyone else.
create function app_private.masked_email(p_email text) returns text
  language sql immutable
  set search_path = ''
  as $$
    select left(split_part(p_email, '@', 1), 1) || '***@'
        || left(split_part(p_email, '@', 2), 1) || '***'
        || coalesce(substring(split_part(p_email, '@', 2) from '(\.[^.]+)$'), '')
  $$;
revoke execute on function app_private.masked_email(text) from public;

create or replace function public.link_vip_account(p_phone text, p_code text default null) returns jsonb
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
