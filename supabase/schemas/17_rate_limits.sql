-- Fixed-window rate limit counters, shared by every app instance (the Postgres store, used
-- when REDIS_URL is not set). Only hit_rate_limit and release_rate_limit_hit touch them.

-- Unlogged: counters need no crash safety, and skipping the WAL keeps each hit cheap.
create unlogged table app_private.rate_limit_windows (
  key text not null check (length(key) <= 200),
  window_start timestamptz not null,
  hits integer not null default 0,
  primary key (key, window_start)
);
comment on table app_private.rate_limit_windows is 'Hits per client key and fixed window; rows of past windows are pruned.';
