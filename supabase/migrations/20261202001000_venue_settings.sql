-- The venue's booking rules as data (issue 14): how far ahead guests and members may book, the
-- minimum notice to book and to change or cancel online, and the reminder lead time, in one
-- row that staff can change without a deploy. SQL enforces them (create_booking, the member
-- and manage-link changes); the availability answer shows them before a customer tries.
--
-- The venue clock also reads a frozen instant when one is set: tests stand at 00:30 Bangkok
-- or a minute before a rule's edge without sleeping. The table is empty in production and only
-- the database owner can write it.

-- ======================================================================================
-- The clock
-- ======================================================================================

create table app_private.frozen_clock (
  id boolean primary key default true check (id),
  frozen_at timestamptz not null
);
comment on table app_private.frozen_clock is
  'Tests only: while its one row exists the venue clock (app_private.clock_now) reads frozen_at. Empty in production; only the owner writes it.';

alter table app_private.frozen_clock enable row level security;
alter table app_private.frozen_clock force row level security;
create policy "Anyone reads the frozen clock" on app_private.frozen_clock
  for select to anon, authenticated, service_role using (true);
revoke all on app_private.frozen_clock from public, anon, authenticated, service_role;
-- Security invoker functions (a member's own bookings) read the clock as their caller.
grant select on app_private.frozen_clock to anon, authenticated, service_role;

create function app_private.clock_now() returns timestamptz
  language sql stable
  set search_path = ''
  as $$ select coalesce((select fc.frozen_at from app_private.frozen_clock fc), now()) $$;
comment on function app_private.clock_now() is
  'The instant the venue''s rules take as now: now(), or the frozen instant a test set.';

create or replace function app_private.venue_now() returns timestamp
  language sql stable
  set search_path = ''
  as $$ select (app_private.clock_now() at time zone app_private.venue_timezone()) $$;
comment on function app_private.venue_now() is 'Wall-clock time at the venue, whatever the server time zone.';

revoke execute on function app_private.clock_now() from public;
grant execute on function app_private.clock_now() to anon, authenticated, service_role;

-- ======================================================================================
-- The settings
-- ======================================================================================

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

alter table public.venue_settings enable row level security;
alter table public.venue_settings force row level security;
create policy "Anyone reads the venue settings" on public.venue_settings
  for select to anon, authenticated using (true);
create policy "Service role manages the venue settings" on public.venue_settings
  for all to service_role using (true) with check (true);
revoke all on public.venue_settings from anon, authenticated;
grant select on public.venue_settings to anon, authenticated;
-- The row is the settings: the service role changes it, never inserts or deletes one.
grant select, update on public.venue_settings to service_role;

-- ======================================================================================
-- The rules, for the functions that book, move and cancel
-- ======================================================================================

create function app_private.venue_settings() returns public.venue_settings
  language sql stable
  set search_path = ''
  as $$ select vs from public.venue_settings vs where vs.id $$;
comment on function app_private.venue_settings() is 'The venue''s booking rules (its one row).';

-- Refuses a venue-local start before now + the minimum notice or after the last bookable
-- date (the venue's today + the guest's or member's horizon).
create function app_private.assert_bookable_window(p_start timestamp, p_member boolean) returns void
  language plpgsql stable
  set search_path = ''
  as $$
declare
  v_settings public.venue_settings := app_private.venue_settings();
  v_now timestamp := app_private.venue_now();
  v_earliest timestamp := v_now + make_interval(mins => v_settings.min_booking_notice_minutes);
  v_last_date date := v_now::date + case when p_member then v_settings.member_booking_horizon_days
                                         else v_settings.guest_booking_horizon_days end;
  v_tz text := app_private.venue_timezone();
begin
  if p_start < v_earliest or p_start >= v_last_date + 1 then
    raise exception using errcode = 'PT422', message = 'OUTSIDE_BOOKING_WINDOW',
      detail = jsonb_build_object(
        'reason', case when p_start <= v_now then 'PAST' when p_start < v_earliest then 'TOO_SOON' else 'BEYOND_HORIZON' end,
        'earliest', app_private.iso_utc_ms(v_earliest at time zone v_tz),
        'latest', app_private.iso_utc_ms((v_last_date + 1)::timestamp at time zone v_tz),
        'lastBookableDate', to_char(v_last_date, 'YYYY-MM-DD'),
        'minNoticeMinutes', v_settings.min_booking_notice_minutes,
        'horizonDays', v_last_date - v_now::date
      )::text;
  end if;
end
$$;
comment on function app_private.assert_bookable_window(timestamp, boolean) is
  'Raises PT422 OUTSIDE_BOOKING_WINDOW (detail: reason PAST, TOO_SOON or BEYOND_HORIZON; earliest instant; latest = exclusive end of the last bookable date) for a venue-local start outside the booking window.';

create function app_private.online_change_deadline(p_starts_at timestamptz) returns timestamptz
  language sql stable
  set search_path = ''
  as $$ select p_starts_at - make_interval(mins => (app_private.venue_settings()).min_change_notice_minutes) $$;
comment on function app_private.online_change_deadline(timestamptz) is
  'The last instant a booking starting at p_starts_at can still be changed or cancelled online.';

-- Only the deadline: the caller decides status (cancelled, over) and ownership.
create function app_private.assert_changeable_online(p_booking public.bookings) returns void
  language plpgsql stable
  set search_path = ''
  as $$
declare
  v_deadline timestamptz := app_private.online_change_deadline(p_booking.starts_at);
begin
  if app_private.clock_now() >= v_deadline then
    raise exception using errcode = 'PT403', message = 'BOOKING_NOT_MODIFIABLE',
      detail = jsonb_build_object(
        'bookingId', p_booking.id,
        'changeableUntil', app_private.iso_utc_ms(v_deadline),
        'reason', format('Online changes and cancellations close %s before the start (this booking: until %s, venue time). Please contact the venue.',
          case when (app_private.venue_settings()).min_change_notice_minutes % 60 = 0
               then ((app_private.venue_settings()).min_change_notice_minutes / 60) || ' hour(s)'
               else (app_private.venue_settings()).min_change_notice_minutes || ' minutes' end,
          to_char(v_deadline at time zone app_private.venue_timezone(), 'YYYY-MM-DD HH24:MI'))
      )::text;
  end if;
end
$$;
comment on function app_private.assert_changeable_online(public.bookings) is
  'Raises PT403 BOOKING_NOT_MODIFIABLE (detail: changeableUntil, reason) once a booking is inside the minimum change notice.';

revoke execute on function app_private.venue_settings() from public;
revoke execute on function app_private.assert_bookable_window(timestamp, boolean) from public;
revoke execute on function app_private.online_change_deadline(timestamptz) from public;
revoke execute on function app_private.assert_changeable_online(public.bookings) from public;
-- Reading the rules is harmless: a member's security invoker functions may show a deadline.
grant execute on function app_private.venue_settings() to anon, authenticated, service_role;
grant execute on function app_private.online_change_deadline(timestamptz) to anon, authenticated, service_role;
