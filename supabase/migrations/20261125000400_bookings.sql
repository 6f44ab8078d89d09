-- Bookings, and the constraint that makes a double booking impossible.

create table public.bookings (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique check (reference ~ '^BK[0-9]{6}[0-9A-Z]{4,}$'),
  bay_id uuid not null references public.bays (id),
  -- Venue-local date and time, stored as instants.
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  duration_hours numeric(3, 1) not null check (duration_hours > 0 and duration_hours <= 12),
  status text not null default 'confirmed' check (status in ('confirmed', 'cancelled', 'completed')),
  number_of_people smallint not null check (number_of_people between 1 and 20),
  profile_id uuid references public.profiles (id) on delete set null,
  customer_id uuid references public.customers (id) on delete set null,
  customer_name text not null check (length(customer_name) between 1 and 120),
  customer_email text not null check (customer_email ~ '^[^@\s]+@[^@\s]+$'),
  customer_phone text not null check (length(customer_phone) between 6 and 20),
  notes text check (notes is null or length(notes) <= 1000),
  cancellation_reason text check (cancellation_reason is null or length(cancellation_reason) <= 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_at = starts_at + make_interval(mins => (duration_hours * 60)::int)),
  -- Two live bookings of one bay never overlap; touching ([10:00,11:00) and [11:00,12:00)) is fine.
  constraint bookings_no_overlap exclude using gist (
    bay_id with =,
    tstzrange(starts_at, ends_at, '[)') with &&
  ) where (status <> 'cancelled')
);
comment on table public.bookings is 'Bay bookings; the exclusion constraint forbids overlapping live bookings of one bay.';
create index bookings_profile_idx on public.bookings (profile_id);
create index bookings_customer_idx on public.bookings (customer_id);
create index bookings_starts_idx on public.bookings (starts_at);

create trigger bookings_touch before update on public.bookings
  for each row execute function app_private.touch_updated_at();

alter table public.bookings enable row level security;
alter table public.bookings force row level security;

create policy "Members read their own bookings" on public.bookings
  for select to authenticated using (
    profile_id = (select auth.uid())
    or customer_id in (select p.customer_id from public.profiles p where p.id = (select auth.uid()))
  );
create policy "Service role manages bookings" on public.bookings
  for all to service_role using (true) with check (true);

revoke all on public.bookings from anon, authenticated;
grant select on public.bookings to authenticated;
grant all on public.bookings to service_role;
