-- Gives back one hit of a rate limit key in its current window. Failed credential checks are
-- limited by counting every try before the credential is compared (so a burst of guesses cannot
-- all be compared before the first is counted) and giving the hit back when it was right: only
-- failures stay counted, and a caller past the limit is refused before its guess is compared.
create function public.release_rate_limit_hit(p_key text, p_window_seconds integer) returns integer
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_window_start timestamptz := to_timestamp(
    floor(extract(epoch from now()) / p_window_seconds) * p_window_seconds);
  v_hits integer;
begin
  if p_window_seconds < 1 then
    raise exception using errcode = 'PT400', message = 'VALIDATION_ERROR',
      detail = '{"fields":{"window":"Window must be positive"}}';
  end if;
  update app_private.rate_limit_windows
  set hits = greatest(hits - 1, 0)
  where key = p_key and window_start = v_window_start
  returning hits into v_hits;
  return coalesce(v_hits, 0);
end
$$;
comment on function public.release_rate_limit_hit(text, integer) is 'Gives back one hit of a rate limit key in the current window (a credential check that succeeded).';
revoke execute on function public.release_rate_limit_hit(text, integer) from public;
grant execute on function public.release_rate_limit_hit(text, integer) to service_role;
