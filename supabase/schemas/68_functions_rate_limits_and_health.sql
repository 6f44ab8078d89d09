-- Fixed-window rate limits shared by every app instance (when REDIS_URL is not set), and the
-- migrations the database has (GET /api/health says when they lag behind the code).

-- ======================================================================================
-- Rate limits (table app_private.rate_limit_windows)
-- ======================================================================================

-- Counts one hit of p_key in the current window of p_window_seconds and says whether it is allowed.
create function public.hit_rate_limit(p_key text, p_limit integer, p_window_seconds integer) returns jsonb
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

-- ======================================================================================
-- Health
-- ======================================================================================

-- Where the Supabase CLI (and lib/db/migrations.ts, which records the same way) keeps the
-- applied migrations. The runner creates it; here it is made only if missing, so that these
-- files also build a database on their own.
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (
  version text primary key,
  statements text[],
  name text
);

-- The versions recorded there, oldest first.
create function public.applied_migrations() returns jsonb
  language sql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
  select coalesce(jsonb_agg(m.version order by m.version), '[]'::jsonb)
  from supabase_migrations.schema_migrations m
$$;
comment on function public.applied_migrations() is 'Versions recorded by the migration runner (or the Supabase CLI).';

-- ======================================================================================
-- Who may call these. PostgreSQL lets PUBLIC execute a new function: the revokes take that
-- back, and each grant names the roles that may call it (PostgREST serves only `public`).
-- ======================================================================================

revoke execute on function public.hit_rate_limit(text, integer, integer) from public;
revoke execute on function public.release_rate_limit_hit(text, integer) from public;
revoke execute on function public.applied_migrations() from public;
grant execute on function public.hit_rate_limit(text, integer, integer) to service_role;
grant execute on function public.release_rate_limit_hit(text, integer) to service_role;
grant execute on function public.applied_migrations() to service_role;
