-- Rate limits become sliding windows (issue 17): a fixed window let a client spend its limit at
-- the end of one window and again at the start of the next, twice the limit within one window
-- length. Each key now keeps the times of its hits within the last window (at most `limit` of
-- them), and a hit is allowed while fewer than `limit` lie within the window before it. Same
-- semantics as the Redis store (lib/http/rate-limit-redis.ts), used when REDIS_URL is set.
-- Counters are throwaway: the old table is dropped, not converted. The functions keep their
-- signatures and are replaced, so their grants stay as they are.

drop table app_private.rate_limit_windows;

-- Unlogged: counters need no crash safety, and skipping the WAL keeps each hit cheap.
create unlogged table app_private.rate_limit_windows (
  key text primary key check (length(key) <= 200),
  hits timestamptz[] not null default '{}',
  expires_at timestamptz not null
);
comment on table app_private.rate_limit_windows is 'Times of the hits per client key within its sliding window, oldest first; idle keys are pruned.';
alter table app_private.rate_limit_windows enable row level security;
alter table app_private.rate_limit_windows force row level security;
create policy "Service role counts hits" on app_private.rate_limit_windows
  for all to service_role using (true) with check (true);
revoke all on app_private.rate_limit_windows from public, anon, authenticated;

-- Counts one hit of p_key if fewer than p_limit hits lie within the last p_window_seconds, and
-- says whether it was allowed. The key's row is locked for the decision, so concurrent hits are
-- counted one after another and exactly p_limit get through. resetAt: when the oldest counted
-- hit leaves the window (one more is allowed then), rounded up to the second.
create or replace function public.hit_rate_limit(p_key text, p_limit integer, p_window_seconds integer) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_window interval := make_interval(secs => p_window_seconds);
  v_now timestamptz;
  v_hits timestamptz[];
  v_allowed boolean;
begin
  if p_limit < 1 or p_window_seconds < 1 then
    raise exception using errcode = 'PT400', message = 'VALIDATION_ERROR',
      detail = '{"fields":{"limit":"Limit and window must be positive"}}';
  end if;
  insert into app_private.rate_limit_windows (key, expires_at) values (p_key, now())
  on conflict (key) do nothing;
  select w.hits into v_hits from app_private.rate_limit_windows w where w.key = p_key for update;
  -- Read the clock after the lock: a hit that waited for it is timed when it is decided.
  v_now := clock_timestamp();
  v_hits := array(select h from unnest(v_hits) h where h > v_now - v_window order by h);
  v_allowed := cardinality(v_hits) < p_limit;
  if v_allowed then
    v_hits := v_hits || v_now;
  end if;
  update app_private.rate_limit_windows
  set hits = v_hits, expires_at = coalesce(v_hits[cardinality(v_hits)], v_now) + v_window
  where key = p_key;

  -- Prune idle keys now and then rather than on every hit.
  if random() < 0.01 then
    delete from app_private.rate_limit_windows where expires_at < v_now;
  end if;

  return jsonb_build_object(
    'allowed', v_allowed,
    'limit', p_limit,
    'remaining', greatest(p_limit - cardinality(v_hits), 0),
    'resetAt', to_char(to_timestamp(ceil(extract(epoch from coalesce(v_hits[1], v_now) + v_window))) at time zone 'UTC',
                       'YYYY-MM-DD"T"HH24:MI:SS"Z"')
  );
end
$$;
comment on function public.hit_rate_limit(text, integer, integer) is 'Counts a request against a sliding-window rate limit.';

-- Gives back the newest hit of a rate limit key. Failed credential checks are limited by counting
-- every try before the credential is compared (so a burst of guesses cannot all be compared
-- before the first is counted) and giving the hit back when it was right: only failures stay
-- counted, and a caller past the limit is refused before its guess is compared. Returns the hits
-- left within the window.
create or replace function public.release_rate_limit_hit(p_key text, p_window_seconds integer) returns integer
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_hits timestamptz[];
begin
  if p_window_seconds < 1 then
    raise exception using errcode = 'PT400', message = 'VALIDATION_ERROR',
      detail = '{"fields":{"window":"Window must be positive"}}';
  end if;
  update app_private.rate_limit_windows w
  set hits = w.hits[1:cardinality(w.hits) - 1]
  where w.key = p_key and cardinality(w.hits) > 0
  returning w.hits into v_hits;
  return (select count(*) from unnest(v_hits) h where h > clock_timestamp() - make_interval(secs => p_window_seconds))::integer;
end
$$;
comment on function public.release_rate_limit_hit(text, integer) is 'Gives back the newest hit of a rate limit key (a credential check that succeeded).';
