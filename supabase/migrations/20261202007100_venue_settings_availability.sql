-- The booking rules (public.venue_settings: notice, horizons) decide every day's marks too:
-- a change of them is a new venue-wide availability version and a notice (20261202007000).
create trigger venue_settings_availability_changed after insert or update or delete or truncate on public.venue_settings
  for each statement execute function app_private.venue_availability_changed();
