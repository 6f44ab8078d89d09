-- Staff move and cancel bookings with a reason (issue #16), through the customers' change
-- functions without the online rules; each change audited in public.booking_staff_changes.

-- Moves and cancellations the front desk made, append-only: who (staff account), why (the
-- reason they gave), when, and the booking before and after.
create table public.booking_staff_changes (
  id bigint generated always as identity primary key,
  booking_id uuid not null references public.bookings (id) on delete cascade,
  action text not null check (action in ('moved', 'cancelled')),
  reason text not null check (length(reason) between 1 and 500),
  staff_member_id uuid not null references public.staff_members (id),
  staff_email text not null,
  before jsonb not null,
  after jsonb not null,
  at timestamptz not null default now()
);
comment on table public.booking_staff_changes is
  'Append-only trail of the moves and cancellations staff made: staff account, reason, time, the booking before and after.';
create index booking_staff_changes_booking_idx on public.booking_staff_changes (booking_id, id);

create trigger booking_staff_changes_append_only before update on public.booking_staff_changes
  for each row execute function app_private.refuse_audit_change();

alter table public.booking_staff_changes enable row level security;
alter table public.booking_staff_changes force row level security;
create policy "Service role manages staff booking changes" on public.booking_staff_changes
  for all to service_role using (true) with check (true);
revoke all on public.booking_staff_changes from anon, authenticated;
grant all on public.booking_staff_changes to service_role;

-- The front desk's move or cancellation of any booking (phone calls, walk-up changes), through
-- the same change functions as the customers' own (app_private.move_booking, cancel_booking:
-- exclusion constraint, package hours, the customer's change or cancellation email and the
-- calendar through the outbox) without the online rules (the change notice, the booking
-- window): staff may move a booking an hour before it starts. A reason is required (400),
-- 403 for anyone but staff, 404 BOOKING_NOT_FOUND; a change is a row of
-- public.booking_staff_changes. Answers { changed, booking } (booking as the day sheet shows it).
create function app_private.staff_change_booking(p_booking_id uuid, p_action text, p_change jsonb, p_reason text) returns jsonb
  language plpgsql volatile
  set search_path = ''
  as $$
declare
  v_staff public.staff_members := app_private.caller_staff_member();
  v_reason text := btrim(coalesce(p_reason, ''));
  v_booking public.bookings;
  v_result jsonb;
  v_before jsonb;
begin
  if v_staff.id is null then
    raise exception using errcode = 'PT403', message = 'FORBIDDEN';
  end if;
  if length(v_reason) not between 1 and 500 then
    perform app_private.raise_validation('reason', 'Give a reason (1-500 characters)');
  end if;
  -- The row lock serialises changes of one booking (two desks, a desk and the customer).
  select b.* into v_booking from public.bookings b where b.id = p_booking_id for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'BOOKING_NOT_FOUND',
      detail = jsonb_build_object('bookingId', p_booking_id)::text;
  end if;
  v_before := app_private.day_sheet_booking_json(v_booking);
  v_result := case p_action
    when 'moved' then app_private.move_booking(v_booking, p_change, false, true)
    else app_private.cancel_booking(v_booking, v_reason, false) end;
  select b.* into v_booking from public.bookings b where b.id = p_booking_id;
  if (v_result ->> 'changed')::boolean then
    insert into public.booking_staff_changes (booking_id, action, reason, staff_member_id, staff_email, before, after)
    values (v_booking.id, p_action, v_reason, v_staff.id, v_staff.email, v_before, app_private.day_sheet_booking_json(v_booking));
  end if;
  return jsonb_build_object('changed', (v_result ->> 'changed')::boolean, 'booking', app_private.day_sheet_booking_json(v_booking));
end
$$;
comment on function app_private.staff_change_booking(uuid, text, jsonb, text) is
  'A staff move or cancellation through move_booking / cancel_booking without the online rules, with a reason, audited in booking_staff_changes.';

-- POST /api/staff/bookings/{bookingId}/move: p_change is { date, startTime, duration } (same bay).
create function public.staff_move_booking(p_booking_id uuid, p_change jsonb, p_reason text) returns jsonb
  language sql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$ select app_private.staff_change_booking(p_booking_id, 'moved', p_change, p_reason) $$;
comment on function public.staff_move_booking(uuid, jsonb, text) is
  'Staff only: moves a booking (same bay, id, package) without the online rules, with a reason, audited; the customer is told as usual.';

-- POST /api/staff/bookings/{bookingId}/cancel
create function public.staff_cancel_booking(p_booking_id uuid, p_reason text) returns jsonb
  language sql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$ select app_private.staff_change_booking(p_booking_id, 'cancelled', null, p_reason) $$;
comment on function public.staff_cancel_booking(uuid, text) is
  'Staff only: cancels a booking without the online notice rule, with a reason, audited; the customer is told as usual.';

revoke execute on function app_private.staff_change_booking(uuid, text, jsonb, text) from public;
revoke execute on function public.staff_move_booking(uuid, jsonb, text) from public;
revoke execute on function public.staff_cancel_booking(uuid, text) from public;
grant execute on function public.staff_move_booking(uuid, jsonb, text) to authenticated;
grant execute on function public.staff_cancel_booking(uuid, text) to authenticated;
