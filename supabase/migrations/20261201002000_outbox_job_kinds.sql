-- Outbox job kinds are rows of one table instead of names repeated in a CHECK, in the
-- system routes' whitelist and in the "moot after a cancellation" list. Each row mirrors
-- one module of lib/outbox/kinds/ (a test holds the two equal); the queue's functions read
-- the table and name no kind. The booking's calendar_event_id, written by the generic
-- completion so far, is written by a trigger of the calendar kind.

create table public.outbox_job_kinds (
  kind text primary key,
  -- A pending job of this kind is skipped, never performed, once its booking is cancelled.
  moot_when_booking_cancelled boolean not null default false,
  -- The system notification routes (POST /api/notifications/*) may queue it.
  queued_by_notification_routes boolean not null default false
);
comment on table public.outbox_job_kinds is 'Every kind of outbox job the app performs (one module each in lib/outbox/kinds/), and what the queue needs to know of it.';

insert into public.outbox_job_kinds (kind, moot_when_booking_cancelled, queued_by_notification_routes) values
  ('booking_confirmation_email', true, false),
  ('staff_line_message', false, false),
  ('calendar_event_create', true, false),
  ('calendar_event_update', true, false),
  ('calendar_event_delete', false, false),
  ('booking_change_email', true, false),
  ('booking_cancellation_email', false, true),
  ('vip_link_code_email', false, false),
  ('review_request', false, false),
  ('line_message', false, true),
  ('notification_email', false, true);

alter table public.outbox_jobs drop constraint outbox_jobs_kind_check;
alter table public.outbox_jobs add constraint outbox_jobs_kind_fkey foreign key (kind) references public.outbox_job_kinds (kind);

alter table public.outbox_job_kinds enable row level security;
alter table public.outbox_job_kinds force row level security;
create policy "Service role reads outbox job kinds" on public.outbox_job_kinds
  for select to service_role using (true);
revoke all on public.outbox_job_kinds from anon, authenticated;
grant select on public.outbox_job_kinds to service_role;

-- The claim closes due jobs that their booking's cancellation made moot, by the kinds' flag.
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
  from public.bookings b, public.outbox_job_kinds k
  where b.id = j.booking_id and b.status = 'cancelled'
    and k.kind = j.kind and k.moot_when_booking_cancelled
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

-- Records a successful attempt, whatever its kind. Only the attempt that holds the claim can complete it.
create or replace function public.complete_outbox_job(p_job_id uuid, p_attempt integer, p_result jsonb) returns boolean
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
begin
  update public.outbox_jobs
  set status = 'succeeded', result = p_result, succeeded_at = now(), locked_until = null, last_error = null
  where id = p_job_id and status = 'running' and attempts = p_attempt;
  if not found then
    return false;
  end if;
  insert into public.outbox_attempts (job_id, attempt, outcome) values (p_job_id, p_attempt, 'succeeded');
  return true;
end
$$;

-- Queues one job of a kind the system notification routes may queue. A repeated
-- p_dedupe_key answers the job queued first (so a retried request never sends twice).
create or replace function public.queue_notification_job(p_kind text, p_dedupe_key text, p_payload jsonb, p_booking_id uuid default null) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_job public.outbox_jobs;
begin
  if not exists (select 1 from public.outbox_job_kinds k where k.kind = p_kind and k.queued_by_notification_routes) then
    perform app_private.raise_validation('kind', 'Not a notification job kind');
  end if;
  insert into public.outbox_jobs (kind, dedupe_key, booking_id, payload)
  values (p_kind, p_dedupe_key, p_booking_id, p_payload)
  on conflict (dedupe_key) do nothing
  returning * into v_job;
  if not found then
    select * into v_job from public.outbox_jobs where dedupe_key = p_dedupe_key;
  end if;
  return jsonb_build_object('jobId', v_job.id, 'status', v_job.status);
end
$$;

-- The calendar kind's own effect: once a booking's event is created, the booking records its id.
create function app_private.record_created_calendar_event() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  update public.bookings set calendar_event_id = new.result ->> 'eventId' where id = new.booking_id;
  return null;
end
$$;
revoke execute on function app_private.record_created_calendar_event() from public;
create trigger outbox_jobs_record_calendar_event after update of status on public.outbox_jobs
  for each row
  when (new.kind = 'calendar_event_create' and new.status = 'succeeded' and old.status = 'running'
        and new.booking_id is not null and new.result ? 'eventId')
  execute function app_private.record_created_calendar_event();
