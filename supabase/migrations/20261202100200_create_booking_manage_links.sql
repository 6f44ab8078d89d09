-- The confirmation email's inline attempt waits for no manage link of its own (issue 17): it
-- issued one in a transaction of its own, a disk flush on the booking's way to its answer between
-- create_booking's and the outcomes'. create_booking now issues as many links as it is given
-- hashes (the answer's and that email's, p_manage_token_hashes instead of p_manage_token_hash);
-- the app hands the email's link to that attempt in memory, so no outbox payload holds a token,
-- and a later attempt (a retry, the cron) issues its own as before.

drop function public.create_booking(jsonb, text, integer);

-- POST /api/bookings/create, as a guest (anon) or the member (authenticated), in a concierge
-- VIP session or not. p_booking is the request as lib/bookings/schemas.ts BookingRecord
-- declares it (customerPhone normalised to E.164 by the app), with the Idempotency-Key, the
-- request's hash and the VIP session token's hash. A session that has lapsed does not stop the
-- booking; it is then simply not attributed. p_manage_token_hashes (a JSON array, at most two,
-- so a direct caller cannot fill the table): a manage link of the booking is issued with each,
-- and manageLinkIssued says whether: the first for the answer (a replay's too, while its booking
-- is live), the second for the confirmation email's inline attempt (which then issues none; a
-- replay attempts nothing).
-- p_lease_seconds: a new booking's jobs are claimed for that long and answered as `jobs`, for
-- the request to attempt inline (a replay's jobs are the first request's). At most 120 s, the
-- app's lease (lib/outbox/process-outbox.ts JOB_LEASE_SECONDS): a caller of its own can hold its
-- booking's jobs no longer than a request that died after claiming them would.
create function public.create_booking(p_booking jsonb, p_manage_token_hashes jsonb default null, p_lease_seconds integer default null)
  returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_uid uuid := auth.uid();
  v_profile public.profiles;
  v_created jsonb;
  v_booking_id uuid;
  v_issued boolean := false;
  v_hash text;
  v_jobs jsonb := '[]'::jsonb;
begin
  if p_lease_seconds not between 1 and 120 then
    perform app_private.raise_validation('leaseSeconds', 'At most 120 seconds');
  end if;
  if jsonb_array_length(p_manage_token_hashes) > 2 then
    perform app_private.raise_validation('manageTokenHashes', 'At most two');
  end if;
  if v_uid is not null then
    select * into v_profile from public.profiles where id = v_uid;
    if not found then
      raise exception using errcode = 'PT401', message = 'AUTH_REQUIRED';
    end if;
  end if;
  v_created := app_private.create_booking(p_booking, true, v_profile.id, v_profile.customer_id, 'online',
                                          app_private.booking_idempotency_scope(p_booking));
  v_booking_id := (v_created ->> 'bookingId')::uuid;
  for v_hash in
    select h from jsonb_array_elements_text(coalesce(p_manage_token_hashes, '[]')) with ordinality as t(h, n)
    where n = 1 or not (v_created ->> 'replayed')::boolean
  loop
    v_issued := public.issue_booking_manage_token(v_booking_id, v_hash);
  end loop;
  if p_lease_seconds is not null and not (v_created ->> 'replayed')::boolean then
    v_jobs := app_private.claim_due_jobs(10, p_lease_seconds, v_booking_id, null, null);
  end if;
  return v_created || jsonb_build_object('manageLinkIssued', v_issued, 'jobs', v_jobs);
end
$$;
comment on function public.create_booking(jsonb, jsonb, integer) is
  'Books a bay for a member or guest, in a concierge VIP session or not: bay choice, price, capacity, package hours, attribution, booking and outbox jobs in one transaction; optionally its manage links and the claim of its jobs for the inline attempt.';
revoke execute on function public.create_booking(jsonb, jsonb, integer) from public;
grant execute on function public.create_booking(jsonb, jsonb, integer) to anon, authenticated, service_role;
