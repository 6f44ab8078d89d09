-- An outbox claim's commit need not wait for its WAL to reach the disk (issue 17): a claim lost
-- in a crash only makes its job due again, which a crash makes it anyway (its lease lapses, the
-- attempt is retried), and the attempt's outcome (complete_outbox_job, fail_outbox_job) commits
-- durably, flushing the claim before it. A booking's inline delivery saves one disk flush
-- (about 3.5 ms on this machine: bench/, docs/PERFORMANCE.md). set_config(..., true) lasts to
-- the end of the caller's transaction, whose commit it is.

create or replace function public.claim_outbox_jobs(p_limit integer, p_booking_id uuid default null, p_lease_seconds integer default 120)
  returns jsonb
  language sql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
  select set_config('synchronous_commit', 'off', true);
  select app_private.claim_due_jobs(p_limit, p_lease_seconds, p_booking_id, null, null)
$$;

create or replace function public.claim_outbox_job(p_job_id uuid, p_lease_seconds integer) returns jsonb
  language sql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
  select set_config('synchronous_commit', 'off', true);
  select app_private.claim_due_jobs(1, p_lease_seconds, null, null, p_job_id)
$$;
