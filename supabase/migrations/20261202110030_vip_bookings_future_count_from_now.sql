-- GET /api/vip/bookings?filter=future counts from now too (issue 17): since 20261202110020 its
-- page starts 12 hours before now, but its count still read every entry of the member's owner
-- indexes (500 of a member with 500), for the dashboard's 'next booking' (filter=future, limit 1)
-- on every visit. The bound is one variable, v_from (12 hours before now for 'future', else
-- none), an index condition of the count's scans and the page's. Same answers; same signature.

-- GET /api/vip/bookings. Runs as the caller: row level security decides which bookings are
-- theirs. The member's bookings are read as index-only scans of the two owner indexes, one per
-- way RLS lets a member own a booking (by profile; by the linked customer record, less those
-- found by profile), and RLS still applies on top: counted in one pass, paged by reading each
-- index in the list's order only as far as the page (merged, no sort), and only the page's rows
-- are read from the table. 'future' = soonest first; the others newest first (ties by id, the
-- other way round).
create or replace function public.get_my_bookings(p_filter text, p_page integer, p_limit integer) returns jsonb
  language plpgsql stable
  set search_path = ''
  set jit = off
  -- The statements' plans do not depend on the arguments: planned once per connection, not per call.
  set plan_cache_mode = force_generic_plan
  as $$
declare
  v_me uuid := auth.uid();
  v_customer uuid;
  v_now timestamptz := now();
  -- A booking ends at most 12 hours after it starts (bookings.duration_hours): one that has not
  -- ended started after this, so the scans of 'future' start here, not at the first booking.
  v_from timestamptz := case when p_filter = 'future' then v_now - interval '12 hours' else '-infinity' end;
  v_total integer;
  v_ids uuid[];
  v_rows jsonb;
begin
  if p_filter not in ('future', 'past', 'cancelled', 'all') or p_page < 1 or p_limit < 1 or p_limit > 50 then
    perform app_private.raise_validation('query', 'filter must be future, past, cancelled or all; page >= 1; limit 1 to 50');
  end if;
  select p.customer_id into v_customer from public.profiles p where p.id = v_me;
  select (select count(*) from public.bookings b
          where b.profile_id = v_me and b.starts_at > v_from and app_private.member_bookings_filter(p_filter, b.status, b.ends_at, v_now))
       + (select count(*) from public.bookings b
          where b.customer_id = v_customer and b.profile_id is distinct from v_me and b.starts_at > v_from
            and app_private.member_bookings_filter(p_filter, b.status, b.ends_at, v_now))
  into v_total;
  -- Each index is read in the list's order, at most as far as the page's end.
  if p_filter = 'future' then
    select array_agg(page.id order by page.starts_at, page.id) into v_ids from (
      select mine.id, mine.starts_at from (
        (select b.id, b.starts_at from public.bookings b
         where b.profile_id = v_me and b.starts_at > v_from
           and app_private.member_bookings_filter(p_filter, b.status, b.ends_at, v_now)
         order by b.starts_at, b.id limit p_page * p_limit)
        union all
        (select b.id, b.starts_at from public.bookings b
         where b.customer_id = v_customer and b.profile_id is distinct from v_me and b.starts_at > v_from
           and app_private.member_bookings_filter(p_filter, b.status, b.ends_at, v_now)
         order by b.starts_at, b.id limit p_page * p_limit)
      ) mine
      order by mine.starts_at, mine.id offset (p_page - 1) * p_limit limit p_limit
    ) page;
  else
    select array_agg(page.id order by page.starts_at desc, page.id desc) into v_ids from (
      select mine.id, mine.starts_at from (
        (select b.id, b.starts_at from public.bookings b
         where b.profile_id = v_me and app_private.member_bookings_filter(p_filter, b.status, b.ends_at, v_now)
         order by b.starts_at desc, b.id desc limit p_page * p_limit)
        union all
        (select b.id, b.starts_at from public.bookings b
         where b.customer_id = v_customer and b.profile_id is distinct from v_me
           and app_private.member_bookings_filter(p_filter, b.status, b.ends_at, v_now)
         order by b.starts_at desc, b.id desc limit p_page * p_limit)
      ) mine
      order by mine.starts_at desc, mine.id desc offset (p_page - 1) * p_limit limit p_limit
    ) page;
  end if;
  select coalesce(jsonb_agg(app_private.vip_booking_json(b, coalesce(bay.name, 'Closed bay')) || jsonb_build_object('bayTh', bay.name_th)
                            order by page.ord), '[]'::jsonb)
  into v_rows
  from unnest(v_ids) with ordinality page (id, ord)
  join public.bookings b on b.id = page.id
  -- Members read active bays only; a booking in a bay closed since keeps its place (no Thai name).
  left join public.bays bay on bay.id = b.bay_id;
  return jsonb_build_object(
    'bookings', v_rows,
    'pagination', jsonb_build_object(
      'currentPage', p_page,
      'totalPages', ceil(v_total::numeric / p_limit)::integer,
      'totalCount', v_total,
      'limit', p_limit
    )
  );
end
$$;
