-- The venue's opening hours as data for the pages (the home page's "open 10:00–23:00" came
-- from a constant in the UI text): one entry per weekday it opens, venue-local times.

create function public.get_opening_hours() returns jsonb
  language sql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'weekday', oh.weekday, 'opens', to_char(oh.opens, 'HH24:MI'), 'closes', to_char(oh.closes, 'HH24:MI'))
         order by oh.weekday), '[]'::jsonb)
  from public.opening_hours oh
$$;
comment on function public.get_opening_hours() is
  'The venue''s opening hours per ISO weekday (1 = Monday), venue-local HH:MI; days it is closed are absent.';

revoke execute on function public.get_opening_hours() from public;
grant execute on function public.get_opening_hours() to anon, authenticated, service_role;
