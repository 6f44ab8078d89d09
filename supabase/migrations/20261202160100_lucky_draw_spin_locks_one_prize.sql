-- Spins of one campaign no longer queue behind each other (issue 17): each spin locked every
-- prize row of its campaign until its commit; now only the picked prize's row, by its decrement.

-- The spec's select_prize_weighted(): picks one of the campaign's prizes with probability
-- remaining/total over the stock committed now, and decrements it only while it is still in
-- stock; no row when every prize is claimed. Only the picked prize's row is locked (by the
-- decrement), so spins that pick different prizes run side by side; a spin whose prize was
-- taken to zero meanwhile (its decrement waited for that spin's commit, then matched no row)
-- picks again from the stock as it is then. Only callable inside a spin (no role may execute it).
create or replace function public.select_prize_weighted(p_campaign_id uuid default null)
  returns table (prize_id uuid, prize_name text, prize_description text, remaining_quantity integer)
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_campaign uuid := coalesce(p_campaign_id, app_private.active_lucky_draw_campaign());
  v_ids uuid[];
  v_weights integer[];
  v_total bigint;
  v_index integer;
begin
  if v_campaign is null then
    return;
  end if;
  -- Each pass that finds its prize gone saw that prize's last unit go: at most one pass per prize.
  loop
    select array_agg(p.id order by p.id), array_agg(p.remaining order by p.id), coalesce(sum(p.remaining), 0)
      into v_ids, v_weights, v_total
    from public.lucky_draw_prizes p
    where p.campaign_id = v_campaign and p.remaining > 0;
    if v_total = 0 then
      return;
    end if;
    v_index := app_private.pick_weighted_index(v_weights, app_private.uniform_below(v_total));
    return query
      update public.lucky_draw_prizes p set remaining = p.remaining - 1
      where p.id = v_ids[v_index] and p.remaining > 0
      returning p.id, p.name, p.description, p.remaining;
    if found then
      return;
    end if;
  end loop;
end
$$;
comment on function public.select_prize_weighted(uuid) is
  'Weighted prize pick (remaining/total, unbiased) that decrements the winner while it is in stock, locking only its row. Used by spin_lucky_draw only.';
