-- A booking's message names its bay and package in the customer's language from the
-- booking's own rows: the notice (the outbox payload) carries bays.name_th and
-- packages.package_name_th, where the app looked the Thai names up in the cached brand by the
-- English name (another package of the same name could lend its Thai one). The brand keeps the
-- venue's own texts only, and a bay's or a package's change no longer drops the cached brand.

-- Everything a side effect of a booking needs (the payload of its outbox jobs), with the
-- bay's and the package's own Thai names for a customer who reads Thai.
create or replace function app_private.booking_notice(p_booking_id uuid) returns jsonb
  language plpgsql stable
  set search_path = ''
  as $$
begin
  return (
  select jsonb_build_object(
    'bookingId', b.id,
    'reference', b.reference,
    'bay', bay.name,
    'bayTh', bay.name_th,
    'bayCalendarId', bay.calendar_id,
    'date', to_char(b.starts_at at time zone app_private.venue_timezone(), 'YYYY-MM-DD'),
    'startTime', to_char(b.starts_at at time zone app_private.venue_timezone(), 'HH24:MI'),
    'endTime', to_char(b.ends_at at time zone app_private.venue_timezone(), 'HH24:MI'),
    'startsAt', b.starts_at,
    'endsAt', b.ends_at,
    'durationHours', b.duration_hours,
    'numberOfPeople', b.number_of_people,
    'customerName', b.customer_name,
    -- '' for a walk-in who gave none (no email job is queued for it).
    'customerEmail', coalesce(b.customer_email, ''),
    'customerPhone', b.customer_phone,
    'specialRequests', b.notes,
    'priceThb', b.price_thb,
    'packageName', pk.package_name,
    'packageNameTh', pk.package_name_th,
    'locale', b.locale
  )
  from public.bookings b
  join public.bays bay on bay.id = b.bay_id
  left join public.packages pk on pk.id = b.package_id
  where b.id = p_booking_id
  );
end
$$;

drop trigger bays_brand_changed on public.bays;
drop trigger packages_brand_changed on public.packages;

create or replace function public.get_venue_brand() returns jsonb
  language sql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
  select jsonb_build_object(
    'name', vs.venue_name,
    'nameTh', vs.venue_name_th,
    'address', vs.address,
    'addressTh', vs.address_th,
    'phone', vs.phone,
    'lineId', vs.line_id,
    'logoUrl', vs.logo_url,
    'colors', vs.brand_colors)
  from public.venue_settings vs
  where vs.id
$$;
comment on function public.get_venue_brand() is
  'The venue''s brand: name, address, phone, LINE ID, logo, colours; Thai texts null when not set.';

revoke execute on function public.get_venue_brand() from public;
grant execute on function public.get_venue_brand() to anon, authenticated, service_role;
