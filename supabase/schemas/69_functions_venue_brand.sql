-- The venue's brand and the Thai names of bays, packages, campaigns and prizes, in one read
-- (public.get_venue_brand), and the 'venue_brand' notice that drops the app's cached copy
-- (migration 20261202009300). The columns live with their tables (10_venue.sql,
-- 12_packages.sql, 16_lucky_draw.sql).

-- Names are keyed by their English text, which every answer already carries (bay names and a
-- campaign's prize names are unique; package names name a product): the app adds the Thai
-- field beside it without each function repeating the lookup.
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
            order by pk.package_name, pk.updated_at desc) p), '[]'::jsonb),
    'campaigns', coalesce((
      select jsonb_agg(jsonb_build_object('name', c.name, 'nameTh', c.name_th) order by c.name)
      from (select distinct on (ca.name) ca.name, ca.name_th
            from public.lucky_draw_campaigns ca order by ca.name, ca.starts_at desc) c), '[]'::jsonb),
    'prizes', coalesce((
      select jsonb_agg(jsonb_build_object('name', p.name, 'nameTh', p.name_th, 'description', p.description, 'descriptionTh', p.description_th) order by p.name)
      from (select distinct on (pr.name) pr.name, pr.name_th, pr.description, pr.description_th
            from public.lucky_draw_prizes pr
            join public.lucky_draw_campaigns ca on ca.id = pr.campaign_id
            order by pr.name, ca.starts_at desc) p), '[]'::jsonb))
  from public.venue_settings vs
  where vs.id
$$;
comment on function public.get_venue_brand() is
  'The venue''s brand (name, address, phone, LINE ID, logo, colours; Thai texts null when not set) and the Thai names of bays, packages (those translated), campaigns and prizes, keyed by their English names.';

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
create trigger lucky_draw_campaigns_brand_changed after insert or update or delete or truncate on public.lucky_draw_campaigns
  for each statement execute function app_private.venue_brand_changed();
-- Prizes change their remaining count on every spin: only their texts matter here.
create trigger lucky_draw_prizes_brand_changed after insert or delete or update of name, name_th, description, description_th on public.lucky_draw_prizes
  for each statement execute function app_private.venue_brand_changed();
