-- Sliding-window rate limit counters, shared by every app instance (the Postgres store, used
-- when REDIS_URL is not set). Only hit_rate_limit and release_rate_limit_hit touch them.

-- Unlogged: counters need no crash safety, and skipping the WAL keeps each hit cheap.
create unlogged table app_private.rate_limit_windows (
  key text primary key check (length(key) <= 200),
  hits timestamptz[] not null default '{}',
  expires_at timestamptz not null
);
comment on table app_private.rate_limit_windows is 'Times of the hits per client key within its sliding window, oldest first; idle keys are pruned.';
