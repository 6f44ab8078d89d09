-- The lucky draw answers its campaigns' and prizes' Thai texts itself (20261202130000), and
-- lib/venue/thai-names.ts, which added them from the brand by English name, is gone: the brand
-- no longer carries them, and a change of a campaign or a prize no longer drops the app's
-- cached brand (a campaign's insert or end did, every time).

drop trigger lucky_draw_campaigns_brand_changed on public.lucky_draw_campaigns;
drop trigger lucky_draw_prizes_brand_changed on public.lucky_draw_prizes;

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
