-- People: the venue's customer records, the profiles people sign in with, and the one-time
-- codes of the VIP link flow. A profile is linked to a customer only through that flow,
-- never by a matching email or phone at sign-in.

create table public.customers (
  id uuid primary key default gen_random_uuid(),
  customer_code text not null unique check (customer_code ~ '^CUS-[0-9]{4,}$'),
  name text not null check (length(name) between 1 and 120),
  email text check (email is null or email ~ '^[^@\s]+@[^@\s]+$'),
  -- E.164, e.g. +66812345678; the VIP link flow matches on it.
  phone text check (phone is null or phone ~ '^\+[1-9][0-9]{6,14}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.customers is 'The venue''s customer records (CRM), source of truth for packages and history.';
comment on column public.customers.phone is 'E.164 (+66812345678); the VIP link flow matches on it.';
create index customers_phone_idx on public.customers (phone);

create table public.profiles (
  id uuid primary key default gen_random_uuid(),
  -- 'email': signed in by an emailed one-time code; its account id is the (lower-case) address.
  provider text not null check (provider in ('google', 'facebook', 'line', 'guest', 'email')),
  -- The provider's stable account id; guests have none, each guest sign-in is its own profile.
  provider_account_id text check ((provider = 'guest') = (provider_account_id is null)),
  display_name text check (display_name is null or length(display_name) between 1 and 120),
  email text check (email is null or email ~ '^[^@\s]+@[^@\s]+$'),
  phone text check (phone is null or length(phone) between 6 and 20),
  picture_url text check (picture_url is null or picture_url ~ '^https?://'),
  -- Opt-in (PDPA): no marketing until the member says yes (public.marketing_consents).
  marketing_preference boolean not null default false,
  customer_id uuid references public.customers (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- An email an OAuth provider gave is the provider's word that it is the person's; one
  -- typed at guest sign-in or in the profile form is not.
  email_verified boolean not null default false,
  unique (provider, provider_account_id)
);
comment on table public.profiles is 'One per sign-in identity; id is the `sub` of the session token.';
comment on column public.profiles.email_verified is 'Whether the email came from an OAuth provider (verified there) or an emailed sign-in code rather than being typed.';
comment on column public.profiles.phone is 'E.164 (+66812345678), a valid number as lib/contact/phone.ts reads it; rows from before 20261201003000 that could not be normalised keep their typed form.';
create index profiles_customer_idx on public.profiles (customer_id);

create trigger customers_touch before update on public.customers
  for each row execute function app_private.touch_updated_at();
create trigger profiles_touch before update on public.profiles
  for each row execute function app_private.touch_updated_at();

-- One-time codes proving a member can read the email on a customer record. Only a hash of
-- the code is kept (app_private.link_code_hash); the code itself exists only in the outbox
-- job that emails it, and leaves it once delivered.
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
