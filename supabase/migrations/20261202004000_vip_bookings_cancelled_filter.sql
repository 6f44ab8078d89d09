-- Cancelled bookings get their own filter in the VIP portal (issue 14): a cancelled booking
-- for a future date was listed under 'past', as if it had taken place. 'past' now means ended
-- and not cancelled; 'cancelled' lists cancelled bookings whatever their date; 'future' and
-- 'all' are unchanged. Same signature, replaced: the grants stay as they are.

-- GET /api/vip/bookings. Runs as the caller: row level security decides which bookings
-- are theirs. 'future' = live bookings that have not ended (soonest first); 'past' = ended
-- and not cancelled, the visits that took place (newest first); 'cancelled' = cancelled,
-- whatever their date (newest first); 'all' = everything, newest first.
create or replace function public.get_my_bookings(p_filter text, p_page integer, p_limit integer) returns jsonb
  language plpgsql stable
  set search_path = ''
  set jit = off
  as $$
declare
  v_total integer;
  v_rows jsonb;
begin
  if p_filter not in ('future', 'past', 'cancelled', 'all') or p_page < 1 or p_limit < 1 or p_limit > 50 then
    perform app_private.raise_validation('query', 'filter must be future, past, cancelled or all; page >= 1; limit 1 to 50');
  end if;
  with picked as (
    select b as rec, b.id, b.bay_id, b.starts_at
    from public.bookings b
    where case p_filter
            when 'future' then b.status <> 'cancelled' and b.ends_at > now()
            when 'past' then b.status <> 'cancelled' and b.ends_at <= now()
            when 'cancelled' then b.status = 'cancelled'
            else true
          end
  )
  select (select count(*) from picked),
         coalesce((
           select jsonb_agg(app_private.vip_booking_json(page.rec, coalesce(bay.name, 'Closed bay')) order by page.ord)
           from (
             select p.rec, p.bay_id, row_number() over (
               order by case when p_filter = 'future' then p.starts_at end asc,
                        case when p_filter <> 'future' then p.starts_at end desc,
                        p.id) as ord
             from picked p
             order by ord
             offset (p_page - 1) * p_limit
             limit p_limit
           ) page
           -- Members read active bays only; a booking in a bay closed since keeps its place.
           left join public.bays bay on bay.id = page.bay_id
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
comment on function public.get_my_bookings(text, integer, integer) is 'The calling member''s bookings, filtered and paged (RLS-scoped).';
