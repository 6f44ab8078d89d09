-- The venue as data: bays, opening hours and prices (seeded by supabase/seed.sql). Nothing
-- here is a constant in code.

create table public.bays (
  id uuid primary key default gen_random_uuid(),
  name text not null unique check (length(name) between 1 and 40),
  kind text not null check (kind in ('social', 'ai_lab')),
  capacity smallint not null check (capacity between 1 and 20),
  sort_order smallint not null default 0,
  active boolean not null default true,
  updated_at timestamptz not null default now(),
  calendar_id text check (calendar_id is null or length(calendar_id) <= 200)
);
comment on table public.bays is 'Simulator bays customers can book; capacity is the most people a bay takes.';
comment on column public.bays.calendar_id is 'Google Calendar that mirrors this bay''s bookings for staff.';

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
  -- One price per bay, day type and moment: bands of a bay never overlap.
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
