-- The venue's brand and the Thai names of bays and packages, in one read
-- (public.get_venue_brand), and the 'venue_brand' notice that drops the app's cached copy
-- (migrations 20261202009300, 20261202130200). The columns live with their tables
-- (10_venue.sql, 12_packages.sql; the lucky draw's in 16_lucky_draw.sql, which its functions
-- answer themselves).

-- Names are keyed by their English text, which a booking's message notice carries (bay names
-- are unique; package names name a product): the messages name them in the customer's language.
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
    'colors', vs.brand_colors,
    'bays', coalesce((
      select jsonb_agg(jsonb_build_object('name', b.name, 'nameTh', b.name_th) order by b.sort_order, b.name)
      from public.bays b), '[]'::jsonb),
    'packages', coalesce((
      select jsonb_agg(jsonb_build_object('name', p.package_name, 'nameTh', p.package_name_th) order by p.package_name)
      from (select distinct on (pk.package_name) pk.package_name, pk.package_name_th
            from public.packages pk where pk.package_name_th is not null
            order by pk.package_name, pk.updated_at desc) p), '[]'::jsonb))
  from public.venue_settings vs
  where vs.id
$$;
comment on function public.get_venue_brand() is
  'The venue''s brand (name, address, phone, LINE ID, logo, colours; Thai texts null when not set) and the Thai names of bays and packages (those translated), keyed by their English names.';

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
create trigger bays_brand_changed after insert or update or delete or truncate on public.bays
  for each statement execute function app_private.venue_brand_changed();
-- Packages change hours on every package booking: only their names matter here.
create trigger packages_brand_changed after insert or delete or update of package_name, package_name_th on public.packages
  for each statement execute function app_private.venue_brand_changed();
