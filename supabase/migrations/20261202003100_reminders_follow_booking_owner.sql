-- A booking that changes hands (a member claims a guest booking; staff link it to a customer
-- record) may now reach a LINE account: its LINE reminder is queued then, as it is at booking
-- time. The trigger function leaves the email reminder as it is (same start, same key).
drop trigger bookings_retime_reminders on public.bookings;
create trigger bookings_update_reminders after update of starts_at, profile_id, customer_id on public.bookings
  for each row when (new.status = 'confirmed' and (new.starts_at is distinct from old.starts_at
    or new.profile_id is distinct from old.profile_id or new.customer_id is distinct from old.customer_id))
  execute function app_private.schedule_booking_reminders();
