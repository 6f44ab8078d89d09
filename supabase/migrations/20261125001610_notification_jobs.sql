-- System notification routes (POST /api/notifications/line, /email, /email/cancellation)
-- queue an outbox job and attempt it inline: nothing is lost when a provider is down.

-- Queues one job of a system notification kind. A repeated p_dedupe_key answers the job
-- queued first (so a retried request never sends twice).
create function public.queue_notification_job(p_kind text, p_dedupe_key text, p_payload jsonb, p_booking_id uuid default null) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  as $$
declare
  v_job public.outbox_jobs;
begin
  if p_kind not in ('line_message', 'notification_email', 'booking_cancellation_email') then
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

-- Claims one job by id when it is due (for the inline attempt of the request that queued it).
create function public.claim_outbox_job(p_job_id uuid, p_lease_seconds integer) returns jsonb
  language sql volatile
  security definer
  set search_path = ''
  as $$ select app_private.claim_due_jobs(1, p_lease_seconds, null, null, p_job_id) $$;
comment on function public.claim_outbox_job(uuid, integer) is 'Claims one due outbox job by id (SKIP LOCKED).';

-- Where an outbox job stands: status, attempts, last error, result.
create function public.outbox_job_state(p_job_id uuid) returns jsonb
  language sql stable
  security definer
  set search_path = ''
  as $$
  select jsonb_build_object('jobId', j.id, 'kind', j.kind, 'status', j.status, 'attempts', j.attempts,
                            'lastError', j.last_error, 'result', j.result)
  from public.outbox_jobs j where j.id = p_job_id
$$;
comment on function public.outbox_job_state(uuid) is 'The status, attempts, last error and result of one outbox job.';

-- POST /api/notifications/email/cancellation: the cancellation notice of a cancelled booking,
-- sent to p_email (the booking's own address when null), with the reason given.
create function public.booking_cancellation_notice(p_booking_id uuid, p_email text default null, p_reason text default null) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  as $$
declare
  v_booking public.bookings;
begin
  select * into v_booking from public.bookings where id = p_booking_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'BOOKING_NOT_FOUND',
      detail = jsonb_build_object('bookingId', p_booking_id)::text;
  end if;
  if v_booking.status <> 'cancelled' then
    raise exception using errcode = 'PT409', message = 'CONFLICT',
      detail = jsonb_build_object('bookingId', p_booking_id, 'reason', 'The booking is not cancelled')::text;
  end if;
  return app_private.booking_change_notice(p_booking_id, null)
    || jsonb_build_object('customerEmail', coalesce(p_email, v_booking.customer_email),
                          'cancellationReason', coalesce(p_reason, v_booking.cancellation_reason));
end
$$;
comment on function public.booking_cancellation_notice(uuid, text, text) is 'The cancellation email notice of a cancelled booking (system callers).';

-- Whether a profile is an admin (POST /api/admin/calendar-retry, the outbox view).
create function public.profile_staff_role(p_profile_id uuid) returns jsonb
  language sql stable
  security definer
  set search_path = ''
  as $$
  select jsonb_build_object('staffRole', (select p.staff_role from public.profiles p where p.id = p_profile_id))
$$;
comment on function public.profile_staff_role(uuid) is 'The staff role of a profile (null for customers).';

revoke execute on function public.queue_notification_job(text, text, jsonb, uuid) from public;
revoke execute on function public.claim_outbox_job(uuid, integer) from public;
revoke execute on function public.outbox_job_state(uuid) from public;
revoke execute on function public.booking_cancellation_notice(uuid, text, text) from public;
revoke execute on function public.profile_staff_role(uuid) from public;
grant execute on function public.queue_notification_job(text, text, jsonb, uuid) to service_role;
grant execute on function public.claim_outbox_job(uuid, integer) to service_role;
grant execute on function public.outbox_job_state(uuid) to service_role;
grant execute on function public.booking_cancellation_notice(uuid, text, text) to service_role;
grant execute on function public.profile_staff_role(uuid) to service_role;

-- POST /api/admin/calendar-retry: the booking's notice as it is now, for the calendar adapters.
create function public.calendar_retry_notice(p_booking_id uuid) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  as $$
declare
  v_notice jsonb := app_private.booking_change_notice(p_booking_id, null);
begin
  if v_notice is null then
    raise exception using errcode = 'PT404', message = 'BOOKING_NOT_FOUND',
      detail = jsonb_build_object('bookingId', p_booking_id)::text;
  end if;
  return v_notice;
end
$$;
comment on function public.calendar_retry_notice(uuid) is 'The calendar notice of a booking as it is now (admin retry).';

-- After an admin retry of p_operation (create, update, delete) succeeded: the booking's
-- queued or given-up calendar jobs it covers are done (so the outbox does not repeat them),
-- and the booking records its event (none after a delete).
create function public.resolve_calendar_jobs(p_booking_id uuid, p_operation text, p_event_id text default null) returns integer
  language plpgsql volatile
  security definer
  set search_path = ''
  as $$
declare
  v_count integer;
begin
  update public.outbox_jobs
  set status = 'succeeded', succeeded_at = now(), locked_until = null,
      result = jsonb_build_object('eventId', p_event_id, 'resolvedBy', 'admin retry')
  where booking_id = p_booking_id and status in ('pending', 'failed')
    and kind = any(case when p_operation = 'delete' then array['calendar_event_delete']
                        else array['calendar_event_create', 'calendar_event_update'] end);
  get diagnostics v_count = row_count;
  update public.bookings set calendar_event_id = p_event_id where id = p_booking_id;
  return v_count;
end
$$;
comment on function public.resolve_calendar_jobs(uuid, text, text) is 'Marks a booking''s calendar jobs done after an admin retry and records the event id.';
revoke execute on function public.calendar_retry_notice(uuid) from public;
revoke execute on function public.resolve_calendar_jobs(uuid, text, text) from public;
grant execute on function public.calendar_retry_notice(uuid) to service_role;
grant execute on function public.resolve_calendar_jobs(uuid, text, text) to service_role;
