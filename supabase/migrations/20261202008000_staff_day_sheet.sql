-- The front desk's day sheet (issue #16): a venue-local day's bookings by bay and hour with
-- what the desk needs of each (customer, people, package, notes, VIP-code attribution, whether
-- the customer's email, LINE message and calendar event went out) and the booking's
-- attendance. Attendance (check-in, no-show) is a trail of events, each naming the staff
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

create trigger booking_attendance_append_only before update on public.booking_attendance
  for each row execute function app_private.refuse_audit_change();

alter table public.booking_attendance enable row level security;
alter table public.booking_attendance force row level security;
create policy "Service role manages attendance" on public.booking_attendance
  for all to service_role using (true) with check (true);
revoke all on public.booking_attendance from anon, authenticated;
grant all on public.booking_attendance to service_role;

-- How one channel's messages of a booking stand: 'failing' (a job gave up, or its last try
-- failed and it waits for the next), 'pending' (due, not yet performed), 'sent', or 'none'
-- (nothing due yet: a reminder waits for its time).
create function app_private.delivery_state(p_booking_id uuid, p_kinds text[]) returns text
  language sql stable
  set search_path = ''
  as $$
  select case
    when bool_or(j.status = 'failed' or (j.status in ('pending', 'running') and j.last_error is not null)) then 'failing'
    when bool_or(j.status in ('pending', 'running') and j.run_after <= now()) then 'pending'
    when bool_or(j.status = 'succeeded') then 'sent'
    else 'none' end
  from public.outbox_jobs j
  where j.booking_id = p_booking_id and j.kind = any (p_kinds)
$$;
comment on function app_private.delivery_state(uuid, text[]) is 'failing, pending, sent or none: how a booking''s outbox jobs of these kinds stand.';

-- The bookings that take a bay during a venue-local day (cancelled ones too).
create function app_private.day_sheet_bookings(p_date date) returns setof public.bookings
  language sql stable
  set search_path = ''
  as $$
  select b.* from public.bookings b
  where b.starts_at < ((p_date + 1)::timestamp at time zone app_private.venue_timezone())
    and b.ends_at > (p_date::timestamp at time zone app_private.venue_timezone())
$$;
comment on function app_private.day_sheet_bookings(date) is 'The bookings (cancelled ones too) that overlap a venue-local day.';

-- The version of a day's sheet: the day's availability version (bookings' bays, times and
-- statuses; bays and the venue) with a digest of what the sheet shows beyond availability
-- (each booking's last update, its outbox jobs' states, the latest attendance anywhere, which
-- no-show counts follow) and the venue minute (a booking that ended shows as completed).
create function app_private.day_sheet_version(p_date date) returns text
  language sql stable
  set search_path = ''
  as $$
  with day as (select b.id, b.updated_at from app_private.day_sheet_bookings(p_date) b)
  select md5(concat_ws('|',
    public.get_availability_version(p_date)::text,
    (select string_agg(d.id::text || d.updated_at::text, ',' order by d.id) from day d),
    (select string_agg(j.id::text || j.status || j.updated_at::text, ',' order by j.id)
     from public.outbox_jobs j where j.booking_id in (select d.id from day d)),
    (select max(a.id) from public.booking_attendance a)::text))
$$;
comment on function app_private.day_sheet_version(date) is 'A digest that changes whenever the staff day sheet of a venue-local day would.';

-- A booking as the day sheet shows it.
create function app_private.day_sheet_booking_json(p_booking public.bookings) returns jsonb
  language sql stable
  set search_path = ''
  as $$
  select jsonb_build_object(
    'id', p_booking.id,
    'reference', p_booking.reference,
    'bay', (select b.name from public.bays b where b.id = p_booking.bay_id),
    'date', to_char(p_booking.starts_at at time zone app_private.venue_timezone(), 'YYYY-MM-DD'),
    'startTime', to_char(p_booking.starts_at at time zone app_private.venue_timezone(), 'HH24:MI'),
    'endTime', to_char(p_booking.ends_at at time zone app_private.venue_timezone(), 'HH24:MI'),
    'duration', p_booking.duration_hours,
    'status', case when p_booking.status = 'confirmed' and p_booking.ends_at <= app_private.clock_now() then 'completed' else p_booking.status end,
    'numberOfPeople', p_booking.number_of_people,
    'customerName', p_booking.customer_name,
    'customerPhone', p_booking.customer_phone,
    'customerEmail', p_booking.customer_email,
    'member', p_booking.profile_id is not null,
    'notes', p_booking.notes,
    'cancellationReason', p_booking.cancellation_reason,
    'package', (select pk.package_name from public.packages pk where pk.id = p_booking.package_id),
    'priceThb', p_booking.price_thb,
    'vipCode', (select jsonb_build_object('code', v.code, 'concierge', c.name, 'hotel', c.hotel_name)
                from public.vip_codes v join public.concierges c on c.id = v.concierge_id where v.id = p_booking.vip_code_id),
    'delivery', jsonb_build_object(
      'email', app_private.delivery_state(p_booking.id, array['booking_confirmation_email', 'booking_change_email', 'booking_cancellation_email', 'booking_reminder_email']),
      'line', app_private.delivery_state(p_booking.id, array['staff_line_message', 'booking_reminder_line', 'line_message']),
      'calendar', app_private.delivery_state(p_booking.id, array['calendar_event_create', 'calendar_event_update', 'calendar_event_delete'])),
    'attendance', (select jsonb_build_object('outcome', a.outcome, 'recordedAt', app_private.iso_utc_ms(a.recorded_at),
                                             'recordedBy', coalesce(s.display_name, a.staff_email))
                   from public.booking_attendance a left join public.staff_members s on s.id = a.staff_member_id
                   where a.booking_id = p_booking.id order by a.id desc limit 1),
    -- The customer's bookings (by customer record or email) whose latest attendance is a no-show.
    'noShowCount', (select count(*)::int from public.bookings o
                    where (o.customer_id = p_booking.customer_id or lower(o.customer_email) = lower(p_booking.customer_email))
                      and (select a.outcome from public.booking_attendance a where a.booking_id = o.id order by a.id desc limit 1) = 'no_show'))
$$;
comment on function app_private.day_sheet_booking_json(public.bookings) is
  'A booking as the staff day sheet shows it: customer, people, package, notes, VIP code, delivery states, attendance, the customer''s no-shows.';

-- GET /api/staff/day-sheet: staff only (403). The day's bookings (cancelled ones too) by bay
-- and start, the active bays and the day's opening hours, and the sheet's version; when
-- p_known_version is that version, only {version, unchanged: true} (the app answers 304).
create function public.get_staff_day_sheet(p_date date, p_known_version text default null) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_version text;
begin
  if not app_private.caller_is_staff() then
    raise exception using errcode = 'PT403', message = 'FORBIDDEN';
  end if;
  v_version := app_private.day_sheet_version(p_date);
  if v_version = p_known_version then
    return jsonb_build_object('version', v_version, 'unchanged', true);
  end if;
  return jsonb_build_object(
    'version', v_version,
    'unchanged', false,
    'sheet', jsonb_build_object(
      'date', to_char(p_date, 'YYYY-MM-DD'),
      'opens', (select to_char(oh.opens, 'HH24:MI') from public.opening_hours oh where oh.weekday = extract(isodow from p_date)),
      'closes', (select to_char(oh.closes, 'HH24:MI') from public.opening_hours oh where oh.weekday = extract(isodow from p_date)),
      'bays', coalesce((select jsonb_agg(jsonb_build_object('name', b.name, 'capacity', b.capacity) order by b.sort_order, b.name)
                        from public.bays b where b.active), '[]'::jsonb),
      'bookings', coalesce((
        select jsonb_agg(app_private.day_sheet_booking_json(bk) order by bay.sort_order, bay.name, bk.starts_at, bk.status = 'cancelled', bk.created_at)
        from app_private.day_sheet_bookings(p_date) bk join public.bays bay on bay.id = bk.bay_id), '[]'::jsonb)));
end
$$;
comment on function public.get_staff_day_sheet(date, text) is
  'Staff only: a venue-local day''s bookings for the front desk, with the sheet''s version (only the version when p_known_version is current).';

revoke execute on function app_private.delivery_state(uuid, text[]) from public;
revoke execute on function app_private.day_sheet_bookings(date) from public;
revoke execute on function app_private.day_sheet_version(date) from public;
revoke execute on function app_private.day_sheet_booking_json(public.bookings) from public;
revoke execute on function public.get_staff_day_sheet(date, text) from public;
grant execute on function public.get_staff_day_sheet(date, text) to authenticated;
