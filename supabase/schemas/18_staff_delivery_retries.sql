-- The front desk's retries of a booking's failing deliveries (issue #16).

-- Retries of a booking's failing deliveries (email, LINE, calendar) that the front desk asked
-- for from the day sheet, append-only: who (staff account), when, which outbox jobs.
create table public.booking_delivery_retries (
  id bigint generated always as identity primary key,
  booking_id uuid not null references public.bookings (id) on delete cascade,
  job_ids uuid[] not null check (cardinality(job_ids) > 0),
  staff_member_id uuid not null references public.staff_members (id),
  staff_email text not null,
  at timestamptz not null default now()
);
comment on table public.booking_delivery_retries is
  'Append-only trail of the failing deliveries staff retried from the day sheet: staff account, time, the booking''s outbox jobs.';
create index booking_delivery_retries_booking_idx on public.booking_delivery_retries (booking_id, id);

-- Append-only for everyone, the table's owner included; the rows go only with their booking.
create trigger booking_delivery_retries_append_only before update or delete on public.booking_delivery_retries
  for each row execute function app_private.refuse_rewrite('cascade');
create trigger booking_delivery_retries_no_truncate before truncate on public.booking_delivery_retries
  for each statement execute function app_private.refuse_rewrite();

alter table public.booking_delivery_retries enable row level security;
alter table public.booking_delivery_retries force row level security;
create policy "Service role reads and adds delivery retries" on public.booking_delivery_retries
  for all to service_role using (true) with check (true);
-- And by privilege: no API role may update, delete or truncate a row.
revoke all on public.booking_delivery_retries from anon, authenticated, service_role;
grant select, insert on public.booking_delivery_retries to service_role;
