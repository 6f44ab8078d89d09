-- The front desk's records of bookings: attendance, and the changes staff made.

-- Attendance (check-in, no-show) is a trail of events, each naming the staff
-- account that recorded it and when; a booking's state is its latest event.

create table public.booking_attendance (
  id bigint generated always as identity primary key,
  booking_id uuid not null references public.bookings (id) on delete cascade,
  outcome text not null check (outcome in ('checked_in', 'no_show')),
  staff_member_id uuid not null references public.staff_members (id),
  staff_email text not null,
  recorded_at timestamptz not null default now()
);
comment on table public.booking_attendance is
  'Check-ins and no-shows the front desk recorded, append-only: who (staff account), what, when; a booking''s state is its latest row.';
create index booking_attendance_booking_idx on public.booking_attendance (booking_id, id);
-- No-show counts find a customer's bookings by customer record and by email (bookings_customer_email_idx).

-- Append-only; the rows go only with their booking.
create trigger booking_attendance_append_only before update or delete on public.booking_attendance
  for each row execute function app_private.refuse_rewrite('cascade');
create trigger booking_attendance_no_truncate before truncate on public.booking_attendance
  for each statement execute function app_private.refuse_rewrite();

alter table public.booking_attendance enable row level security;
alter table public.booking_attendance force row level security;
create policy "Service role manages attendance" on public.booking_attendance
  for all to service_role using (true) with check (true);
revoke all on public.booking_attendance from anon, authenticated;
grant all on public.booking_attendance to service_role;

-- Bookings, moves and cancellations the front desk made, append-only: who (staff account), why
-- (the reason they gave; a booking has none), when, and the booking before (none for a booking)
-- and after.
create table public.booking_staff_changes (
  id bigint generated always as identity primary key,
  booking_id uuid not null references public.bookings (id) on delete cascade,
  action text not null check (action in ('booked', 'moved', 'cancelled')),
  reason text check (length(reason) between 1 and 500),
  staff_member_id uuid not null references public.staff_members (id),
  staff_email text not null,
  before jsonb,
  after jsonb not null,
  at timestamptz not null default now(),
  constraint booking_staff_changes_booked_shape
    check ((action = 'booked') = (before is null) and (action = 'booked' or reason is not null))
);
comment on table public.booking_staff_changes is
  'Append-only trail of the bookings, moves and cancellations staff made: staff account, reason, time, the booking before and after.';
create index booking_staff_changes_booking_idx on public.booking_staff_changes (booking_id, id);

create trigger booking_staff_changes_append_only before update or delete on public.booking_staff_changes
  for each row execute function app_private.refuse_rewrite('cascade');
create trigger booking_staff_changes_no_truncate before truncate on public.booking_staff_changes
  for each statement execute function app_private.refuse_rewrite();

alter table public.booking_staff_changes enable row level security;
alter table public.booking_staff_changes force row level security;
create policy "Service role manages staff booking changes" on public.booking_staff_changes
  for all to service_role using (true) with check (true);
revoke all on public.booking_staff_changes from anon, authenticated;
grant all on public.booking_staff_changes to service_role;
