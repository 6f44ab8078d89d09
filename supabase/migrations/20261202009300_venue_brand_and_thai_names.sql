-- One brand, from data, and the venue's names in both languages (issue 15, items 5 and 6).
--
-- The venue's name, address, contact, logo and colours move from env variables and constants
-- (the UI said "Golf Bay Booking", emails "Golf Bay Bangkok", prize texts "LENGOLF") into the
-- one row of public.venue_settings. Bay, package and prize names and descriptions get a Thai
-- column each: English stays required, a missing Thai text falls back to the English one
-- where it is shown. public.get_venue_brand() answers both in one read, and every change of
-- them is announced on the 'venue_brand' channel so the app's cached copy is dropped at once.

-- ======================================================================================
-- The brand
-- ======================================================================================

-- A palette is an object of Tailwind shade keys to #rrggbb colours (the pages' brand colours).
create function app_private.is_brand_palette(p_colors jsonb) returns boolean
  language sql immutable
  set search_path = ''
  as $$
  select jsonb_typeof(p_colors) = 'object'
     and not exists (
       select 1 from jsonb_each(p_colors) c
       where c.key not in ('50', '100', '200', '500', '600', '700', '800', '900', '950')
          or jsonb_typeof(c.value) <> 'string'
          or c.value #>> '{}' !~ '^#[0-9a-fA-F]{6}$')
$$;
comment on function app_private.is_brand_palette(jsonb) is
  'Whether a value is a brand palette: shade keys 50-950 (Tailwind''s) mapped to #rrggbb colours.';
revoke execute on function app_private.is_brand_palette(jsonb) from public;

alter table public.venue_settings
  add column venue_name text not null default 'Golf Bay Bangkok'
    constraint venue_settings_venue_name check (length(btrim(venue_name)) between 1 and 80),
  add column venue_name_th text
    constraint venue_settings_venue_name_th check (venue_name_th is null or length(btrim(venue_name_th)) between 1 and 80),
  add column address text not null default '88 Sukhumvit Soi 24, Khlong Tan, Khlong Toei, Bangkok 10110, Thailand'
    constraint venue_settings_address check (length(btrim(address)) between 1 and 300),
  add column address_th text
    constraint venue_settings_address_th check (address_th is null or length(btrim(address_th)) between 1 and 300),
  add column phone text not null default '+66 2 000 0000'
    constraint venue_settings_phone check (length(btrim(phone)) between 3 and 40),
  add column line_id text
    constraint venue_settings_line_id check (line_id is null or length(btrim(line_id)) between 1 and 40),
  add column logo_url text not null default '/icon.svg'
    constraint venue_settings_logo_url check (logo_url ~ '^(/[^/]|https://)' and length(logo_url) <= 500),
  add column brand_colors jsonb not null default
    '{"50": "#f0f9f1", "100": "#dcf1df", "200": "#bde5c5", "500": "#2f8f46", "600": "#23723a", "700": "#1d5a30", "800": "#1a4a29", "900": "#123a20", "950": "#0a2113"}'
    constraint venue_settings_brand_colors check (app_private.is_brand_palette(brand_colors));
comment on column public.venue_settings.venue_name is 'The venue''s name on every page, email, calendar invitation, LINE text and prize text.';
comment on column public.venue_settings.venue_name_th is 'The name in Thai; null shows the English name.';
comment on column public.venue_settings.address is 'The postal address (calendar LOCATION, emails).';
comment on column public.venue_settings.address_th is 'The address in Thai; null shows the English address.';
comment on column public.venue_settings.phone is 'The phone customers call to change or cancel a booking.';
comment on column public.venue_settings.line_id is 'The venue''s LINE ID customers can write to; null = none.';
comment on column public.venue_settings.logo_url is 'The logo: a path of the app (/icon.svg) or an https URL.';
comment on column public.venue_settings.brand_colors is
  'The pages'' brand palette (Tailwind shade -> #rrggbb), set as CSS variables per request: a change needs no rebuild. Missing shades keep the built-in ones.';

-- ======================================================================================
-- Thai names
-- ======================================================================================

alter table public.bays
  add column name_th text check (name_th is null or length(btrim(name_th)) between 1 and 40);
comment on column public.bays.name_th is 'The bay''s name in Thai; null shows the English name.';

alter table public.packages
  add column package_name_th text check (package_name_th is null or length(btrim(package_name_th)) between 1 and 120);
comment on column public.packages.package_name_th is 'The package''s name in Thai; null shows the English name.';

alter table public.lucky_draw_campaigns
  add column name_th text check (name_th is null or length(btrim(name_th)) between 1 and 120);
comment on column public.lucky_draw_campaigns.name_th is 'The campaign''s name in Thai; null shows the English name.';

alter table public.lucky_draw_prizes
  add column name_th text check (name_th is null or length(btrim(name_th)) between 1 and 120),
  add column description_th text check (description_th is null or length(description_th) <= 500);
comment on column public.lucky_draw_prizes.name_th is 'The prize''s name in Thai; null shows the English name.';
comment on column public.lucky_draw_prizes.description_th is 'The prize''s description in Thai; null shows the English one.';

-- ======================================================================================
-- The read
-- ======================================================================================

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

-- ======================================================================================
-- The notice
-- ======================================================================================

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
