-- The venue's brand, in one read (public.get_venue_brand), and the 'venue_brand' notice that
-- drops the app's cached copy (migrations 20261202009300, 20261202130200, 20261202150000).
-- The columns live in 10_venue.sql. Bays, packages and the lucky draw answer their own Thai
-- names where they are named (booking notices, availability, the member's pages, the draw).

create function public.get_venue_brand() returns jsonb
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

-- The notice

create function app_private.venue_brand_changed() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
begin
  perform pg_notify('venue_brand', tg_table_name);
  return null;
end
$$;
revoke execute on function app_private.venue_brand_changed() from public;

create trigger venue_settings_brand_changed after insert or update or delete or truncate on public.venue_settings
  for each statement execute function app_private.venue_brand_changed();
