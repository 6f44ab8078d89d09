-- The front desk's delivery retries join the other append-only trails: refused to the table's
-- owner too (privileges alone bind only the API roles); the rows go only with their booking.
create trigger booking_delivery_retries_append_only before update or delete on public.booking_delivery_retries
  for each row execute function app_private.refuse_rewrite('cascade');
create trigger booking_delivery_retries_no_truncate before truncate on public.booking_delivery_retries
  for each statement execute function app_private.refuse_rewrite();
