-- The transactional outbox: side effects (emails, LINE messages, calendar events) are rows
-- written in the transaction of the change they belong to, performed afterwards by a
-- processor, retried until they succeed or reach their cap, and never performed again once
-- they succeeded. The functions are in 65_functions_outbox.sql.

-- One row per kind the processor has a handler for (one module each in lib/outbox/kinds/; a
-- test holds the two equal). The queue's functions read these flags and name no kind.
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
  ('email_sign_in_code_email', false, false),
  ('review_request', false, false),
  ('line_message', false, true),
  ('notification_email', false, true),
  ('booking_reminder_email', true, false),
  ('booking_reminder_line', true, false),
  ('staff_invitation_email', false, false);

create table public.outbox_jobs (
  id uuid primary key default gen_random_uuid(),
  kind text not null,
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
  succeeded_at timestamptz,
  constraint outbox_jobs_kind_fkey foreign key (kind) references public.outbox_job_kinds (kind)
);
comment on table public.outbox_jobs is 'Side effects (email, LINE, calendar) waiting to be performed, with their attempts and errors.';
create index outbox_jobs_due_idx on public.outbox_jobs (run_after) where status in ('pending', 'running');
create index outbox_jobs_booking_idx on public.outbox_jobs (booking_id);

create trigger outbox_jobs_touch before update on public.outbox_jobs
  for each row execute function app_private.touch_updated_at();

-- A one-time code email (the triggers name the kinds), once delivered, forgets the code (the
-- hash in vip_link_codes or email_sign_in_codes remains).
create function app_private.forget_delivered_link_code() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  if new.status = 'succeeded' then
    new.payload := new.payload - 'code';
  end if;
  return new;
end
$$;
revoke execute on function app_private.forget_delivered_link_code() from public;
create trigger outbox_jobs_forget_link_code before update on public.outbox_jobs
  for each row when (new.kind = 'vip_link_code_email') execute function app_private.forget_delivered_link_code();
create trigger outbox_jobs_forget_sign_in_code before update on public.outbox_jobs
  for each row when (new.kind = 'email_sign_in_code_email') execute function app_private.forget_delivered_link_code();

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
