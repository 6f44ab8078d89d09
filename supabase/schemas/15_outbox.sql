-- The transactional outbox: side effects (emails, LINE messages, calendar events) are rows
-- written in the transaction of the change they belong to, performed afterwards by a
-- processor, retried until they succeed or reach their cap, and never performed again once
-- they succeeded. The functions are in 65_functions_outbox.sql.

create table public.outbox_jobs (
  id uuid primary key default gen_random_uuid(),
  -- Every kind the processor has a handler for.
  kind text not null check (kind in (
    'booking_confirmation_email', 'staff_line_message', 'calendar_event_create',
    'calendar_event_update', 'calendar_event_delete', 'booking_change_email', 'booking_cancellation_email',
    'vip_link_code_email', 'review_request', 'line_message', 'notification_email'
  )),
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

create trigger outbox_jobs_touch before update on public.outbox_jobs
  for each row execute function app_private.touch_updated_at();

-- A link code email, once delivered, forgets the code (the hash in vip_link_codes remains).
create function app_private.forget_delivered_link_code() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  if new.kind = 'vip_link_code_email' and new.status = 'succeeded' then
    new.payload := new.payload - 'code';
  end if;
  return new;
end
$$;
revoke execute on function app_private.forget_delivered_link_code() from public;
create trigger outbox_jobs_forget_link_code before update on public.outbox_jobs
  for each row when (new.kind = 'vip_link_code_email') execute function app_private.forget_delivered_link_code();

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
