-- The venue as data: bays, opening hours and prices. Nothing here is a constant in code.

-- The venue's clock. Every date and time the API speaks is local to it.
create function app_private.venue_timezone() returns text
  language sql immutable
  as $$ select 'Asia/Bangkok'::text $$;
comment on function app_private.venue_timezone() is 'Time zone of the venue; API dates and times are local to it.';

create function app_private.venue_now() returns timestamp
  language sql stable
  set search_path = ''
  as $$ select (now() at time zone app_private.venue_timezone()) $$;
comment on function app_private.venue_now() is 'Wall-clock time at the venue, whatever the server time zone.';

create function app_private.touch_updated_at() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  new.updated_at := now();
  return new;
end
$$;

create table public.bays (
  id uuid primary key default gen_random_uuid(),
  name text not null unique check (length(name) between 1 and 40),
  kind text not null check (kind in ('social', 'ai_lab')),
  capacity smallint not null check (capacity between 1 and 20),
  sort_order smallint not null default 0,
  active boolean not null default true,
  updated_at timestamptz not null default now()
);
comment on table public.bays is 'Simulator bays customers can book; capacity is the most people a bay takes.';

create table public.opening_hours (
  weekday smallint primary key check (weekday between 1 and 7),
  opens time not null,
  closes time not null,
  updated_at timestamptz not null default now(),
  check (closes > opens)
);
comment on table public.opening_hours is 'Venue-local opening hours per ISO weekday (1 = Monday).';

create table public.price_rules (
  id uuid primary key default gen_random_uuid(),
  bay_id uuid not null references public.bays (id) on delete cascade,
  day_type text not null check (day_type in ('weekday', 'weekend')),
  band text not null check (band in ('off_peak', 'peak')),
  starts time not null,
  ends time not null,
  price_per_hour integer not null check (price_per_hour > 0),
  updated_at timestamptz not null default now(),
  check (ends > starts),
  constraint price_rules_no_overlap exclude using gist (
    bay_id with =,
    day_type with =,
    tsrange(date '2000-01-01' + starts, date '2000-01-01' + ends) with &&
  )
);
comment on table public.price_rules is 'Whole-baht hourly price of a bay for a venue-local time band on weekdays or weekends.';
create index price_rules_bay_idx on public.price_rules (bay_id, day_type);

create trigger bays_touch before update on public.bays
  for each row execute function app_private.touch_updated_at();
create trigger opening_hours_touch before update on public.opening_hours
  for each row execute function app_private.touch_updated_at();
create trigger price_rules_touch before update on public.price_rules
  for each row execute function app_private.touch_updated_at();

alter table public.bays enable row level security;
alter table public.bays force row level security;
alter table public.opening_hours enable row level security;
alter table public.opening_hours force row level security;
alter table public.price_rules enable row level security;
alter table public.price_rules force row level security;

create policy "Anyone reads active bays" on public.bays
  for select to anon, authenticated using (active);
create policy "Anyone reads opening hours" on public.opening_hours
  for select to anon, authenticated using (true);
create policy "Anyone reads prices" on public.price_rules
  for select to anon, authenticated using (true);
create policy "Service role manages bays" on public.bays
  for all to service_role using (true) with check (true);
create policy "Service role manages opening hours" on public.opening_hours
  for all to service_role using (true) with check (true);
create policy "Service role manages prices" on public.price_rules
  for all to service_role using (true) with check (true);

revoke all on public.bays, public.opening_hours, public.price_rules from anon, authenticated;
grant select on public.bays, public.opening_hours, public.price_rules to anon, authenticated;
grant all on public.bays, public.opening_hours, public.price_rules to service_role;

grant execute on function app_private.venue_timezone(), app_private.venue_now()
  to anon, authenticated, service_role;
