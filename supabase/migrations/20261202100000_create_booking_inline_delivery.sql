-- A guest booking in fewer round trips and disk flushes (issue 17). Measured through the route
-- handler, one booking made 14 calls of the database in a row or side by side: the rate limit,
-- create_booking, the manage link of the answer, the claim of the booking's three jobs, per job
-- its record (recording adapters) and its outcome, the confirmation email's own manage link and
-- two brand reads, then booking_delivery_status; 9 of them waited for a disk flush.
--
-- - create_booking issues the answer's manage link (the app makes the token and passes its
--   SHA-256, as to issue_booking_manage_token) and claims the booking's jobs for the request's
--   inline attempt (app_private.claim_due_jobs, the one claim) in the booking's transaction:
--   its answer carries the claimed jobs. A request that dies before performing them leaves them
--   to their lease, as one that died after a claim of its own did.
-- - record_outbox_outcomes records the outcomes of the attempts that ended within the inline
--   budget in one statement (each as complete_outbox_job or fail_outbox_job records it) and
--   answers the booking's delivery status from them (booking_delivery_status).
-- - record_outgoing_message (what the recording adapters "send") commits without waiting for the
--   disk: the job's outcome commits durably after it, flushing the record before it.

drop function public.create_booking(jsonb);

-- POST /api/bookings/create, as a guest (anon) or the member (authenticated), in a concierge
-- VIP session or not. p_booking is the request as lib/bookings/schemas.ts BookingRecord
-- declares it (customerPhone normalised to E.164 by the app), with the Idempotency-Key, the
-- request's hash and the VIP session token's hash. A session that has lapsed does not stop the
-- booking; it is then simply not attributed. p_manage_token_hash: a manage link of the booking
-- is issued with it (a replay's too, while its booking is live): manageLinkIssued says whether.
-- p_lease_seconds: a new booking's jobs are claimed for that long and answered as `jobs`, for
-- the request to attempt inline (a replay's jobs are the first request's). At most 120 s, the
-- app's lease (lib/outbox/process-outbox.ts JOB_LEASE_SECONDS): a caller of its own can hold its
-- booking's jobs no longer than a request that died after claiming them would.
create function public.create_booking(p_booking jsonb, p_manage_token_hash text default null, p_lease_seconds integer default null)
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
  v_jobs jsonb := '[]'::jsonb;
begin
  if p_lease_seconds not between 1 and 120 then
    perform app_private.raise_validation('leaseSeconds', 'At most 120 seconds');
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
  if p_manage_token_hash is not null then
    v_issued := public.issue_booking_manage_token(v_booking_id, p_manage_token_hash);
  end if;
  if p_lease_seconds is not null and not (v_created ->> 'replayed')::boolean then
    v_jobs := app_private.claim_due_jobs(10, p_lease_seconds, v_booking_id, null, null);
  end if;
  return v_created || jsonb_build_object('manageLinkIssued', v_issued, 'jobs', v_jobs);
end
$$;
comment on function public.create_booking(jsonb, text, integer) is
  'Books a bay for a member or guest, in a concierge VIP session or not: bay choice, price, capacity, package hours, attribution, booking and outbox jobs in one transaction; optionally its manage link and the claim of its jobs for the inline attempt.';
revoke execute on function public.create_booking(jsonb, text, integer) from public;
grant execute on function public.create_booking(jsonb, text, integer) to anon, authenticated, service_role;

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
revoke execute on function public.record_outbox_outcomes(jsonb, uuid) from public;
grant execute on function public.record_outbox_outcomes(jsonb, uuid) to service_role;

-- What the recording adapters "send" when no provider keys are set (development). Its commit
-- does not wait for the disk: the job's outcome, recorded after it, commits durably.
create or replace function public.record_outgoing_message(p_channel text, p_recipient text, p_subject text, p_body jsonb) returns jsonb
  language sql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
  select set_config('synchronous_commit', 'off', true);
  insert into public.dev_outgoing_messages (channel, recipient, subject, body)
  values (p_channel, p_recipient, p_subject, p_body)
  returning jsonb_build_object('id', id)
$$;
