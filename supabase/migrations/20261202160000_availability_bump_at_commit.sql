-- Bookings of one day no longer queue behind each other (issue 17). Under load (npm run bench,
-- 50 connections booking free hours), each booking waited about 5 ms on its day's row of
-- app_private.availability_versions: the statement trigger bumped the version as the booking
-- row was written, and the row stayed locked for the rest of create_booking and its commit.
-- Now the days a booking's row touches are noted as it is written (a transaction-local setting)
-- and bumped once, at commit, by a deferred constraint trigger: the version row is locked only
-- for the commit itself, still in the booking's transaction, so a stored answer or an ETag of the
-- old version is never taken for the new one (20261202120000). The days are bumped in one sorted
-- statement, so concurrent commits lock shared days in one order.
--
-- The claim of a new booking's jobs in public.create_booking reads only the booking's own jobs
-- (outbox_jobs_booking_idx alone): a booking made in the same transaction has no cancelled-booking
-- jobs to close and no lease to steal, which app_private.claim_due_jobs' generic statements
-- checked over the due index (1.2 ms of each booking under load).

-- Notes the venue-local days [p_starts, p_ends) touches, for the commit's bump.
create function app_private.note_availability_days(p_starts timestamptz, p_ends timestamptz) returns void
  language plpgsql volatile
  set search_path = ''
  as $$
declare
  v_tz text := app_private.venue_timezone();
  v_first date := (p_starts at time zone v_tz)::date;
  v_last date := ((p_ends at time zone v_tz) - interval '1 microsecond')::date;
  v_days text := v_first::text;
begin
  -- As app_private.venue_days, without a query for the usual booking of one day.
  if v_last > v_first then
    select string_agg(d::date::text, ',') into v_days from generate_series(v_first, v_last, interval '1 day') as d;
  end if;
  perform set_config('app.availability_days', concat_ws(',', nullif(current_setting('app.availability_days', true), ''), v_days), true);
end
$$;

-- Row trigger of public.bookings: the days of a row inserted or deleted, and of an updated row
-- whose bay, time or status changed (before and after the change; the trigger's WHEN).
create function app_private.bookings_availability_noted() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform app_private.note_availability_days(old.starts_at, old.ends_at);
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    perform app_private.note_availability_days(new.starts_at, new.ends_at);
  end if;
  return null;
end
$$;

-- Deferred (at commit): bumps the noted days, once; the transaction's later firings find none.
create function app_private.bump_noted_availability() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
declare
  v_noted text := current_setting('app.availability_days', true);
begin
  if coalesce(v_noted, '') <> '' then
    perform set_config('app.availability_days', '', true);
    perform app_private.bump_availability(
      (select array_agg(distinct d order by d) from unnest(string_to_array(v_noted, ',')::date[]) as d));
  end if;
  return null;
end
$$;

drop trigger bookings_availability_inserted on public.bookings;
drop trigger bookings_availability_updated on public.bookings;
drop trigger bookings_availability_deleted on public.bookings;
drop trigger bookings_availability_truncated on public.bookings;
drop function app_private.bookings_availability_changed();

create trigger bookings_availability_noted after insert or delete on public.bookings
  for each row execute function app_private.bookings_availability_noted();
create trigger bookings_availability_noted_update after update on public.bookings
  for each row
  when ((old.bay_id, old.starts_at, old.ends_at, old.status) is distinct from (new.bay_id, new.starts_at, new.ends_at, new.status))
  execute function app_private.bookings_availability_noted();
create constraint trigger bookings_availability_bumped after insert or delete on public.bookings
  deferrable initially deferred
  for each row execute function app_private.bump_noted_availability();
create constraint trigger bookings_availability_bumped_update after update on public.bookings
  deferrable initially deferred
  for each row
  when ((old.bay_id, old.starts_at, old.ends_at, old.status) is distinct from (new.bay_id, new.starts_at, new.ends_at, new.status))
  execute function app_private.bump_noted_availability();
-- A truncate drops every day's bookings: the venue-wide version.
create trigger bookings_availability_truncated after truncate on public.bookings
  for each statement execute function app_private.venue_availability_changed();

revoke execute on function app_private.note_availability_days(timestamptz, timestamptz) from public;
revoke execute on function app_private.bookings_availability_noted() from public;
revoke execute on function app_private.bump_noted_availability() from public;

create or replace function public.create_booking(p_booking jsonb, p_manage_token_hashes jsonb default null, p_lease_seconds integer default null)
  returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_uid uuid := auth.uid();
  v_profile public.profiles;
  v_created jsonb;
  v_booking_id uuid;
  v_issued boolean := false;
  v_hash text;
  v_jobs jsonb := '[]'::jsonb;
  v_own uuid[];
begin
  if p_lease_seconds not between 1 and 120 then
    perform app_private.raise_validation('leaseSeconds', 'At most 120 seconds');
  end if;
  if jsonb_array_length(p_manage_token_hashes) > 2 then
    perform app_private.raise_validation('manageTokenHashes', 'At most two');
  end if;
  if v_uid is not null then
    select * into v_profile from public.profiles where id = v_uid;
    if not found then
      raise exception using errcode = 'PT401', message = 'AUTH_REQUIRED';
    end if;
  end if;
  v_created := app_private.create_booking(p_booking, true, v_profile.id, v_profile.customer_id, 'online',
                                          app_private.booking_idempotency_scope(p_booking));
  v_booking_id := (v_created ->> 'bookingId')::uuid;
  for v_hash in
    select h from jsonb_array_elements_text(coalesce(p_manage_token_hashes, '[]')) with ordinality as t(h, n)
    where n = 1 or not (v_created ->> 'replayed')::boolean
  loop
    v_issued := public.issue_booking_manage_token(v_booking_id, v_hash);
  end loop;
  -- The jobs this transaction just queued (due now; the reminders later), claimed as
  -- app_private.claim_due_jobs claims: nobody else can see them before the commit.
  if p_lease_seconds is not null and not (v_created ->> 'replayed')::boolean then
    -- Found by the booking's index alone (the due index, combined with it, made the plan read
    -- every due job), then updated by id.
    select array_agg(j.id) filter (where j.status = 'pending' and j.run_after <= now()) into v_own
    from public.outbox_jobs j where j.booking_id = v_booking_id;
    with claimed as (
      update public.outbox_jobs j
      set status = 'running', attempts = j.attempts + 1,
          locked_until = now() + make_interval(secs => p_lease_seconds)
      where j.id = any(v_own)
      returning j.id, j.kind, j.payload, j.attempts, j.booking_id
    )
    select coalesce(jsonb_agg(jsonb_build_object(
      'id', id, 'kind', kind, 'payload', payload, 'attempt', attempts, 'bookingId', booking_id)), '[]'::jsonb)
    into v_jobs
    from claimed;
  end if;
  -- The brand the claimed jobs' messages name the venue with, read in the booking's transaction.
  return v_created || jsonb_build_object('manageLinkIssued', v_issued, 'jobs', v_jobs,
    'brand', case when jsonb_array_length(v_jobs) > 0 then public.get_venue_brand() end);
end
$$;
