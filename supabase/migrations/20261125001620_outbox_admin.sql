-- The staff view of the outbox (/admin/outbox): jobs that are waiting, running or given up,
-- with their last error, and a retry that makes one of them due now.

-- Jobs not yet delivered, given-up ones first, then by when they are due.
create function public.list_undelivered_outbox_jobs(p_limit integer) returns jsonb
  language sql stable
  security definer
  set search_path = ''
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

revoke execute on function public.list_undelivered_outbox_jobs(integer) from public;
revoke execute on function public.requeue_outbox_job(uuid) from public;
grant execute on function public.list_undelivered_outbox_jobs(integer) to service_role;
grant execute on function public.requeue_outbox_job(uuid) to service_role;
