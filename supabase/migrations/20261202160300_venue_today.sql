-- The venue's today as its rules see it (app_private.venue_now: the clock, or the instant a test
-- froze). The staff day sheet opens on it, so its "today" (check-in, the Today button) is the
-- day the check-in rule calls today.
create function public.venue_today() returns text
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
begin
  return to_char(app_private.venue_now()::date, 'YYYY-MM-DD');
end
$$;
comment on function public.venue_today() is 'The venue-local date the booking rules take as today (YYYY-MM-DD).';
revoke execute on function public.venue_today() from public;
grant execute on function public.venue_today() to anon, authenticated, service_role;
