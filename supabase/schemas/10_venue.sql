-- The venue as data: bays, opening hours, prices (seeded by supabase/seed.sql) and the booking
-- rules (venue_settings, one row). Nothing here is a constant in code.

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

-- The booking rules, one row (created here, not by seed.sql: every database has it).
create table public.venue_settings (
  id boolean primary key default true check (id),
  guest_booking_horizon_days smallint not null default 60
    constraint venue_settings_guest_horizon check (guest_booking_horizon_days between 0 and 3650),
  member_booking_horizon_days smallint not null default 90
    constraint venue_settings_member_horizon check (member_booking_horizon_days between 0 and 3650),
  min_booking_notice_minutes integer not null default 30
    constraint venue_settings_booking_notice check (min_booking_notice_minutes between 0 and 10080),
  min_change_notice_minutes integer not null default 180
    constraint venue_settings_change_notice check (min_change_notice_minutes between 0 and 10080),
  reminder_lead_minutes integer not null default 180
    constraint venue_settings_reminder_lead check (reminder_lead_minutes between 15 and 10080),
  updated_at timestamptz not null default now(),
  -- Members never see a shorter horizon than guests: signing in must not take days away.
  constraint venue_settings_member_not_shorter check (member_booking_horizon_days >= guest_booking_horizon_days)
);
comment on table public.venue_settings is
  'The venue''s booking rules, one row: booking horizons (days after today, venue-local), minimum notice to book and to change or cancel online, reminder lead time.';
comment on column public.venue_settings.guest_booking_horizon_days is
  'The last date a guest may book is the venue''s today plus this many days.';
comment on column public.venue_settings.member_booking_horizon_days is
  'The last date a signed-in member may book is the venue''s today plus this many days.';
comment on column public.venue_settings.min_booking_notice_minutes is
  'A booking must start at least this many minutes from now.';
comment on column public.venue_settings.min_change_notice_minutes is
  'Online changes and cancellations close this many minutes before the start; later, the venue does it.';
comment on column public.venue_settings.reminder_lead_minutes is
  'The reminder before a visit is sent this many minutes before its start.';

insert into public.venue_settings (id) values (true);

create trigger venue_settings_touch before update on public.venue_settings
  for each row execute function app_private.touch_updated_at();
