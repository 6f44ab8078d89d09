-- The member's packages answer each package's own Thai name (package_name_th, null when none
-- is stored) beside its English one, as 20261202130000 does for the lucky draw and the desk;
-- the app no longer adds it from the cached brand by English name, which took the newest
-- package of that name's text.
create or replace function public.get_my_packages() returns jsonb
  language sql stable
  set search_path = ''
  set jit = off
  as $$
  with mine as (
    select pk.*,
           pk.total_hours - pk.used_hours as remaining_hours,
           case
             when pk.expiry_date is not null and pk.expiry_date < app_private.venue_now()::date then 'expired'
             when pk.used_hours >= pk.total_hours then 'depleted'
             else 'active'
           end as status
    from public.packages pk
  ),
  shaped as (
    select status, purchase_date, jsonb_build_object(
      'id', id,
      'packageName', package_name,
      'packageNameTh', package_name_th,
      'purchaseDate', to_char(purchase_date, 'YYYY-MM-DD'),
      'expiryDate', to_char(expiry_date, 'YYYY-MM-DD'),
      'totalHours', total_hours,
      'usedHours', used_hours,
      'remainingHours', remaining_hours,
      'status', status
    ) as package
    from mine
  )
  select jsonb_build_object(
    'activePackages', coalesce((select jsonb_agg(package order by purchase_date desc) from shaped where status = 'active'), '[]'::jsonb),
    'pastPackages', coalesce((select jsonb_agg(package order by purchase_date desc) from shaped where status <> 'active'), '[]'::jsonb)
  )
$$;
