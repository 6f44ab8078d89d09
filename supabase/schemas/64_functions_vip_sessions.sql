-- VIP sessions: open one from a concierge code (or fall back to demo mode), validate a token,
-- count sessions for staff, and remove expired ones. All of it decided here; the app only
-- makes the token (32 random bytes) and passes its SHA-256 hash, never the token itself.
-- "Now" is the database's now(); tests move created_at/expires_at with SQL instead.

-- ======================================================================================
-- Helpers
-- ======================================================================================

-- The spec: every session token expires 24 hours after it was created, demo tokens too.
create function app_private.vip_session_lifetime() returns interval
  language sql immutable
  set search_path = ''
  as $$ select interval '24 hours' $$;
comment on function app_private.vip_session_lifetime() is 'How long a VIP session (or a demo session) lasts: 24 hours, as the spec says.';

-- The `vip_code` object of the spec: the code and its concierge.
create function app_private.vip_code_json(p_vip_code_id bigint) returns jsonb
  language sql stable
  set search_path = ''
  as $$
  select jsonb_build_object(
    'id', v.id,
    'code', v.code,
    'concierge', jsonb_build_object('id', c.id, 'name', c.name, 'hotel_name', c.hotel_name)
  )
  from public.vip_codes v
  join public.concierges c on c.id = v.concierge_id
  where v.id = p_vip_code_id
$$;
comment on function app_private.vip_code_json(bigint) is 'A VIP code with its concierge, as the VIP session endpoints show it.';

-- ======================================================================================
-- The /api/vip/sessions endpoints and the cleanup (cron and timer)
-- ======================================================================================

-- POST /api/vip/sessions: a valid active code (trimmed, any case) opens a session stored by
-- its token hash and expiring in 24 hours; any other well-formed code falls back to demo
-- mode, whose token the app builds from `issued_at` (unix seconds). Both are recorded as events.
create function public.create_vip_session(p_code text, p_token_hash text) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_code text := upper(btrim(p_code));
  -- Milliseconds, so the instant stored is exactly the one the API shows.
  v_now timestamptz := date_trunc('milliseconds', now());
  v_vip_code_id bigint;
  v_session public.vip_sessions;
  v_issued_at bigint;
begin
  if v_code is null or v_code !~ '^[A-Z0-9]{4,12}$' then
    raise exception using errcode = 'PT400', message = 'VALIDATION_ERROR',
      detail = '{"fields":{"vip_code":"The vip code format is invalid."}}';
  end if;
  if p_token_hash is null or p_token_hash !~ '^[0-9a-f]{64}$' then
    raise exception using errcode = 'PT400', message = 'VALIDATION_ERROR',
      detail = '{"fields":{"token_hash":"Must be a SHA-256 hash in hex"}}';
  end if;

  select v.id into v_vip_code_id from public.vip_codes v where v.code = v_code and v.active;
  if found then
    insert into public.vip_sessions (token_hash, vip_code_id, created_at, expires_at)
    values (p_token_hash, v_vip_code_id, v_now, v_now + app_private.vip_session_lifetime())
    returning * into v_session;
    insert into public.vip_session_events (kind, session_id, vip_code_id, created_at)
    values ('created', v_session.id, v_vip_code_id, v_now);
    return jsonb_build_object(
      'is_demo', false,
      'session', jsonb_build_object('id', v_session.id, 'expires_at', app_private.iso_utc_ms(v_session.expires_at)),
      'vip_code', app_private.vip_code_json(v_vip_code_id)
    );
  end if;

  v_issued_at := floor(extract(epoch from now()))::bigint;
  insert into public.vip_session_events (kind, is_demo, attempted_code) values ('demo_fallback', true, v_code);
  return jsonb_build_object(
    'is_demo', true,
    'issued_at', v_issued_at,
    'expires_at', app_private.iso_utc_ms(to_timestamp(v_issued_at) + app_private.vip_session_lifetime())
  );
end
$$;
comment on function public.create_vip_session(text, text) is
  'Opens a 24-hour VIP session for a valid active code (storing only the token hash), else records a demo fallback.';

-- POST /api/vip/sessions/validate (real tokens): the session of this token hash while it is
-- unexpired, unrevoked and its code still active; it then records the validation and when
-- the session was last seen. Otherwise `valid: false` (the 401 case), recording the first
-- time an expired session was presented.
create function public.validate_vip_session(p_token_hash text) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_session public.vip_sessions;
  v_code_active boolean;
begin
  if p_token_hash is null or p_token_hash !~ '^[0-9a-f]{64}$' then
    return jsonb_build_object('valid', false);
  end if;
  select s.* into v_session from public.vip_sessions s where s.token_hash = p_token_hash for update;
  if not found then
    return jsonb_build_object('valid', false);
  end if;

  if v_session.expires_at <= now() then
    if not exists (select 1 from public.vip_session_events e where e.session_id = v_session.id and e.kind = 'expired') then
      insert into public.vip_session_events (kind, session_id, vip_code_id)
      values ('expired', v_session.id, v_session.vip_code_id);
    end if;
    return jsonb_build_object('valid', false);
  end if;
  select v.active into v_code_active from public.vip_codes v where v.id = v_session.vip_code_id;
  if v_session.revoked_at is not null or not coalesce(v_code_active, false) then
    return jsonb_build_object('valid', false);
  end if;

  update public.vip_sessions set last_seen_at = now() where id = v_session.id;
  insert into public.vip_session_events (kind, session_id, vip_code_id)
  values ('validated', v_session.id, v_session.vip_code_id);
  return jsonb_build_object(
    'valid', true,
    'is_demo', false,
    'session', jsonb_build_object('id', v_session.id, 'expires_at', app_private.iso_utc_ms(v_session.expires_at)),
    'vip_code', app_private.vip_code_json(v_session.vip_code_id)
  );
end
$$;
comment on function public.validate_vip_session(text) is
  'Validates a VIP session token by its SHA-256 hash: the session, code and concierge, or valid=false.';

-- POST /api/vip/sessions/validate (demo tokens, `demo_<issued_at>`): valid within the 24
-- hours after its own timestamp, never for a timestamp in the future. A demo session has
-- no row and opens nothing; the validation is recorded for analytics.
create function public.validate_demo_vip_session(p_issued_at bigint) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_issued timestamptz;
begin
  -- 0 .. year 5138: anything else is not a timestamp this server issued.
  if p_issued_at is null or p_issued_at < 0 or p_issued_at > 99999999999 then
    return jsonb_build_object('valid', false);
  end if;
  v_issued := to_timestamp(p_issued_at);
  if v_issued > now() or v_issued + app_private.vip_session_lifetime() <= now() then
    return jsonb_build_object('valid', false);
  end if;
  insert into public.vip_session_events (kind, is_demo) values ('validated', true);
  return jsonb_build_object(
    'valid', true,
    'is_demo', true,
    'expires_at', app_private.iso_utc_ms(v_issued + app_private.vip_session_lifetime())
  );
end
$$;
comment on function public.validate_demo_vip_session(bigint) is
  'Validates a demo session token by its issue time (unix seconds): valid for 24 hours from it.';

-- GET /api/vip/sessions/analytics, for staff only. Sessions ever created (their `created`
-- events, which outlive the cleanup), those active now (unexpired, unrevoked), the rest
-- as expired, and how many were created in the last 24 hours, 7 days and 30 days.
create function public.vip_session_analytics() returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_created record;
  v_active bigint;
begin
  if not app_private.caller_is_staff() then
    raise exception using errcode = 'PT403', message = 'FORBIDDEN';
  end if;
  select count(*) as total,
         count(*) filter (where e.created_at > now() - interval '24 hours') as last_24h,
         count(*) filter (where e.created_at > now() - interval '7 days') as last_7d,
         count(*) filter (where e.created_at > now() - interval '30 days') as last_30d
  into v_created
  from public.vip_session_events e
  where e.kind = 'created';
  select count(*) into v_active
  from public.vip_sessions s
  where s.expires_at > now() and s.revoked_at is null;
  return jsonb_build_object(
    'total_sessions', v_created.total,
    'active_sessions', v_active,
    'expired_sessions', greatest(v_created.total - v_active, 0),
    'session_creation_rate', jsonb_build_object(
      'last_24h', v_created.last_24h,
      'last_7d', v_created.last_7d,
      'last_30d', v_created.last_30d
    )
  );
end
$$;
comment on function public.vip_session_analytics() is
  'Counts of VIP sessions (total, active, expired, created in the last 24h/7d/30d); staff only, else 403 FORBIDDEN.';

-- GET|POST /api/cron/cleanup-vip-sessions and the in-process timer: removes every session
-- whose expiry has passed (nothing else) and records how many in a `cleaned_up` event
-- (only when there were any, so an idle timer leaves no trail).
create function public.cleanup_expired_vip_sessions() returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_removed integer;
begin
  with removed as (
    delete from public.vip_sessions s where s.expires_at <= now() returning s.id
  )
  select count(*) into v_removed from removed;
  if v_removed > 0 then
    insert into public.vip_session_events (kind, removed_count) values ('cleaned_up', v_removed);
  end if;
  return jsonb_build_object('removed', v_removed);
end
$$;
comment on function public.cleanup_expired_vip_sessions() is
  'Deletes expired VIP sessions and records how many were removed; returns {removed}.';

-- ======================================================================================
-- Who may call these. PostgreSQL lets PUBLIC execute a new function: the revokes take that
-- back, and each grant names the roles that may call it (PostgREST serves only `public`).
-- ======================================================================================

revoke execute on function app_private.vip_session_lifetime() from public;
revoke execute on function app_private.vip_code_json(bigint) from public;
revoke execute on function public.create_vip_session(text, text) from public;
revoke execute on function public.validate_vip_session(text) from public;
revoke execute on function public.validate_demo_vip_session(bigint) from public;
revoke execute on function public.vip_session_analytics() from public;
revoke execute on function public.cleanup_expired_vip_sessions() from public;
grant execute on function public.create_vip_session(text, text) to service_role;
grant execute on function public.validate_vip_session(text) to service_role;
grant execute on function public.validate_demo_vip_session(bigint) to service_role;
grant execute on function public.vip_session_analytics() to authenticated;
grant execute on function public.cleanup_expired_vip_sessions() to service_role;
