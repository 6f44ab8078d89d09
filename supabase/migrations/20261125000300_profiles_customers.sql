-- People: the venue's customer records, and the profiles people sign in with.
-- A profile is linked to a customer only through the VIP link flow, never by a
-- matching email or phone at sign-in.

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
create index customers_phone_idx on public.customers (phone);

create table public.profiles (
  id uuid primary key default gen_random_uuid(),
  provider text not null check (provider in ('google', 'facebook', 'line', 'guest')),
  -- The provider's stable account id; guests have none, each guest sign-in is its own profile.
  provider_account_id text check ((provider = 'guest') = (provider_account_id is null)),
  display_name text check (display_name is null or length(display_name) between 1 and 120),
  email text check (email is null or email ~ '^[^@\s]+@[^@\s]+$'),
  phone text check (phone is null or length(phone) between 6 and 20),
  picture_url text check (picture_url is null or picture_url ~ '^https?://'),
  marketing_preference boolean not null default true,
  customer_id uuid references public.customers (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (provider, provider_account_id)
);
comment on table public.profiles is 'One per sign-in identity; id is the `sub` of the session token.';
create index profiles_customer_idx on public.profiles (customer_id);

create trigger customers_touch before update on public.customers
  for each row execute function app_private.touch_updated_at();
create trigger profiles_touch before update on public.profiles
  for each row execute function app_private.touch_updated_at();

alter table public.customers enable row level security;
alter table public.customers force row level security;
alter table public.profiles enable row level security;
alter table public.profiles force row level security;

create policy "Members read their own profile" on public.profiles
  for select to authenticated using (id = (select auth.uid()));
create policy "Members read the customer record linked to them" on public.customers
  for select to authenticated using (
    id in (select p.customer_id from public.profiles p where p.id = (select auth.uid()))
  );
create policy "Service role manages profiles" on public.profiles
  for all to service_role using (true) with check (true);
create policy "Service role manages customers" on public.customers
  for all to service_role using (true) with check (true);

revoke all on public.customers, public.profiles from anon, authenticated;
grant select on public.customers, public.profiles to authenticated;
grant all on public.customers, public.profiles to service_role;
