-- Small helpers every area uses: the venue's clock, the updated_at trigger, the validation
-- error, and the API's instant format. They read no table but the clock's test override.

-- ======================================================================================
-- The venue clock. Every date and time the API speaks is local to the venue (Asia/Bangkok);
-- "now" is computed here, so neither the server's nor the database's time zone matters.
-- ======================================================================================

create function app_private.venue_timezone() returns text
  language sql immutable
  as $$ select 'Asia/Bangkok'::text $$;
comment on function app_private.venue_timezone() is 'Time zone of the venue; API dates and times are local to it.';

-- Tests stand at 00:30 Bangkok or a minute before a rule's edge without sleeping: while the
-- one row of app_private.frozen_clock exists, the clock reads it. Empty in production; only
-- the database owner writes it.
create table app_private.frozen_clock (
  id boolean primary key default true check (id),
  frozen_at timestamptz not null
);
comment on table app_private.frozen_clock is
  'Tests only: while its one row exists the venue clock (app_private.clock_now) reads frozen_at. Empty in production; only the owner writes it.';

alter table app_private.frozen_clock enable row level security;
alter table app_private.frozen_clock force row level security;
create policy "Anyone reads the frozen clock" on app_private.frozen_clock
  for select to anon, authenticated, service_role using (true);
revoke all on app_private.frozen_clock from public, anon, authenticated, service_role;
-- Security invoker functions (a member's own bookings) read the clock as their caller.
grant select on app_private.frozen_clock to anon, authenticated, service_role;

-- The clock and rules helpers are plpgsql, not SQL: a SQL function with a SET clause is never
-- inlined and is planned again in every statement calling it; plpgsql keeps its plans.
create function app_private.clock_now() returns timestamptz
  language plpgsql stable
  set search_path = ''
  as $$ begin return coalesce((select fc.frozen_at from app_private.frozen_clock fc), now()); end $$;
comment on function app_private.clock_now() is
  'The instant the venue''s rules take as now: now(), or the frozen instant a test set.';

create function app_private.venue_now() returns timestamp
  language plpgsql stable
  set search_path = ''
  as $$ begin return app_private.clock_now() at time zone app_private.venue_timezone(); end $$;
comment on function app_private.venue_now() is 'Wall-clock time at the venue, whatever the server time zone.';

-- ======================================================================================
-- Shared by every area
-- ======================================================================================

-- Trigger function: keeps updated_at current on every update of a row.
create function app_private.touch_updated_at() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  new.updated_at := now();
  return new;
end
$$;

-- Trigger function: keeps an append-only record append-only (audit trails, consents), for
-- whoever asks, the table owner included. Created with the argument 'cascade', a delete
-- cascading from the record's owner (its booking, its profile) passes: the record goes with it.
create function app_private.refuse_rewrite() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  if tg_op = 'DELETE' and tg_nargs > 0 and tg_argv[0] = 'cascade' and pg_trigger_depth() > 1 then
    return old;
  end if;
  raise exception using errcode = 'PT403', message = 'FORBIDDEN',
    detail = json_build_object('reason', format('%s.%s is append-only', tg_table_schema, tg_table_name))::text;
end
$$;
comment on function app_private.refuse_rewrite() is
  'Trigger: refuses any update, delete or truncate of an append-only record; with the argument ''cascade'', a delete cascading from the record''s owner passes.';
revoke execute on function app_private.refuse_rewrite() from public;

-- Raises the 400 VALIDATION_ERROR of one field, as the API's error envelope shows it.
create function app_private.raise_validation(p_field text, p_message text) returns void
  language plpgsql
  set search_path = ''
  as $$
begin
  raise exception using errcode = 'PT400', message = 'VALIDATION_ERROR',
    detail = jsonb_build_object('fields', jsonb_build_object(p_field, p_message))::text;
end
$$;

-- ISO 8601 in UTC with milliseconds, the spec's `2024-06-20T17:05:10.000Z`.
create function app_private.iso_utc_ms(p_at timestamptz) returns text
  language plpgsql immutable
  set search_path = ''
  as $$ begin return to_char(p_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'); end $$;
comment on function app_private.iso_utc_ms(timestamptz) is 'An instant as ISO 8601 UTC with milliseconds.';

-- ======================================================================================
-- Who may call these. PostgreSQL lets PUBLIC execute a new function: the revokes take that
-- back, and each grant names the roles that may call it (PostgREST serves only `public`).
-- A trigger function is not checked for execute when it fires; raise_validation is also
-- called by the member's security invoker get_my_bookings.
-- ======================================================================================

revoke execute on function app_private.venue_timezone() from public;
revoke execute on function app_private.venue_now() from public;
revoke execute on function app_private.clock_now() from public;
revoke execute on function app_private.touch_updated_at() from public;
revoke execute on function app_private.raise_validation(text, text) from public;
revoke execute on function app_private.iso_utc_ms(timestamptz) from public;
grant execute on function app_private.venue_timezone() to anon, authenticated, service_role;
grant execute on function app_private.venue_now() to anon, authenticated, service_role;
grant execute on function app_private.clock_now() to anon, authenticated, service_role;
grant execute on function app_private.raise_validation(text, text) to authenticated;
-- A member's own bookings (security invoker) show their online change deadline as ISO text.
grant execute on function app_private.iso_utc_ms(timestamptz) to authenticated;

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
