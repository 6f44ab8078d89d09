-- The front desk retries a booking's failing deliveries from the day sheet (issue #16).

-- POST /api/staff/bookings/{bookingId}/deliveries/retry: staff make this booking's failing
-- outbox jobs (given up, or waiting out a back-off after an error) due now, a given-up one with
-- one more attempt, as the admin's retry does; never another booking's jobs. Audited when it
-- retried anything. 403 for anyone but staff, 404 BOOKING_NOT_FOUND.
create function public.retry_booking_deliveries(p_booking_id uuid) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_staff public.staff_members := app_private.caller_staff_member();
  v_jobs jsonb;
  v_ids uuid[];
begin
  if v_staff.id is null then
    raise exception using errcode = 'PT403', message = 'FORBIDDEN';
  end if;
  if not exists (select 1 from public.bookings b where b.id = p_booking_id) then
    raise exception using errcode = 'PT404', message = 'BOOKING_NOT_FOUND',
      detail = jsonb_build_object('bookingId', p_booking_id)::text;
  end if;
  -- The jobs the day sheet shows as failing (app_private.delivery_state); a running one is being tried.
  with retried as (
    update public.outbox_jobs j
    set status = 'pending', run_after = now(), max_attempts = greatest(j.max_attempts, j.attempts + 1)
    where j.booking_id = p_booking_id
      and (j.status = 'failed' or (j.status = 'pending' and j.last_error is not null))
    returning j.id, j.kind)
  select coalesce(jsonb_agg(jsonb_build_object('jobId', r.id, 'kind', r.kind) order by r.kind, r.id), '[]'::jsonb),
         coalesce(array_agg(r.id order by r.kind, r.id), '{}')
  into v_jobs, v_ids
  from retried r;
  if cardinality(v_ids) > 0 then
    insert into public.booking_delivery_retries (booking_id, job_ids, staff_member_id, staff_email)
    values (p_booking_id, v_ids, v_staff.id, v_staff.email);
  end if;
  return jsonb_build_object('bookingId', p_booking_id, 'retried', v_jobs);
end
$$;
comment on function public.retry_booking_deliveries(uuid) is
  'Staff only: makes a booking''s failing outbox jobs due now (one more attempt when given up), audited; 404 BOOKING_NOT_FOUND.';

revoke execute on function public.retry_booking_deliveries(uuid) from public;
grant execute on function public.retry_booking_deliveries(uuid) to authenticated;
