-- The transactional outbox: side effects of a booking are rows written in the booking's
-- own transaction, performed afterwards by a processor, retried until they succeed or
-- reach their cap, and never performed again once they succeeded.

create table public.outbox_jobs (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('booking_confirmation_email', 'staff_line_message', 'calendar_event_create')),
  -- One job per purpose: a second insert with the same key is the same job.
  dedupe_key text not null unique,
  booking_id uuid references public.bookings (id) on delete cascade,
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'running', 'succeeded', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  max_attempts integer not null default 8 check (max_attempts > 0),
  run_after timestamptz not null default now(),
  -- A running job whose lease has passed was abandoned (crash, killed request) and is due again.
  locked_until timestamptz,
  last_error text,
  result jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  succeeded_at timestamptz
);
comment on table public.outbox_jobs is 'Side effects (email, LINE, calendar) waiting to be performed, with their attempts and errors.';
create index outbox_jobs_due_idx on public.outbox_jobs (run_after) where status in ('pending', 'running');
create index outbox_jobs_booking_idx on public.outbox_jobs (booking_id);

create table public.outbox_attempts (
  id bigint generated always as identity primary key,
  job_id uuid not null references public.outbox_jobs (id) on delete cascade,
  attempt integer not null,
  outcome text not null check (outcome in ('succeeded', 'failed')),
  error text,
  at timestamptz not null default now()
);
comment on table public.outbox_attempts is 'Every attempt of every outbox job, so failures stay visible.';
create index outbox_attempts_job_idx on public.outbox_attempts (job_id);

create trigger outbox_jobs_touch before update on public.outbox_jobs
  for each row execute function app_private.touch_updated_at();

alter table public.outbox_jobs enable row level security;
alter table public.outbox_jobs force row level security;
alter table public.outbox_attempts enable row level security;
alter table public.outbox_attempts force row level security;
create policy "Service role manages outbox jobs" on public.outbox_jobs
  for all to service_role using (true) with check (true);
create policy "Service role manages outbox attempts" on public.outbox_attempts
  for all to service_role using (true) with check (true);
revoke all on public.outbox_jobs, public.outbox_attempts from anon, authenticated;
grant all on public.outbox_jobs, public.outbox_attempts to service_role;

-- The one way jobs are claimed: up to p_limit due jobs (optionally only one booking's, one
-- kind, or one job) for p_lease_seconds. Concurrent processors never claim the same job:
-- rows locked by another claim are skipped. A running job whose lease lapsed is due again.
create function app_private.claim_due_jobs(
  p_limit integer, p_lease_seconds integer, p_booking_id uuid, p_kind text, p_job_id uuid
) returns jsonb
  language plpgsql volatile
  set search_path = ''
  as $$
declare
  v_jobs jsonb;
begin
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

-- Claims up to p_limit due jobs of any kind (optionally of one booking): the processor's claim.
create function public.claim_outbox_jobs(p_limit integer, p_booking_id uuid default null, p_lease_seconds integer default 120)
  returns jsonb
  language sql volatile
  security definer
  set search_path = ''
  as $$ select app_private.claim_due_jobs(p_limit, p_lease_seconds, p_booking_id, null, null) $$;

-- Records a successful attempt. Only the attempt that holds the claim can complete it.
create function public.complete_outbox_job(p_job_id uuid, p_attempt integer, p_result jsonb) returns boolean
  language plpgsql volatile
  security definer
  set search_path = ''
  as $$
declare
  v_job public.outbox_jobs;
begin
  update public.outbox_jobs
  set status = 'succeeded', result = p_result, succeeded_at = now(), locked_until = null, last_error = null
  where id = p_job_id and status = 'running' and attempts = p_attempt
  returning * into v_job;
  if not found then
    return false;
  end if;
  insert into public.outbox_attempts (job_id, attempt, outcome) values (p_job_id, p_attempt, 'succeeded');
  if v_job.kind = 'calendar_event_create' and v_job.booking_id is not null then
    update public.bookings set calendar_event_id = p_result ->> 'eventId' where id = v_job.booking_id;
  end if;
  return true;
end
$$;

-- Records a failed attempt: due again after an exponential back-off (30 s doubling, at most
-- an hour, with jitter), or given up ('failed', still visible and retryable) at its cap.
create function public.fail_outbox_job(p_job_id uuid, p_attempt integer, p_error text) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  as $$
declare
  v_job public.outbox_jobs;
begin
  update public.outbox_jobs j
  set status = case when j.attempts >= j.max_attempts then 'failed' else 'pending' end,
      run_after = now() + least(interval '1 hour',
                                interval '30 seconds' * power(2, greatest(j.attempts - 1, 0)) * (0.8 + random() * 0.4)),
      locked_until = null,
      last_error = left(p_error, 2000)
  where j.id = p_job_id and j.status = 'running' and j.attempts = p_attempt
  returning * into v_job;
  if not found then
    return jsonb_build_object('recorded', false);
  end if;
  insert into public.outbox_attempts (job_id, attempt, outcome, error) values (p_job_id, p_attempt, 'failed', left(p_error, 2000));
  return jsonb_build_object('recorded', true, 'status', v_job.status, 'runAfter', v_job.run_after);
end
$$;

comment on function public.claim_outbox_jobs(integer, uuid, integer) is 'Claims due outbox jobs with FOR UPDATE SKIP LOCKED.';
comment on function public.complete_outbox_job(uuid, integer, jsonb) is 'Marks a claimed outbox job succeeded.';
comment on function public.fail_outbox_job(uuid, integer, text) is 'Records a failed attempt and schedules the retry or gives up.';
revoke execute on function public.claim_outbox_jobs(integer, uuid, integer) from public;
revoke execute on function public.complete_outbox_job(uuid, integer, jsonb) from public;
revoke execute on function public.fail_outbox_job(uuid, integer, text) from public;
grant execute on function public.claim_outbox_jobs(integer, uuid, integer) to service_role;
grant execute on function public.complete_outbox_job(uuid, integer, jsonb) to service_role;
grant execute on function public.fail_outbox_job(uuid, integer, text) to service_role;

-- Messages the embedded default would have sent, for developers (no provider keys set).
create table public.dev_outgoing_messages (
  id bigint generated always as identity primary key,
  channel text not null check (channel in ('email', 'line', 'calendar')),
  recipient text not null,
  subject text,
  body jsonb not null,
  created_at timestamptz not null default now()
);
comment on table public.dev_outgoing_messages is 'What the recording adapters would have sent; development only.';
alter table public.dev_outgoing_messages enable row level security;
alter table public.dev_outgoing_messages force row level security;
create policy "Service role manages recorded messages" on public.dev_outgoing_messages
  for all to service_role using (true) with check (true);
revoke all on public.dev_outgoing_messages from anon, authenticated;
grant all on public.dev_outgoing_messages to service_role;

create function public.record_outgoing_message(p_channel text, p_recipient text, p_subject text, p_body jsonb) returns jsonb
  language sql volatile
  security definer
  set search_path = ''
  as $$
  insert into public.dev_outgoing_messages (channel, recipient, subject, body)
  values (p_channel, p_recipient, p_subject, p_body)
  returning jsonb_build_object('id', id)
$$;

create function public.list_outgoing_messages(p_limit integer) returns jsonb
  language sql stable
  security definer
  set search_path = ''
  as $$
  select coalesce(jsonb_agg(jsonb_build_object(
    'id', m.id, 'channel', m.channel, 'recipient', m.recipient, 'subject', m.subject,
    'body', m.body, 'createdAt', m.created_at) order by m.id desc), '[]'::jsonb)
  from (select * from public.dev_outgoing_messages order by id desc limit least(greatest(p_limit, 1), 200)) m
$$;
revoke execute on function public.record_outgoing_message(text, text, text, jsonb) from public;
revoke execute on function public.list_outgoing_messages(integer) from public;
grant execute on function public.record_outgoing_message(text, text, text, jsonb) to service_role;
grant execute on function public.list_outgoing_messages(integer) to service_role;
