-- Hour packages customers buy and spend on bookings.

create table public.packages (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references public.customers (id) on delete cascade,
  package_name text not null check (length(package_name) between 1 and 120),
  purchase_date date not null,
  -- Venue-local last day the package can be used; null = never expires.
  expiry_date date check (expiry_date is null or expiry_date >= purchase_date),
  total_hours numeric(5, 1) not null check (total_hours > 0),
  used_hours numeric(5, 1) not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Hours can never be overspent, whatever races happen above this table.
  constraint packages_hours_within_total check (used_hours >= 0 and used_hours <= total_hours)
);
comment on table public.packages is 'Prepaid bay hours of a customer; bookings draw on them.';
create index packages_customer_idx on public.packages (customer_id);

create trigger packages_touch before update on public.packages
  for each row execute function app_private.touch_updated_at();

alter table public.packages enable row level security;
alter table public.packages force row level security;
create policy "Members read the packages of the customer linked to them" on public.packages
  for select to authenticated using (
    customer_id in (select p.customer_id from public.profiles p where p.id = (select auth.uid()))
  );
create policy "Service role manages packages" on public.packages
  for all to service_role using (true) with check (true);
revoke all on public.packages from anon, authenticated;
grant select on public.packages to authenticated;
grant all on public.packages to service_role;

-- GET /api/vip/packages: the member's packages, active first. Runs as the caller (RLS).
create function public.get_my_packages() returns jsonb
  language sql stable
  set search_path = ''
  as $$
  with mine as (
    select pk.*,
           pk.total_hours - pk.used_hours as remaining_hours,
           case
             when pk.expiry_date is not null and pk.expiry_date < app_private.venue_now()::date then 'expired'
             when pk.used_hours >= pk.total_hours then 'depleted'
             else 'active'
           end as status
    from public.packages pk
  ),
  shaped as (
    select status, purchase_date, jsonb_build_object(
      'id', id,
      'packageName', package_name,
      'purchaseDate', to_char(purchase_date, 'YYYY-MM-DD'),
      'expiryDate', to_char(expiry_date, 'YYYY-MM-DD'),
      'totalHours', total_hours,
      'usedHours', used_hours,
      'remainingHours', remaining_hours,
      'status', status
    ) as package
    from mine
  )
  select jsonb_build_object(
    'activePackages', coalesce((select jsonb_agg(package order by purchase_date desc) from shaped where status = 'active'), '[]'::jsonb),
    'pastPackages', coalesce((select jsonb_agg(package order by purchase_date desc) from shaped where status <> 'active'), '[]'::jsonb)
  )
$$;
comment on function public.get_my_packages() is 'The calling member''s hour packages, split into active and past (RLS-scoped).';
revoke execute on function public.get_my_packages() from public;
grant execute on function public.get_my_packages() to authenticated;
