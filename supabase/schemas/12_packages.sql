-- Hour packages customers buy and spend on bookings.

create table public.packages (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references public.customers (id) on delete cascade,
  package_name text not null check (length(package_name) between 1 and 120),
  purchase_date date not null,
  -- Venue-local last day the package can be used; null = never expires.
  expiry_date date check (expiry_date is null or expiry_date >= purchase_date),
  total_hours numeric(5, 1) not null check (total_hours > 0),
  -- Kept by the transactions that book, move and cancel package bookings.
  used_hours numeric(5, 1) not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Hours can never be overspent, whatever races happen above this table.
  constraint packages_hours_within_total check (used_hours >= 0 and used_hours <= total_hours),
  package_name_th text check (package_name_th is null or length(btrim(package_name_th)) between 1 and 120)
);
comment on table public.packages is 'Prepaid bay hours of a customer; bookings draw on them.';
comment on column public.packages.package_name_th is 'The package''s name in Thai; null shows the English name.';
create index packages_customer_idx on public.packages (customer_id);

create trigger packages_touch before update on public.packages
  for each row execute function app_private.touch_updated_at();
