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
  calendar_id text check (calendar_id is null or length(calendar_id) <= 200),
  name_th text check (name_th is null or length(btrim(name_th)) between 1 and 40)
);
comment on table public.bays is 'Simulator bays customers can book; capacity is the most people a bay takes.';
comment on column public.bays.calendar_id is 'Google Calendar that mirrors this bay''s bookings for staff.';
comment on column public.bays.name_th is 'The bay''s name in Thai; null shows the English name.';

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

-- A palette is an object of Tailwind shade keys to #rrggbb colours (the pages' brand colours).
create function app_private.is_brand_palette(p_colors jsonb) returns boolean
  language sql immutable
  set search_path = ''
  as $$
  select jsonb_typeof(p_colors) = 'object'
     and not exists (
       select 1 from jsonb_each(p_colors) c
       where c.key not in ('50', '100', '200', '500', '600', '700', '800', '900', '950')
          or jsonb_typeof(c.value) <> 'string'
          or c.value #>> '{}' !~ '^#[0-9a-fA-F]{6}$')
$$;
comment on function app_private.is_brand_palette(jsonb) is
  'Whether a value is a brand palette: shade keys 50-950 (Tailwind''s) mapped to #rrggbb colours.';
revoke execute on function app_private.is_brand_palette(jsonb) from public;

-- The booking rules and the brand, one row (created here, not by seed.sql: every database has it).
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
  constraint venue_settings_member_not_shorter check (member_booking_horizon_days >= guest_booking_horizon_days),
  -- The brand (20261202009300): one name, address and palette for pages, emails, .ics and LINE.
  venue_name text not null default 'Golf Bay Bangkok'
    constraint venue_settings_venue_name check (length(btrim(venue_name)) between 1 and 80),
  venue_name_th text
    constraint venue_settings_venue_name_th check (venue_name_th is null or length(btrim(venue_name_th)) between 1 and 80),
  address text not null default '88 Sukhumvit Soi 24, Khlong Tan, Khlong Toei, Bangkok 10110, Thailand'
    constraint venue_settings_address check (length(btrim(address)) between 1 and 300),
  address_th text
    constraint venue_settings_address_th check (address_th is null or length(btrim(address_th)) between 1 and 300),
  phone text not null default '+66 2 000 0000'
    constraint venue_settings_phone check (length(btrim(phone)) between 3 and 40),
  line_id text
    constraint venue_settings_line_id check (line_id is null or length(btrim(line_id)) between 1 and 40),
  logo_url text not null default '/icon.svg'
    constraint venue_settings_logo_url check (logo_url ~ '^(/[^/]|https://)' and length(logo_url) <= 500),
  brand_colors jsonb not null default
    '{"50": "#f0f9f1", "100": "#dcf1df", "200": "#bde5c5", "500": "#2f8f46", "600": "#23723a", "700": "#1d5a30", "800": "#1a4a29", "900": "#123a20", "950": "#0a2113"}'
    constraint venue_settings_brand_colors check (app_private.is_brand_palette(brand_colors))
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
comment on column public.venue_settings.venue_name is 'The venue''s name on every page, email, calendar invitation, LINE text and prize text.';
comment on column public.venue_settings.venue_name_th is 'The name in Thai; null shows the English name.';
comment on column public.venue_settings.address is 'The postal address (calendar LOCATION, emails).';
comment on column public.venue_settings.address_th is 'The address in Thai; null shows the English address.';
comment on column public.venue_settings.phone is 'The phone customers call to change or cancel a booking.';
comment on column public.venue_settings.line_id is 'The venue''s LINE ID customers can write to; null = none.';
comment on column public.venue_settings.logo_url is 'The logo: a path of the app (/icon.svg) or an https URL.';
comment on column public.venue_settings.brand_colors is
  'The pages'' brand palette (Tailwind shade -> #rrggbb), set as CSS variables per request: a change needs no rebuild. Missing shades keep the built-in ones.';

insert into public.venue_settings (id) values (true);

create trigger venue_settings_touch before update on public.venue_settings
  for each row execute function app_private.touch_updated_at();
