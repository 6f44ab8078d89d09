-- The front desk's customer search takes the typed number's digits from the app
-- (lib/contact/phone.ts phoneSearchDigits), which already reads phone numbers (toE164), instead
-- of a second reading of them here.
drop function public.staff_find_customers(text, text, integer);

create function public.staff_find_customers(p_query text, p_phone text, p_digits text, p_limit integer) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_query text := lower(btrim(coalesce(p_query, '')));
begin
  if not app_private.caller_is_staff() then
    raise exception using errcode = 'PT403', message = 'FORBIDDEN';
  end if;
  if length(v_query) not between 2 and 120 then
    perform app_private.raise_validation('q', 'Type 2-120 characters: a phone number, a name, an email or a booking reference');
  end if;
  return jsonb_build_object('customers', coalesce((
    select jsonb_agg(app_private.desk_customer_json(m.c) order by m.rank, lower((m.c).name), (m.c).id)
    from (
      select c, case when c.phone = p_phone or lower(c.email) = v_query or r.customer_id is not null then 0
                       when starts_with(lower(c.name), v_query) then 1 else 2 end as rank
      from public.customers c
      left join public.bookings r on r.reference = upper(v_query) and r.customer_id = c.id
      where c.phone = p_phone
         or (length(p_digits) >= 4 and position(p_digits in c.phone) > 0)
         or position(v_query in lower(c.name)) > 0
         or lower(c.email) = v_query
         or r.customer_id is not null
      order by rank, lower(c.name), c.id
      limit greatest(1, least(coalesce(p_limit, 10), 25))
    ) m), '[]'::jsonb));
end
$$;
comment on function public.staff_find_customers(text, text, text, integer) is
  'Staff only: customers by phone, name (prefix or contains, any case), email or booking reference, exact matches first.';

revoke execute on function public.staff_find_customers(text, text, text, integer) from public;
grant execute on function public.staff_find_customers(text, text, text, integer) to authenticated;
