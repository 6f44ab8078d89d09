-- A cancelled booking's creation and change jobs are moot: cancel_vip_booking closes those
-- that are pending, but one whose attempt was in flight at that moment fails back to
-- pending (or its lease lapses) and would run afterwards: a calendar update that finds the
-- event deleted inserts it again, a confirmation would follow the cancellation email.
-- The one claim function now closes such jobs as skipped instead of handing them out.
create or replace function app_private.claim_due_jobs(
  p_limit integer, p_lease_seconds integer, p_booking_id uuid, p_kind text, p_job_id uuid
) returns jsonb
  language plpgsql volatile
  set search_path = ''
  as $$
declare
  v_jobs jsonb;
begin
  update public.outbox_jobs j
  set status = 'succeeded', result = '{"skipped": "booking cancelled"}'::jsonb, succeeded_at = now(), locked_until = null
  from public.bookings b
  where b.id = j.booking_id and b.status = 'cancelled'
    and j.kind in ('booking_confirmation_email', 'calendar_event_create', 'calendar_event_update', 'booking_change_email')
    and ((j.status = 'pending' and j.run_after <= now()) or (j.status = 'running' and j.locked_until < now()))
    and (p_booking_id is null or j.booking_id = p_booking_id)
    and (p_kind is null or j.kind = p_kind)
    and (p_job_id is null or j.id = p_job_id);

  with due as (
    select j.id from public.outbox_jobs j
    where ((j.status = 'pending' and j.run_after <= now())
           or (j.status = 'running' and j.locked_until < now()))
      and (p_booking_id is null or j.booking_id = p_booking_id)
      and (p_kind is null or j.kind = p_kind)
      and (p_job_id is null or j.id = p_job_id)
    order by j.run_after
    limit greatest(p_limit, 0)
    for update skip locked
  ),
  claimed as (
    update public.outbox_jobs j
    set status = 'running', attempts = j.attempts + 1,
        locked_until = now() + make_interval(secs => p_lease_seconds)
    from due where j.id = due.id
    returning j.id, j.kind, j.payload, j.attempts, j.booking_id
  )
  select coalesce(jsonb_agg(jsonb_build_object(
    'id', id, 'kind', kind, 'payload', payload, 'attempt', attempts, 'bookingId', booking_id)), '[]'::jsonb)
  into v_jobs
  from claimed;
  return v_jobs;
end
$$;
comment on function app_private.claim_due_jobs(integer, integer, uuid, text, uuid) is
  'Claims due outbox jobs (FOR UPDATE SKIP LOCKED) for a lease; jobs a booking''s cancellation made moot are closed as skipped instead.';
