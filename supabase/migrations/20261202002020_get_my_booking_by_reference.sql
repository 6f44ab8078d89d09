-- /book/confirmed?ref=…: the signed-in member's own booking of that reference, as the VIP API
-- shows it, or null. Runs as the caller: row level security decides which bookings are theirs.
create function public.get_my_booking_by_reference(p_reference text) returns jsonb
  language sql stable
  set search_path = ''
  set jit = off
  as $$
  select app_private.vip_booking_json(b, coalesce(bay.name, 'Closed bay'))
  from public.bookings b
  left join public.bays bay on bay.id = b.bay_id
  where b.reference = p_reference
$$;
comment on function public.get_my_booking_by_reference(text) is
  'The calling member''s booking with this reference, or null (RLS-scoped): the confirmation page shows a booking only to who may see it.';

revoke execute on function public.get_my_booking_by_reference(text) from public;
grant execute on function public.get_my_booking_by_reference(text) to authenticated;
