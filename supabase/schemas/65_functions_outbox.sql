-- The transactional outbox: jobs are written in the transaction of the change they belong to,
-- claimed with FOR UPDATE SKIP LOCKED, performed by the app, completed or failed (retried with
-- back-off until max_attempts, then given up but visible and retryable).

-- ======================================================================================
-- Claiming, completing and failing jobs
-- ======================================================================================

-- The one way jobs are claimed: up to p_limit due jobs (optionally only one booking's, one
-- kind, or one job) for p_lease_seconds. Concurrent processors never claim the same job:
-- rows locked by another claim are skipped. A running job whose lease lapsed is due again.
-- A cancelled booking's creation and change jobs are moot (one in flight when the booking was
-- cancelled would otherwise run afterwards): they are closed as skipped, never handed out.
create function app_private.claim_due_jobs(
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
comment on function app_private.claim_due_jobs(integer, integer, uuid, text, uuid) is
  'Claims due outbox jobs (FOR UPDATE SKIP LOCKED) for a lease; jobs a booking''s cancellation made moot are closed as skipped instead.';

-- Claims up to p_limit due jobs of any kind (optionally of one booking): the processor's claim.
-- A claim commits without waiting for the disk (synchronous_commit off for its transaction): a
-- claim lost in a crash only makes its job due again, as the lapsed lease would, and the
-- outcome commits durably, flushing the claim before it.
create function public.claim_outbox_jobs(p_limit integer, p_booking_id uuid default null, p_lease_seconds integer default 120)
  returns jsonb
  language sql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
  select set_config('synchronous_commit', 'off', true);
  select app_private.claim_due_jobs(p_limit, p_lease_seconds, p_booking_id, null, null)
$$;
comment on function public.claim_outbox_jobs(integer, uuid, integer) is 'Claims due outbox jobs with FOR UPDATE SKIP LOCKED.';

-- Claims one job by id when it is due (for the inline attempt of the request that queued it).
create function public.claim_outbox_job(p_job_id uuid, p_lease_seconds integer) returns jsonb
  language sql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
  select set_config('synchronous_commit', 'off', true);
  select app_private.claim_due_jobs(1, p_lease_seconds, null, null, p_job_id)
$$;
comment on function public.claim_outbox_job(uuid, integer) is 'Claims one due outbox job by id (SKIP LOCKED).';

-- Records a successful attempt, whatever its kind. Only the attempt that holds the claim can complete it.
create function public.complete_outbox_job(p_job_id uuid, p_attempt integer, p_result jsonb) returns boolean
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
comment on function public.complete_outbox_job(uuid, integer, jsonb) is 'Marks a claimed outbox job succeeded.';

-- Records a failed attempt: due again after an exponential back-off (30 s doubling, at most
-- an hour, with jitter), or given up ('failed', still visible and retryable) at its cap.
create function public.fail_outbox_job(p_job_id uuid, p_attempt integer, p_error text) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
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
comment on function public.fail_outbox_job(uuid, integer, text) is 'Records a failed attempt and schedules the retry or gives up.';

-- Where an outbox job stands: status, attempts, last error, result.
create function public.outbox_job_state(p_job_id uuid) returns jsonb
  language sql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
  select jsonb_build_object('jobId', j.id, 'kind', j.kind, 'status', j.status, 'attempts', j.attempts,
                            'lastError', j.last_error, 'result', j.result)
  from public.outbox_jobs j where j.id = p_job_id
$$;
comment on function public.outbox_job_state(uuid) is 'The status, attempts, last error and result of one outbox job.';

-- The outcomes of attempts, recorded in one statement: each {jobId, attempt, outcome:
-- 'succeeded', result} as complete_outbox_job records it, or {jobId, attempt, outcome: 'failed',
-- error} as fail_outbox_job does (only the attempt holding the claim is recorded). With
-- p_booking_id, answers that booking's delivery status as booking_delivery_status does.
create function public.record_outbox_outcomes(p_outcomes jsonb, p_booking_id uuid default null) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_outcome jsonb;
begin
  for v_outcome in select value from jsonb_array_elements(p_outcomes) loop
    if v_outcome ->> 'outcome' = 'succeeded' then
      perform public.complete_outbox_job((v_outcome ->> 'jobId')::uuid, (v_outcome ->> 'attempt')::integer, v_outcome -> 'result');
    else
      perform public.fail_outbox_job((v_outcome ->> 'jobId')::uuid, (v_outcome ->> 'attempt')::integer, v_outcome ->> 'error');
    end if;
  end loop;
  return jsonb_build_object('delivery', case when p_booking_id is not null then public.booking_delivery_status(p_booking_id) end);
end
$$;
comment on function public.record_outbox_outcomes(jsonb, uuid) is
  'Records the outcomes of several outbox attempts in one statement; with a booking, answers its delivery status.';

-- ======================================================================================
-- System notification routes (POST /api/notifications/line, /email, /email/cancellation)
-- ======================================================================================

-- Queues one job of a kind the system notification routes may queue. A repeated
-- p_dedupe_key answers the job queued first (so a retried request never sends twice).
create function public.queue_notification_job(p_kind text, p_dedupe_key text, p_payload jsonb, p_booking_id uuid default null) returns jsonb
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
comment on function public.queue_notification_job(text, text, jsonb, uuid) is 'Queues a system notification (LINE, email) as an outbox job.';

-- ======================================================================================
-- The staff view of the outbox (/admin/outbox)
-- ======================================================================================

-- Jobs not yet delivered, given-up ones first, then by when they are due.
create function public.list_undelivered_outbox_jobs(p_limit integer) returns jsonb
  language sql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
  select coalesce(jsonb_agg(jsonb_build_object(
    'id', j.id, 'kind', j.kind, 'status', j.status, 'attempts', j.attempts, 'maxAttempts', j.max_attempts,
    'lastError', j.last_error, 'runAfter', j.run_after, 'updatedAt', j.updated_at,
    'bookingId', j.booking_id, 'bookingReference', b.reference
  ) order by j.status <> 'failed', j.run_after), '[]'::jsonb)
  from (
    select * from public.outbox_jobs
    where status in ('pending', 'running', 'failed')
    order by status <> 'failed', run_after
    limit least(greatest(p_limit, 1), 200)
  ) j
  left join public.bookings b on b.id = j.booking_id
$$;
comment on function public.list_undelivered_outbox_jobs(integer) is 'Outbox jobs not delivered yet (pending, running, given up), for staff.';

-- Makes a pending or given-up job due now; a given-up one gets one more attempt.
create function public.requeue_outbox_job(p_job_id uuid) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_job public.outbox_jobs;
begin
  update public.outbox_jobs
  set status = 'pending', run_after = now(), max_attempts = greatest(max_attempts, attempts + 1)
  where id = p_job_id and status in ('pending', 'failed')
  returning * into v_job;
  if not found then
    select * into v_job from public.outbox_jobs where id = p_job_id;
    if not found then
      raise exception using errcode = 'PT404', message = 'NOT_FOUND', detail = jsonb_build_object('jobId', p_job_id)::text;
    end if;
  end if;
  return jsonb_build_object('jobId', v_job.id, 'status', v_job.status);
end
$$;
comment on function public.requeue_outbox_job(uuid) is 'Makes a pending or given-up outbox job due now (admin retry).';

-- ======================================================================================
-- Recorded messages of the embedded default (no provider keys), for developers
-- ======================================================================================

-- What the recording adapters "send" when no provider keys are set (development): each of
-- p_messages ({channel, recipient, subject, body}) recorded, in their order. Its commit does not
-- wait for the disk: the jobs' outcomes, recorded after it, commit durably.
create function public.record_outgoing_messages(p_messages jsonb) returns jsonb
  language sql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
  select set_config('synchronous_commit', 'off', true);
  with recorded as (
    insert into public.dev_outgoing_messages (channel, recipient, subject, body)
    select m ->> 'channel', m ->> 'recipient', m ->> 'subject', m -> 'body'
    from jsonb_array_elements(p_messages) with ordinality as t(m, n)
    order by t.n
    returning id
  )
  select jsonb_build_object('recorded', count(*)) from recorded
$$;

-- The newest recorded messages, for /dev/outbox.
create function public.list_outgoing_messages(p_limit integer) returns jsonb
  language sql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
  select coalesce(jsonb_agg(jsonb_build_object(
    'id', m.id, 'channel', m.channel, 'recipient', m.recipient, 'subject', m.subject,
    'body', m.body, 'createdAt', m.created_at) order by m.id desc), '[]'::jsonb)
  from (select * from public.dev_outgoing_messages order by id desc limit least(greatest(p_limit, 1), 200)) m
$$;

-- ======================================================================================
-- Who may call these. PostgreSQL lets PUBLIC execute a new function: the revokes take that
-- back, and each grant names the roles that may call it (PostgREST serves only `public`).
-- ======================================================================================

revoke execute on function app_private.claim_due_jobs(integer, integer, uuid, text, uuid) from public;
revoke execute on function public.claim_outbox_jobs(integer, uuid, integer) from public;
revoke execute on function public.claim_outbox_job(uuid, integer) from public;
revoke execute on function public.complete_outbox_job(uuid, integer, jsonb) from public;
revoke execute on function public.fail_outbox_job(uuid, integer, text) from public;
revoke execute on function public.record_outbox_outcomes(jsonb, uuid) from public;
revoke execute on function public.outbox_job_state(uuid) from public;
revoke execute on function public.queue_notification_job(text, text, jsonb, uuid) from public;
revoke execute on function public.list_undelivered_outbox_jobs(integer) from public;
revoke execute on function public.requeue_outbox_job(uuid) from public;
revoke execute on function public.record_outgoing_messages(jsonb) from public;
revoke execute on function public.list_outgoing_messages(integer) from public;
grant execute on function public.claim_outbox_jobs(integer, uuid, integer) to service_role;
grant execute on function public.claim_outbox_job(uuid, integer) to service_role;
grant execute on function public.complete_outbox_job(uuid, integer, jsonb) to service_role;
grant execute on function public.fail_outbox_job(uuid, integer, text) to service_role;
grant execute on function public.record_outbox_outcomes(jsonb, uuid) to service_role;
grant execute on function public.outbox_job_state(uuid) to service_role;
grant execute on function public.queue_notification_job(text, text, jsonb, uuid) to service_role;
grant execute on function public.list_undelivered_outbox_jobs(integer) to service_role;
grant execute on function public.requeue_outbox_job(uuid) to service_role;
grant execute on function public.record_outgoing_messages(jsonb) to service_role;
grant execute on function public.list_outgoing_messages(integer) to service_role;
