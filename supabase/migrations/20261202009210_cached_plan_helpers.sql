-- The venue clock and rules helpers in plpgsql (issue 17): a SQL function with a SET clause is
-- never inlined, and PostgreSQL 17 parses and plans its body again in every statement that
-- calls it, so each get_availability, create_booking or version read re-planned these few
-- lines several times (about half of get_availability's time on this machine). plpgsql keeps
-- the plan of its statements for the connection. Same bodies, same results.

create or replace function app_private.clock_now() returns timestamptz
  language plpgsql stable
  set search_path = ''
  as $$ begin return coalesce((select fc.frozen_at from app_private.frozen_clock fc), now()); end $$;

create or replace function app_private.venue_now() returns timestamp
  language plpgsql stable
  set search_path = ''
  as $$ begin return app_private.clock_now() at time zone app_private.venue_timezone(); end $$;

create or replace function app_private.venue_settings() returns public.venue_settings
  language plpgsql stable
  set search_path = ''
  as $$
declare
  v_settings public.venue_settings;
begin
  select vs.* into v_settings from public.venue_settings vs where vs.id;
  return v_settings;
end
$$;

-- The first venue-local instant after now at which a time-dependent mark of p_date's answer
-- differs (20261202009200), computed from the opening hours instead of listing the slots:
-- slots start hourly from opening.
create or replace function app_private.availability_valid_until(p_date date) returns timestamp
  language plpgsql stable
  set search_path = ''
  as $$
declare
  v_now timestamp := app_private.venue_now();
  v_notice interval := make_interval(mins => (app_private.venue_settings()).min_booking_notice_minutes);
  v_opens timestamp;
  v_closes timestamp;
  v_next_start timestamp;
  v_next_inside_notice timestamp;
begin
  select p_date + oh.opens, p_date + oh.opens + make_interval(hours => floor(extract(epoch from oh.closes - oh.opens) / 3600)::int)
  into v_opens, v_closes
  from public.opening_hours oh
  where oh.weekday = extract(isodow from p_date);
  if v_opens is not null then
    -- the first slot start after now (it is past from then on)
    v_next_start := v_opens + make_interval(hours => greatest(0, floor(extract(epoch from v_now - v_opens) / 3600)::int + 1));
    -- the first slot start at or after now + notice (too_soon from a microsecond after it comes inside the notice)
    v_next_inside_notice := v_opens + make_interval(hours => greatest(0, ceil(extract(epoch from v_now + v_notice - v_opens) / 3600)::int));
  end if;
  return least(
    case when v_next_start < v_closes then v_next_start end,
    case when v_next_inside_notice < v_closes then v_next_inside_notice - v_notice + interval '1 microsecond' end,
    -- the earliest start moves to the next half hour
    app_private.earliest_start(v_now + v_notice) - v_notice + interval '1 microsecond',
    -- midnight: both horizons move
    v_now::date + 1);
end
$$;
