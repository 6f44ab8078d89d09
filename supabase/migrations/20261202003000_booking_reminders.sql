-- A reminder before the visit (issue #14, part 4): one email per booking, plus one LINE
-- message when its customer has a linked LINE account, sent a lead time before the start
-- through the outbox. A trigger on public.bookings queues and re-times them, so bookings made
-- or moved by any path (guest, member, manage link, staff) get theirs without each writer
-- knowing of reminders.

insert into public.outbox_job_kinds (kind, moot_when_booking_cancelled, queued_by_notification_routes) values
  ('booking_reminder_email', true, false),
  ('booking_reminder_line', true, false);

-- How long before its start a booking's reminder goes out: the venue's setting.
create function app_private.reminder_lead() returns interval
  language sql stable
  set search_path = ''
  as $$ select make_interval(mins => (app_private.venue_settings()).reminder_lead_minutes) $$;
comment on function app_private.reminder_lead() is 'How long before its start a booking''s reminder is sent (public.venue_settings.reminder_lead_minutes).';

-- The LINE user a booking's customer is reached at: the booking's own LINE profile, else the
-- most recently updated LINE profile linked to its customer record; null when neither exists.
create function app_private.booking_line_user_id(p_booking public.bookings) returns text
  language sql stable
  set search_path = ''
  as $$
  select p.provider_account_id from public.profiles p
  where p.provider = 'line'
    and (p.id = p_booking.profile_id or (p_booking.customer_id is not null and p.customer_id = p_booking.customer_id))
  order by (p.id = p_booking.profile_id) desc, p.updated_at desc
  limit 1
$$;

-- Trigger function (after insert of a confirmed booking, after a change of its start): one
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
    select j.id into v_pending from public.outbox_jobs j
    where j.booking_id = new.id and j.kind = v_kind and j.status = 'pending' and j.dedupe_key <> v_key
    order by j.created_at
    limit 1
    for update;
    if v_pending is not null and v_due and not exists (select 1 from public.outbox_jobs j where j.dedupe_key = v_key) then
      update public.outbox_jobs set run_after = v_run_after, payload = v_payload, dedupe_key = v_key where id = v_pending;
    else
      update public.outbox_jobs
      set status = 'succeeded', succeeded_at = now(), locked_until = null,
          result = jsonb_build_object('skipped', case when v_due then 'Reminded of this time already' else 'Moved to within the reminder lead time' end)
      where id = v_pending;
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
create trigger bookings_retime_reminders after update of starts_at on public.bookings
  for each row when (new.status = 'confirmed' and new.starts_at is distinct from old.starts_at)
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

revoke execute on function app_private.reminder_lead() from public;
revoke execute on function app_private.booking_line_user_id(public.bookings) from public;
revoke execute on function public.booking_reminder_target(uuid, timestamptz) from public;
grant execute on function public.booking_reminder_target(uuid, timestamptz) to service_role;
