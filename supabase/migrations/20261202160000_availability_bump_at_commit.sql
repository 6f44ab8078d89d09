-- Bookings of one day no longer queue behind each other (issue 17). Under load (npm run bench,
-- 50 connections booking free hours), each booking waited about 5 ms on its day's row of
-- app_private.availability_versions: the statement trigger bumped the version as the booking
-- row was written, and the row stayed locked for the rest of create_booking and its commit.
-- Now the statement triggers note the days a statement touched (a transaction-local setting)
-- and the days are bumped once, at commit, by a deferred constraint trigger: the version row is
-- locked only for the commit itself, still in the booking's transaction, so a stored answer or an
-- ETag of the old version is never taken for the new one (20261202120000). The days are bumped in
-- one sorted statement, so concurrent commits lock shared days in one order. The deferred trigger
-- is on a marker row per transaction (app_private.availability_bumps_pending), not on each
-- booking row: a statement that writes a million bookings queues one event, not a million.
--
-- The claim of a new booking's jobs in public.create_booking reads only the booking's own jobs
-- (outbox_jobs_booking_idx alone): a booking made in the same transaction has no cancelled-booking
-- jobs to close and no lease to steal, which app_private.claim_due_jobs' generic statements
-- checked over the due index (1.2 ms of each booking under load).

-- A marker row per transaction that noted days; its deferred trigger bumps them at commit and
-- deletes it. Unlogged: it lives within one transaction.
create unlogged table app_private.availability_bumps_pending (
  transaction_id xid8 primary key default pg_current_xact_id()
);
comment on table app_private.availability_bumps_pending is
  'One row per open transaction that changed some day''s availability; deleted by its own commit-time bump.';
alter table app_private.availability_bumps_pending enable row level security;
alter table app_private.availability_bumps_pending force row level security;
revoke all on app_private.availability_bumps_pending from public, anon, authenticated, service_role;

-- Notes days for the commit's bump (the transaction's marker row with the first of them).
create function app_private.note_availability_days(p_days date[]) returns void
  language plpgsql volatile
  set search_path = ''
  as $$
declare
  v_noted text := nullif(current_setting('app.availability_days', true), '');
begin
  if v_noted is null then
    insert into app_private.availability_bumps_pending default values on conflict do nothing;
  end if;
  perform set_config('app.availability_days',
    (select string_agg(d::text, ',' order by d)
     from (select unnest(p_days) union select unnest(string_to_array(v_noted, ','))::date) as t(d)
     where d is not null),
    true);
end
$$;

-- Deferred (at commit): bumps the noted days in one sorted statement.
create function app_private.bump_noted_availability() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
declare
  v_noted text := nullif(current_setting('app.availability_days', true), '');
begin
  delete from app_private.availability_bumps_pending p where p.transaction_id = new.transaction_id;
  perform set_config('app.availability_days', '', true);
  if v_noted is not null then
    perform app_private.bump_availability(string_to_array(v_noted, ',')::date[]);
  end if;
  return null;
end
$$;

create constraint trigger availability_bumps_pending_at_commit after insert on app_private.availability_bumps_pending
  deferrable initially deferred
  for each row execute function app_private.bump_noted_availability();

-- Statement triggers of public.bookings: the days of rows inserted or deleted, and of updated rows
-- whose bay, time or status changed (before and after the change), noted for the commit.
create or replace function app_private.bookings_availability_changed() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
declare
  v_days date[];
begin
  if tg_op = 'TRUNCATE' then
    perform app_private.bump_availability(array['-infinity'::date]);
    return null;
  elsif tg_op = 'INSERT' then
    select array_agg(distinct d) into v_days from new_rows n cross join lateral app_private.venue_days(n.starts_at, n.ends_at) d;
  elsif tg_op = 'DELETE' then
    select array_agg(distinct d) into v_days from old_rows o cross join lateral app_private.venue_days(o.starts_at, o.ends_at) d;
  else
    select array_agg(distinct d) into v_days
    from old_rows o
    join new_rows n on n.id = o.id
    cross join lateral (select app_private.venue_days(o.starts_at, o.ends_at) union select app_private.venue_days(n.starts_at, n.ends_at)) as t(d)
    where (o.bay_id, o.starts_at, o.ends_at, o.status) is distinct from (n.bay_id, n.starts_at, n.ends_at, n.status);
  end if;
  if v_days is not null then
    perform app_private.note_availability_days(v_days);
  end if;
  return null;
end
$$;

revoke execute on function app_private.note_availability_days(date[]) from public;
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
