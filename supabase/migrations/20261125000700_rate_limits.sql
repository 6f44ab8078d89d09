-- Fixed-window rate limit counters, shared by every app instance.

-- Unlogged: counters need no crash safety, and skipping the WAL keeps each hit cheap.
create unlogged table app_private.rate_limit_windows (
  key text not null check (length(key) <= 200),
  window_start timestamptz not null,
  hits integer not null default 0,
  primary key (key, window_start)
);
comment on table app_private.rate_limit_windows is 'Hits per client key and fixed window; rows of past windows are pruned.';
alter table app_private.rate_limit_windows enable row level security;
alter table app_private.rate_limit_windows force row level security;
create policy "Service role counts hits" on app_private.rate_limit_windows
  for all to service_role using (true) with check (true);
revoke all on app_private.rate_limit_windows from public, anon, authenticated;

-- Counts one hit of p_key in the current window of p_window_seconds and says whether it is allowed.
create function public.hit_rate_limit(p_key text, p_limit integer, p_window_seconds integer) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  as $$
declare
  v_window_start timestamptz := to_timestamp(
    floor(extract(epoch from now()) / p_window_seconds) * p_window_seconds);
  v_hits integer;
begin
  if p_limit < 1 or p_window_seconds < 1 then
    raise exception using errcode = 'PT400', message = 'VALIDATION_ERROR',
      detail = '{"fields":{"limit":"Limit and window must be positive"}}';
  end if;
  insert into app_private.rate_limit_windows as w (key, window_start, hits)
  values (p_key, v_window_start, 1)
  on conflict (key, window_start) do update set hits = w.hits + 1
  returning w.hits into v_hits;

  -- Prune old windows now and then rather than on every hit.
  if random() < 0.01 then
    delete from app_private.rate_limit_windows where window_start < now() - interval '1 day';
  end if;

  return jsonb_build_object(
    'allowed', v_hits <= p_limit,
    'limit', p_limit,
    'remaining', greatest(p_limit - v_hits, 0),
    'resetAt', to_char((v_window_start + make_interval(secs => p_window_seconds)) at time zone 'UTC',
                       'YYYY-MM-DD"T"HH24:MI:SS"Z"')
  );
end
$$;
comment on function public.hit_rate_limit(text, integer, integer) is 'Counts a request against a fixed-window rate limit.';
revoke execute on function public.hit_rate_limit(text, integer, integer) from public;
grant execute on function public.hit_rate_limit(text, integer, integer) to service_role;
