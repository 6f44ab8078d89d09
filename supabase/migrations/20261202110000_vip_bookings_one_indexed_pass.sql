-- GET /api/vip/bookings in one indexed pass (issue 17). get_my_bookings read every booking of
-- the member from the table (a bitmap heap scan of both owner indexes, each row whole), then
-- counted and sorted them all and shaped the page: a member with 500 bookings cost 500 heap
-- rows and two sorts per page. Now the two owner indexes cover what the list filters and orders
-- by, so the member's bookings are index-only scans (by profile; by the linked customer record,
-- less those already found by profile), counted and paged in one pass, and only the page's rows
-- are read from the table. The Thai bay name (bayTh) is joined from public.bays.name_th here
-- instead of being added in TypeScript. Same answers, same order (newest first, soonest first
-- for 'future', the id breaking ties), bayTh added; same signature, so the grants stay.

-- The owner indexes, covering: the other owner column (RLS's policy reads both), the status and
-- end the filters read, the start the list orders by. Guest bookings (neither set) stay out.
drop index public.bookings_profile_idx;
drop index public.bookings_customer_idx;
create index bookings_profile_idx on public.bookings (profile_id, starts_at, id) include (customer_id, status, ends_at)
  where profile_id is not null;
create index bookings_customer_idx on public.bookings (customer_id, starts_at, id) include (profile_id, status, ends_at)
  where customer_id is not null;

create or replace function public.get_my_bookings(p_filter text, p_page integer, p_limit integer) returns jsonb
  language plpgsql stable
  set search_path = ''
  set jit = off
  -- The statement's plan does not depend on the arguments: planned once per connection, not per call.
  set plan_cache_mode = force_generic_plan
  as $$
declare
  v_me uuid := auth.uid();
  v_customer uuid;
  v_now timestamptz := now();
  v_total integer;
  v_rows jsonb;
begin
  if p_filter not in ('future', 'past', 'cancelled', 'all') or p_page < 1 or p_limit < 1 or p_limit > 50 then
    perform app_private.raise_validation('query', 'filter must be future, past, cancelled or all; page >= 1; limit 1 to 50');
  end if;
  select p.customer_id into v_customer from public.profiles p where p.id = v_me;
  -- The member's bookings as index-only scans of the two covering indexes (by profile; by the
  -- linked customer record, less those already found by profile), as RLS's two ways to own
  -- one; RLS still applies on top. Counted and paged from this one pass; only the page's
  -- rows are read from the table.
  with mine as (
    select b.id, b.starts_at
    from public.bookings b
    where b.profile_id = v_me
      and case p_filter
            when 'future' then b.status <> 'cancelled' and b.ends_at > v_now
            when 'past' then b.status <> 'cancelled' and b.ends_at <= v_now
            when 'cancelled' then b.status = 'cancelled'
            else true
          end
    union all
    select b.id, b.starts_at
    from public.bookings b
    where b.customer_id = v_customer and b.profile_id is distinct from v_me
      and case p_filter
            when 'future' then b.status <> 'cancelled' and b.ends_at > v_now
            when 'past' then b.status <> 'cancelled' and b.ends_at <= v_now
            when 'cancelled' then b.status = 'cancelled'
            else true
          end
  ), page as (
    -- Soonest first for 'future', newest first otherwise; the id breaks ties.
    select m.id, row_number() over (order by m.soonest, m.newest desc, m.id) as ord
    from (select mine.id,
                 case when p_filter = 'future' then mine.starts_at end as soonest,
                 case when p_filter <> 'future' then mine.starts_at end as newest
          from mine) m
    order by m.soonest, m.newest desc, m.id
    offset (p_page - 1) * p_limit
    limit p_limit
  )
  select (select count(*) from mine),
         coalesce((
           select jsonb_agg(app_private.vip_booking_json(b, coalesce(bay.name, 'Closed bay')) || jsonb_build_object('bayTh', bay.name_th)
                            order by page.ord)
           from page
           join public.bookings b on b.id = page.id
           -- Members read active bays only; a booking in a bay closed since keeps its place (no Thai name).
           left join public.bays bay on bay.id = b.bay_id
         ), '[]'::jsonb)
  into v_total, v_rows;
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
comment on function public.get_my_bookings(text, integer, integer) is 'The calling member''s bookings, filtered and paged (RLS-scoped), bays named in Thai too.';
