-- Review requests (one per booking, sent a while after it ended, through the outbox), the
-- cancellation notice of the system email route, and the admin calendar retry.

-- ======================================================================================
-- Review requests: there is no explicit "complete" step; the cron run finds bookings whose end
-- (plus the delay) has passed and queues their request (kind review_request, dedupe key
-- review_request:<booking id>, so at most one per booking), then sends what is due.
-- ======================================================================================

-- Whether the customer of a booking said no to marketing: its own profile, or any profile
-- linked to its customer record.
create function app_private.booking_opted_out(p_booking public.bookings) returns boolean
  language plpgsql stable
  set search_path = ''
  as $$
begin
  return (
  select exists (
    select 1 from public.profiles p
    where p.marketing_preference = false
      and (p.id = p_booking.profile_id or (p_booking.customer_id is not null and p.customer_id = p_booking.customer_id))
  )
  );
end
$$;

-- Queues the review request of every booking whose end plus p_delay_minutes has passed,
-- at most p_max_age_minutes ago (older ones are never asked), that is not cancelled and
-- whose customer did not opt out. A booking that has its request already is left alone.
create function public.enqueue_due_review_requests(p_delay_minutes integer, p_max_age_minutes integer) returns integer
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_count integer;
begin
  if p_delay_minutes < 0 or p_max_age_minutes < 1 then
    perform app_private.raise_validation('query', 'delay must be >= 0 and max age >= 1 minute');
  end if;
  insert into public.outbox_jobs (kind, dedupe_key, booking_id, payload, run_after)
  select 'review_request', 'review_request:' || b.id, b.id, jsonb_build_object('bookingId', b.id),
         b.ends_at + make_interval(mins => p_delay_minutes)
  from public.bookings b
  where b.status <> 'cancelled'
    and b.ends_at <= now() - make_interval(mins => p_delay_minutes)
    and b.ends_at > now() - make_interval(mins => p_delay_minutes) - make_interval(mins => p_max_age_minutes)
    and not app_private.booking_opted_out(b)
  on conflict (dedupe_key) do nothing;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;
comment on function public.enqueue_due_review_requests(integer, integer) is 'Queues one review request per recently completed booking (cron).';

-- Queues (or reschedules, while it has not been attempted) one booking's review request at
-- p_run_after; p_options may force a channel or a recipient (system callers). Answers the job.
create function public.schedule_review_request(p_booking_id uuid, p_run_after timestamptz, p_options jsonb default '{}'::jsonb) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_job public.outbox_jobs;
begin
  if not exists (select 1 from public.bookings where id = p_booking_id) then
    raise exception using errcode = 'PT404', message = 'BOOKING_NOT_FOUND',
      detail = jsonb_build_object('bookingId', p_booking_id)::text;
  end if;
  insert into public.outbox_jobs as j (kind, dedupe_key, booking_id, payload, run_after)
  values ('review_request', 'review_request:' || p_booking_id, p_booking_id,
          jsonb_strip_nulls(coalesce(p_options, '{}'::jsonb) || jsonb_build_object('bookingId', p_booking_id)), p_run_after)
  on conflict (dedupe_key) do update
    set run_after = excluded.run_after, payload = excluded.payload
    where j.status = 'pending' and j.attempts = 0
  returning * into v_job;
  if not found then
    select * into v_job from public.outbox_jobs where dedupe_key = 'review_request:' || p_booking_id;
  end if;
  return jsonb_build_object('jobId', v_job.id, 'status', v_job.status, 'scheduledTime', v_job.run_after);
end
$$;
comment on function public.schedule_review_request(uuid, timestamptz, jsonb) is 'Queues or reschedules one booking''s review request (system callers).';

-- Claims due review request jobs only (optionally one booking's).
create function public.claim_review_request_jobs(p_limit integer, p_lease_seconds integer, p_booking_id uuid default null) returns jsonb
  language sql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$ select app_private.claim_due_jobs(p_limit, p_lease_seconds, p_booking_id, 'review_request', null) $$;
comment on function public.claim_review_request_jobs(integer, integer, uuid) is 'Claims due review request jobs with FOR UPDATE SKIP LOCKED.';

-- Who a review request goes to and whether it must be skipped, read when it is sent (a
-- booking cancelled or a customer opted out since it was queued is not asked).
create function public.review_request_target(p_booking_id uuid) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_booking public.bookings;
  v_line_user_id text;
begin
  select * into v_booking from public.bookings where id = p_booking_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'BOOKING_NOT_FOUND',
      detail = jsonb_build_object('bookingId', p_booking_id)::text;
  end if;
  select p.provider_account_id into v_line_user_id
  from public.profiles p where p.id = v_booking.profile_id and p.provider = 'line';
  return app_private.booking_notice(p_booking_id) || jsonb_build_object(
    'lineUserId', v_line_user_id,
    'skipReason', case
      when v_booking.status = 'cancelled' then 'Booking is cancelled'
      when app_private.booking_opted_out(v_booking) then 'Customer opted out of marketing'
    end
  );
end
$$;
comment on function public.review_request_target(uuid) is 'The recipient of a booking''s review request, and why it must not be sent (if so).';

-- ======================================================================================
-- Booking reminders: one per booking and channel (email; LINE for a linked LINE account), a
-- lead time before the start, queued and re-timed by triggers on public.bookings (so every
-- path that makes or moves a booking gets them), moot once the booking is cancelled.
-- ======================================================================================

-- How long before its start a booking's reminder goes out: the venue's setting.
create function app_private.reminder_lead() returns interval
  language plpgsql stable
  set search_path = ''
  as $$ begin return (select make_interval(mins => (app_private.venue_settings()).reminder_lead_minutes)); end $$;
comment on function app_private.reminder_lead() is 'How long before its start a booking''s reminder is sent (public.venue_settings.reminder_lead_minutes).';

-- The LINE user a booking's customer is reached at: the booking's own LINE profile, else the
-- most recently updated LINE profile linked to its customer record; null when neither exists.
create function app_private.booking_line_user_id(p_booking public.bookings) returns text
  language plpgsql stable
  set search_path = ''
  as $$
begin
  if p_booking.profile_id is null and p_booking.customer_id is null then
    return null;
  end if;
  return (
  select p.provider_account_id from public.profiles p
  where p.provider = 'line'
    and (p.id = p_booking.profile_id or (p_booking.customer_id is not null and p.customer_id = p_booking.customer_id))
  order by (p.id = p_booking.profile_id) desc, p.updated_at desc
  limit 1
  );
end
$$;

-- Trigger function (after insert of a confirmed booking, after a change of its start or owner): one
-- reminder per kind for the booking's current start, dedupe key kind:booking:start (epoch).
-- - Made or moved to less than the lead time before its start: no reminder; the confirmation
--   or change email sent at that moment carries the same facts.
-- - A reminder not yet sent (pending) follows a move: new run_after, start and dedupe key.
-- - A reminder already sent (or mid-attempt, or given up) names the old time: the new time
--   gets a reminder of its own; the old job skips itself when it sees the start changed.
-- - Moved back to a time it was already reminded of: nothing more (its key exists).
-- A cancellation needs nothing here: the kinds are moot once the booking is cancelled.
create function app_private.schedule_booking_reminders() returns trigger
  language plpgsql
  set search_path = ''
  -- The pending reminder's test was planned on every row otherwise (its custom plan folds a null away).
  set plan_cache_mode = force_generic_plan
  as $$
declare
  v_run_after timestamptz := new.starts_at - app_private.reminder_lead();
  v_due boolean := v_run_after > app_private.clock_now();
  v_payload jsonb := jsonb_build_object('bookingId', new.id, 'startsAt', new.starts_at);
  v_line boolean := app_private.booking_line_user_id(new) is not null;
  v_kind text;
  v_key text;
  v_pending uuid;
begin
  foreach v_kind in array array['booking_reminder_email', 'booking_reminder_line'] loop
    v_key := v_kind || ':' || new.id || ':' || extract(epoch from new.starts_at)::bigint;
    -- A booking just made has no reminder yet.
    v_pending := null;
    if tg_op = 'UPDATE' then
      select j.id into v_pending from public.outbox_jobs j
      where j.booking_id = new.id and j.kind = v_kind and j.status = 'pending' and j.dedupe_key <> v_key
      order by j.created_at
      limit 1
      for update;
    end if;
    if v_pending is not null and v_due and not exists (select 1 from public.outbox_jobs j where j.dedupe_key = v_key) then
      update public.outbox_jobs set run_after = v_run_after, payload = v_payload, dedupe_key = v_key where id = v_pending;
    else
      if v_pending is not null then
        update public.outbox_jobs
        set status = 'succeeded', succeeded_at = now(), locked_until = null,
            result = jsonb_build_object('skipped', case when v_due then 'Reminded of this time already' else 'Moved to within the reminder lead time' end)
        where id = v_pending;
      end if;
      if v_due and (v_kind = 'booking_reminder_email' or v_line) then
        insert into public.outbox_jobs (kind, dedupe_key, booking_id, payload, run_after)
        values (v_kind, v_key, new.id, v_payload, v_run_after)
        on conflict (dedupe_key) do nothing;
      end if;
    end if;
  end loop;
  return null;
end
$$;
revoke execute on function app_private.schedule_booking_reminders() from public;

create trigger bookings_queue_reminders after insert on public.bookings
  for each row when (new.status = 'confirmed')
  execute function app_private.schedule_booking_reminders();
-- A booking that changes hands (a member claims a guest booking; staff link it to a customer
-- record) may now reach a LINE account: its LINE reminder is queued then, as at booking time.
create trigger bookings_update_reminders after update of starts_at, profile_id, customer_id on public.bookings
  for each row when (new.status = 'confirmed' and (new.starts_at is distinct from old.starts_at
    or new.profile_id is distinct from old.profile_id or new.customer_id is distinct from old.customer_id))
  execute function app_private.schedule_booking_reminders();

-- A changed lead time applies to the reminders not yet sent: each is due at its start less
-- the new lead (at once, when that has passed; the visit itself has not).
create function app_private.retime_pending_reminders() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  update public.outbox_jobs j
  set run_after = (j.payload ->> 'startsAt')::timestamptz - make_interval(mins => new.reminder_lead_minutes)
  where j.kind in ('booking_reminder_email', 'booking_reminder_line') and j.status = 'pending';
  return null;
end
$$;
revoke execute on function app_private.retime_pending_reminders() from public;

create trigger venue_settings_retime_reminders after update of reminder_lead_minutes on public.venue_settings
  for each row when (new.reminder_lead_minutes is distinct from old.reminder_lead_minutes)
  execute function app_private.retime_pending_reminders();

-- What a reminder job needs when it runs: the booking as it is now, its LINE user, and why it
-- must not be sent, if so: cancelled or over, moved since the job was queued for p_starts_at
-- (the new time has its own job), or the visit has started (a reminder held up that long,
-- e.g. behind a provider outage, is stale).
create function public.booking_reminder_target(p_booking_id uuid, p_starts_at timestamptz) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_booking public.bookings;
begin
  select * into v_booking from public.bookings where id = p_booking_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'BOOKING_NOT_FOUND',
      detail = jsonb_build_object('bookingId', p_booking_id)::text;
  end if;
  return app_private.booking_notice(p_booking_id) || jsonb_build_object(
    'lineUserId', app_private.booking_line_user_id(v_booking),
    'skipReason', case
      when v_booking.status <> 'confirmed' then 'Booking is ' || v_booking.status
      when v_booking.starts_at <> p_starts_at then 'Booking moved since this reminder was queued'
      when v_booking.starts_at <= app_private.clock_now() then 'The visit has started'
    end
  );
end
$$;
comment on function public.booking_reminder_target(uuid, timestamptz) is 'The booking a reminder is about, its LINE user, and why the reminder must not be sent (if so).';

-- ======================================================================================
-- POST /api/notifications/email/cancellation
-- ======================================================================================

-- POST /api/notifications/email/cancellation: the cancellation notice of a cancelled booking,
-- sent to p_email (the booking's own address when null), with the reason given.
create function public.booking_cancellation_notice(p_booking_id uuid, p_email text default null, p_reason text default null) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
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

-- ======================================================================================
-- POST /api/admin/calendar-retry
-- ======================================================================================

-- POST /api/admin/calendar-retry: the booking's notice as it is now, for the calendar adapters.
create function public.calendar_retry_notice(p_booking_id uuid) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
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
  set jit = off
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

-- ======================================================================================
-- Who may call these. PostgreSQL lets PUBLIC execute a new function: the revokes take that
-- back, and each grant names the roles that may call it (PostgREST serves only `public`).
-- ======================================================================================

revoke execute on function app_private.booking_opted_out(public.bookings) from public;
revoke execute on function public.enqueue_due_review_requests(integer, integer) from public;
revoke execute on function public.schedule_review_request(uuid, timestamptz, jsonb) from public;
revoke execute on function public.claim_review_request_jobs(integer, integer, uuid) from public;
revoke execute on function public.review_request_target(uuid) from public;
revoke execute on function public.booking_cancellation_notice(uuid, text, text) from public;
revoke execute on function public.calendar_retry_notice(uuid) from public;
revoke execute on function public.resolve_calendar_jobs(uuid, text, text) from public;
revoke execute on function app_private.reminder_lead() from public;
revoke execute on function app_private.booking_line_user_id(public.bookings) from public;
revoke execute on function public.booking_reminder_target(uuid, timestamptz) from public;
grant execute on function public.enqueue_due_review_requests(integer, integer) to service_role;
grant execute on function public.schedule_review_request(uuid, timestamptz, jsonb) to service_role;
grant execute on function public.claim_review_request_jobs(integer, integer, uuid) to service_role;
grant execute on function public.review_request_target(uuid) to service_role;
grant execute on function public.booking_cancellation_notice(uuid, text, text) to service_role;
grant execute on function public.calendar_retry_notice(uuid) to service_role;
grant execute on function public.resolve_calendar_jobs(uuid, text, text) to service_role;
grant execute on function public.booking_reminder_target(uuid, timestamptz) to service_role;
