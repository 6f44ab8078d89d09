-- Sign-in: each identity gets its own profile. A profile is found again only by
-- the provider's account id, never by an email or phone somebody typed.

-- A guest sign-in: always a new profile.
create function public.create_guest_profile(p_name text, p_email text, p_phone text) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
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
create function public.upsert_oauth_profile(
  p_provider text, p_provider_account_id text, p_name text, p_email text, p_picture_url text
) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  as $$
declare
  v_id uuid;
begin
  if p_provider not in ('google', 'facebook', 'line') or coalesce(p_provider_account_id, '') = '' then
    raise exception using errcode = 'PT400', message = 'VALIDATION_ERROR',
      detail = jsonb_build_object('fields', jsonb_build_object('provider', 'Unknown provider account'))::text;
  end if;
  insert into public.profiles as p (provider, provider_account_id, display_name, email, picture_url)
  values (p_provider, p_provider_account_id, left(p_name, 120),
          case when p_email ~ '^[^@\s]+@[^@\s]+$' then lower(p_email) end,
          case when p_picture_url ~ '^https?://' then p_picture_url end)
  on conflict (provider, provider_account_id) do update
    set display_name = coalesce(p.display_name, excluded.display_name),
        email = coalesce(p.email, excluded.email),
        picture_url = coalesce(excluded.picture_url, p.picture_url)
  returning p.id into v_id;
  return jsonb_build_object('profileId', v_id);
end
$$;
comment on function public.upsert_oauth_profile(text, text, text, text, text) is
  'Finds or creates the profile of an OAuth account, keyed by provider and provider account id only.';

-- GET /api/vip/status: whether the signed-in member's profile is linked to a customer record.
-- Runs as the caller, so row level security decides what it can see.
create function public.get_vip_status() returns jsonb
  language sql stable
  set search_path = ''
  as $$
  select jsonb_build_object(
    'status', case when p.customer_id is not null then 'linked_matched' else 'not_linked' end,
    'crmCustomerId', p.customer_id
  )
  from (select null) as one
  left join public.profiles p on p.id = (select auth.uid())
$$;
comment on function public.get_vip_status() is 'Link status of the calling member''s profile (RLS-scoped).';

revoke execute on function public.create_guest_profile(text, text, text) from public;
revoke execute on function public.upsert_oauth_profile(text, text, text, text, text) from public;
revoke execute on function public.get_vip_status() from public;
grant execute on function public.create_guest_profile(text, text, text) to service_role;
grant execute on function public.upsert_oauth_profile(text, text, text, text, text) to service_role;
grant execute on function public.get_vip_status() to authenticated;
