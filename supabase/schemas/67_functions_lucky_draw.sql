-- The lucky draw: record a sales transaction (idempotent), the weighted pick, spin (one
-- transaction), redeem (once), the spec's reads, and the LIFF screen's "who am I". The app
-- calls them as service_role after verifying the caller (LINE ID token, staff PIN, system key).

-- ======================================================================================
-- Helpers: the active campaign, unbiased randomness, the weighted pick, redemption codes
-- ======================================================================================

-- The campaign running now: the latest started one whose window contains now().
create function app_private.active_lucky_draw_campaign(p_at timestamptz default now()) returns uuid
  language plpgsql stable
  set search_path = ''
  as $$
begin
  return (select c.id from public.lucky_draw_campaigns c
          where c.starts_at <= p_at and p_at < c.ends_at
          order by c.starts_at desc, c.id
          limit 1);
end
$$;
comment on function app_private.active_lucky_draw_campaign(timestamptz) is 'The lucky draw campaign active at p_at (latest started wins), or null.';

-- A uniform integer in [0, p_bound) from gen_random_bytes, by rejection sampling, so no
-- value is more likely than another (a plain modulo would favour the small ones).
create function app_private.uniform_below(p_bound bigint) returns bigint
  language plpgsql volatile
  set search_path = ''
  as $$
declare
  -- 2^32 random values; accept only below the largest multiple of p_bound.
  v_limit bigint;
  v_value bigint;
begin
  if p_bound is null or p_bound < 1 or p_bound > 4294967296 then
    raise exception 'uniform_below: bound % out of range', p_bound;
  end if;
  v_limit := 4294967296 - (4294967296 % p_bound);
  loop
    v_value := ('x' || encode(extensions.gen_random_bytes(4), 'hex'))::bit(32)::bigint;
    if v_value < 0 then v_value := v_value + 4294967296; end if;
    exit when v_value < v_limit;
  end loop;
  return v_value % p_bound;
end
$$;
comment on function app_private.uniform_below(bigint) is 'Unbiased cryptographically random integer in [0, p_bound).';

-- The index (1-based) of the weight whose cumulative range holds p_ticket, a number in
-- [0, sum(p_weights)): weight w_i covers w_i tickets, so its chance is w_i / total.
create function app_private.pick_weighted_index(p_weights integer[], p_ticket bigint) returns integer
  language plpgsql immutable
  set search_path = ''
  as $$
declare
  v_cumulative bigint := 0;
begin
  for i in 1 .. coalesce(array_length(p_weights, 1), 0) loop
    v_cumulative := v_cumulative + greatest(p_weights[i], 0);
    if p_ticket < v_cumulative then
      return i;
    end if;
  end loop;
  return null;
end
$$;
comment on function app_private.pick_weighted_index(integer[], bigint) is 'Maps a ticket in [0, total) to the weight that owns it: the pick is proportional to the weights.';

-- Redemption codes: LG + 8 characters from 32 unambiguous ones (no 0, O, 1, I); one
-- random byte per character, and 256 is a multiple of 32, so every character is equally likely.
create function app_private.new_redemption_code() returns text
  language plpgsql volatile
  set search_path = ''
  as $$
declare
  v_alphabet constant text := '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  v_bytes bytea := extensions.gen_random_bytes(8);
  v_code text := 'LG';
begin
  for i in 0 .. 7 loop
    v_code := v_code || substr(v_alphabet, (get_byte(v_bytes, i) % 32) + 1, 1);
  end loop;
  return v_code;
end
$$;
comment on function app_private.new_redemption_code() is 'A fresh redemption code, LG + 8 unambiguous characters from gen_random_bytes.';

-- The spec's select_prize_weighted(): picks one of the campaign's prizes with probability
-- remaining/total over the stock committed now, and decrements it only while it is still in
-- stock; no row when every prize is claimed. Only the picked prize's row is locked (by the
-- decrement), so spins that pick different prizes run side by side; a spin whose prize was
-- taken to zero meanwhile (its decrement waited for that spin's commit, then matched no row)
-- picks again from the stock as it is then. Only callable inside a spin (no role may execute it).
create function public.select_prize_weighted(p_campaign_id uuid default null)
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

-- Simulates p_picks picks over the campaign's current inventory without changing it:
-- the same mapping as select_prize_weighted, counts per prize. With p_seed the tickets come
-- from setseed()/random() so a test is repeatable; without, from uniform_below().
create function app_private.simulate_prize_picks(p_campaign_id uuid, p_picks integer, p_seed double precision default null)
  returns table (prize_id uuid, remaining integer, picks integer)
  language plpgsql volatile
  set search_path = ''
  as $$
declare
  v_ids uuid[];
  v_weights integer[];
  v_total bigint;
  v_counts integer[];
  v_index integer;
  v_ticket bigint;
begin
  select array_agg(p.id order by p.id), array_agg(p.remaining order by p.id), coalesce(sum(p.remaining), 0)
    into v_ids, v_weights, v_total
  from public.lucky_draw_prizes p where p.campaign_id = p_campaign_id;
  if v_ids is null then
    return;
  end if;
  v_counts := array_fill(0, array[array_length(v_ids, 1)]);
  if v_total > 0 then
    if p_seed is not null then
      perform setseed(p_seed);
    end if;
    for n in 1 .. p_picks loop
      v_ticket := case when p_seed is null then app_private.uniform_below(v_total)
                       else floor(random() * v_total)::bigint end;
      v_index := app_private.pick_weighted_index(v_weights, v_ticket);
      v_counts[v_index] := v_counts[v_index] + 1;
    end loop;
  end if;
  return query select v_ids[i], v_weights[i], v_counts[i] from generate_subscripts(v_ids, 1) i;
end
$$;
comment on function app_private.simulate_prize_picks(uuid, integer, double precision) is
  'Counts p_picks simulated weighted picks per prize over current inventory, changing nothing (for fairness tests).';

-- The caller of a LIFF request: the LINE profile of p_line_user_id must exist (else
-- PROFILE_NOT_FOUND) and be linked to customer p_customer_id (else CUSTOMER_NOT_LINKED, or
-- FORBIDDEN when it is linked to another customer).
create function app_private.assert_line_customer(p_customer_id uuid, p_line_user_id text) returns void
  language plpgsql stable
  set search_path = ''
  as $$
declare
  v_linked uuid;
begin
  select p.customer_id into v_linked from public.profiles p
  where p.provider = 'line' and p.provider_account_id = p_line_user_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'PROFILE_NOT_FOUND';
  end if;
  if v_linked is null then
    raise exception using errcode = 'PT403', message = 'CUSTOMER_NOT_LINKED';
  end if;
  if v_linked <> p_customer_id then
    raise exception using errcode = 'PT403', message = 'FORBIDDEN';
  end if;
end
$$;
comment on function app_private.assert_line_customer(uuid, text) is 'Raises unless the LINE user''s profile exists and is linked to this customer.';

-- ======================================================================================
-- What the routes call
-- ======================================================================================

-- The spec's get_customer_draws(customer_id): draws earned minus draws used in the active campaign.
create function public.get_customer_draws(customer_id uuid) returns integer
  language sql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
  select coalesce((
    select e.draws_earned - e.draws_used from public.lucky_draw_entitlements e
    where e.customer_id = get_customer_draws.customer_id
      and e.campaign_id = app_private.active_lucky_draw_campaign()
  ), 0)
$$;
comment on function public.get_customer_draws(uuid) is 'Draws the customer can still spin in the active campaign (earned minus used; 0 without one).';

-- The spec's get_campaign_status(): totals and per-prize breakdown of the active campaign
-- (or of the latest campaign when none is active, with campaignActive false).
create function public.get_campaign_status() returns jsonb
  language sql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
  with campaign as (
    select coalesce(
      app_private.active_lucky_draw_campaign(),
      (select c.id from public.lucky_draw_campaigns c where c.starts_at <= now() order by c.ends_at desc limit 1)
    ) as id
  ),
  prizes as (
    select p.name, p.name_th, p.initial_quantity, p.remaining
    from public.lucky_draw_prizes p join campaign c on p.campaign_id = c.id
  )
  select jsonb_build_object(
    'totalPrizes', coalesce((select sum(initial_quantity) from prizes), 0),
    'prizesRemaining', coalesce((select sum(remaining) from prizes), 0),
    'prizesAwarded', coalesce((select sum(initial_quantity - remaining) from prizes), 0),
    'campaignActive', app_private.active_lucky_draw_campaign() is not null,
    'prizeBreakdown', coalesce((
      select jsonb_agg(jsonb_build_object(
        'prize_name', name, 'prize_name_th', name_th, 'initial_quantity', initial_quantity,
        'remaining', remaining, 'awarded', initial_quantity - remaining
      ) order by initial_quantity desc, name)
      from prizes
    ), '[]'::jsonb)
  )
$$;
comment on function public.get_campaign_status() is 'The spec''s campaign status: totals, remaining, awarded and per-prize breakdown.';

-- GET /api/lucky-draw/customer-status: draws left and every prize the customer won.
create function public.get_lucky_draw_customer_status(p_customer_id uuid, p_line_user_id text) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
begin
  perform app_private.assert_line_customer(p_customer_id, p_line_user_id);
  return jsonb_build_object(
    'draws_available', public.get_customer_draws(p_customer_id),
    'campaignActive', app_private.active_lucky_draw_campaign() is not null,
    'prizes', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', a.id,
        'prize_name', p.name,
        'prize_name_th', p.name_th,
        'prize_description', p.description,
        'prize_description_th', p.description_th,
        'redemption_code', a.redemption_code,
        'spin_timestamp', app_private.iso_utc_ms(s.spun_at),
        'is_redeemed', r.award_id is not null,
        'redeemed_at', app_private.iso_utc_ms(r.redeemed_at),
        'redeemed_by_staff_name', r.staff_name,
        'draw_sequence', s.draw_sequence
      ) order by s.spun_at desc, s.draw_sequence desc)
      from public.lucky_draw_awards a
      join public.lucky_draw_spins s on s.id = a.spin_id
      join public.lucky_draw_prizes p on p.id = a.prize_id
      left join public.lucky_draw_redemptions r on r.award_id = a.id
      where a.customer_id = p_customer_id
    ), '[]'::jsonb)
  );
end
$$;
comment on function public.get_lucky_draw_customer_status(uuid, text) is 'A LINE user''s own customer: draws available and prizes won (after checking the link).';

-- POST /api/liff/spin, one transaction: lock the entitlement, check a draw is left, spend it
-- and record the spin, then pick and decrement a prize under the prize rows' locks (held to
-- the commit, so as little as possible comes after them), record the award and the audit.
create function public.spin_lucky_draw(p_customer_id uuid, p_line_user_id text) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_campaign uuid;
  v_entitlement public.lucky_draw_entitlements;
  v_prize record;
  v_prize_th text;
  v_description_th text;
  v_spin_id uuid;
  v_award_id uuid;
  v_code text;
begin
  perform app_private.assert_line_customer(p_customer_id, p_line_user_id);
  v_campaign := app_private.active_lucky_draw_campaign();
  if v_campaign is null then
    raise exception using errcode = 'PT409', message = 'CAMPAIGN_NOT_ACTIVE';
  end if;

  select e.* into v_entitlement from public.lucky_draw_entitlements e
  where e.customer_id = p_customer_id and e.campaign_id = v_campaign
  for update;
  if not found or v_entitlement.draws_used >= v_entitlement.draws_earned then
    raise exception using errcode = 'PT400', message = 'NO_DRAWS_AVAILABLE';
  end if;

  -- Spend the draw, record the spin and draw its code before the prize rows' locks, which
  -- every spin of the campaign waits for until this one commits.
  update public.lucky_draw_entitlements e
  set draws_used = e.draws_used + 1, updated_at = now()
  where e.customer_id = p_customer_id and e.campaign_id = v_campaign;

  insert into public.lucky_draw_spins (campaign_id, customer_id, line_user_id, draw_sequence)
  values (v_campaign, p_customer_id, p_line_user_id, v_entitlement.draws_used + 1)
  returning id into v_spin_id;

  loop
    v_code := app_private.new_redemption_code();
    exit when not exists (select 1 from public.lucky_draw_awards a where a.redemption_code = v_code);
  end loop;

  select * into v_prize from public.select_prize_weighted(v_campaign);
  if not found then
    -- The error rolls the spent draw and the spin back: the draw stays for a restock.
    raise exception using errcode = 'PT409', message = 'NO_PRIZES_AVAILABLE';
  end if;

  insert into public.lucky_draw_awards (spin_id, customer_id, prize_id, redemption_code)
  values (v_spin_id, p_customer_id, v_prize.prize_id, v_code)
  returning id into v_award_id;

  insert into public.lucky_draw_audit (kind, customer_id, award_id, detail)
  values ('spin', p_customer_id, v_award_id, jsonb_build_object(
    'lineUserId', p_line_user_id, 'campaignId', v_campaign, 'prizeId', v_prize.prize_id,
    'drawSequence', v_entitlement.draws_used + 1));

  select p.name_th, p.description_th into v_prize_th, v_description_th from public.lucky_draw_prizes p where p.id = v_prize.prize_id;
  return jsonb_build_object(
    'success', true,
    'prizeId', v_award_id,
    'prize', v_prize.prize_name,
    'prizeTh', v_prize_th,
    'prizeDescription', v_prize.prize_description,
    'prizeDescriptionTh', v_description_th,
    'redemptionCode', v_code,
    'drawsRemaining', v_entitlement.draws_earned - v_entitlement.draws_used - 1
  );
end
$$;
comment on function public.spin_lucky_draw(uuid, text) is
  'Spends one draw of a linked LINE customer and awards a weighted-random prize, all in one transaction.';

-- POST /api/lucky-draw/sales-transactions (system): records a POS sales transaction once.
-- A transaction of at least the campaign's minimum (500 THB) made while a campaign is
-- active credits one draw; the same id posted again credits nothing and says so.
create function public.record_sales_transaction(p_transaction_id text, p_customer_id uuid, p_amount_thb numeric, p_occurred_at timestamptz default null)
  returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_at timestamptz := coalesce(p_occurred_at, now());
  v_campaign uuid;
  v_min numeric;
  v_credit integer := 0;
  v_existing public.lucky_draw_transactions;
  v_inserted boolean;
begin
  if p_transaction_id is null or length(btrim(p_transaction_id)) not between 1 and 100 then
    raise exception using errcode = 'PT400', message = 'VALIDATION_ERROR',
      detail = '{"fields":{"transactionId":"Must be 1-100 characters"}}';
  end if;
  if p_amount_thb is null or p_amount_thb < 0 then
    raise exception using errcode = 'PT400', message = 'VALIDATION_ERROR',
      detail = '{"fields":{"amountThb":"Must be zero or more"}}';
  end if;
  if not exists (select 1 from public.customers c where c.id = p_customer_id) then
    raise exception using errcode = 'PT404', message = 'CUSTOMER_NOT_FOUND';
  end if;

  v_campaign := app_private.active_lucky_draw_campaign(v_at);
  if v_campaign is not null then
    select c.min_transaction_thb into v_min from public.lucky_draw_campaigns c where c.id = v_campaign;
    if p_amount_thb >= v_min then v_credit := 1; end if;
  end if;

  insert into public.lucky_draw_transactions (transaction_id, customer_id, campaign_id, amount_thb, occurred_at, draws_credited)
  values (btrim(p_transaction_id), p_customer_id, v_campaign, p_amount_thb, v_at, v_credit)
  on conflict (transaction_id) do nothing;
  v_inserted := found;

  if not v_inserted then
    select t.* into v_existing from public.lucky_draw_transactions t where t.transaction_id = btrim(p_transaction_id);
    if v_existing.customer_id <> p_customer_id or v_existing.amount_thb <> p_amount_thb then
      raise exception using errcode = 'PT409', message = 'CONFLICT',
        detail = '{"reason":"This transaction id was recorded with another customer or amount"}';
    end if;
    return jsonb_build_object('transactionId', v_existing.transaction_id, 'customerId', p_customer_id,
      'drawsCredited', 0, 'duplicate', true, 'drawsAvailable', public.get_customer_draws(p_customer_id));
  end if;

  if v_credit = 1 then
    insert into public.lucky_draw_entitlements as e (customer_id, campaign_id, draws_earned)
    values (p_customer_id, v_campaign, 1)
    on conflict (customer_id, campaign_id) do update set draws_earned = e.draws_earned + 1, updated_at = now();
  end if;
  insert into public.lucky_draw_audit (kind, customer_id, detail)
  values ('transaction_recorded', p_customer_id, jsonb_build_object(
    'transactionId', btrim(p_transaction_id), 'amountThb', p_amount_thb, 'campaignId', v_campaign, 'drawsCredited', v_credit));
  return jsonb_build_object('transactionId', btrim(p_transaction_id), 'customerId', p_customer_id,
    'drawsCredited', v_credit, 'duplicate', false, 'drawsAvailable', public.get_customer_draws(p_customer_id));
end
$$;
comment on function public.record_sales_transaction(text, uuid, numeric, timestamptz) is
  'Records a POS sales transaction once (keyed by its id); 500 THB or more in an active campaign credits one draw.';

-- POST /api/lucky-draw/redeem (staff): marks an awarded prize handed over, once, keeping
-- the staff name and the time; never once its campaign has ended (409 CAMPAIGN_ENDED).
create function public.redeem_lucky_draw_prize(p_award_id uuid, p_staff_name text) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_award public.lucky_draw_awards;
  v_staff text := btrim(p_staff_name);
begin
  if v_staff is null or length(v_staff) not between 1 and 80 then
    raise exception using errcode = 'PT400', message = 'VALIDATION_ERROR',
      detail = '{"fields":{"staffName":"Must be 1-80 characters"}}';
  end if;
  -- The row lock serialises concurrent redemptions of one prize: exactly one inserts.
  select a.* into v_award from public.lucky_draw_awards a where a.id = p_award_id for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'PRIZE_NOT_FOUND';
  end if;
  if exists (select 1 from public.lucky_draw_redemptions r where r.award_id = p_award_id) then
    raise exception using errcode = 'PT400', message = 'PRIZE_ALREADY_REDEEMED';
  end if;
  if exists (select 1 from public.lucky_draw_prizes p join public.lucky_draw_campaigns c on c.id = p.campaign_id
             where p.id = v_award.prize_id and c.ends_at <= now()) then
    raise exception using errcode = 'PT409', message = 'CAMPAIGN_ENDED';
  end if;
  insert into public.lucky_draw_redemptions (award_id, staff_name) values (p_award_id, v_staff);
  insert into public.lucky_draw_audit (kind, customer_id, award_id, detail)
  values ('redemption', v_award.customer_id, p_award_id,
    jsonb_build_object('staffName', v_staff, 'redemptionCode', v_award.redemption_code));
  return jsonb_build_object('success', true, 'message', 'Prize redeemed successfully');
end
$$;
comment on function public.redeem_lucky_draw_prize(uuid, text) is
  'Staff hand over an awarded prize: recorded once with the staff name and time; refused once its campaign has ended.';

-- The LIFF screen's "who am I": the LINE user's profile and the customer it is linked to.
-- Called as service_role only after the app has verified the LINE ID token.
create function public.get_liff_line_profile(p_line_user_id text) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_profile public.profiles%rowtype;
begin
  select * into v_profile from public.profiles p
  where p.provider = 'line' and p.provider_account_id = p_line_user_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'PROFILE_NOT_FOUND';
  end if;
  return jsonb_build_object(
    'lineUserId', p_line_user_id,
    'customerId', v_profile.customer_id,
    'displayName', v_profile.display_name
  );
end
$$;
comment on function public.get_liff_line_profile(text) is 'A LINE user''s profile for the LIFF screen: linked customer (or null) and display name.';

-- ======================================================================================
-- Who may call these. PostgreSQL lets PUBLIC execute a new function: the revokes take that
-- back, and each grant names the roles that may call it (PostgREST serves only `public`).
-- ======================================================================================

revoke execute on function app_private.active_lucky_draw_campaign(timestamptz) from public;
revoke execute on function app_private.uniform_below(bigint) from public;
revoke execute on function app_private.pick_weighted_index(integer[], bigint) from public;
revoke execute on function app_private.new_redemption_code() from public;
revoke execute on function public.select_prize_weighted(uuid) from public;
revoke execute on function app_private.simulate_prize_picks(uuid, integer, double precision) from public;
revoke execute on function app_private.assert_line_customer(uuid, text) from public;
revoke execute on function public.get_customer_draws(uuid) from public;
revoke execute on function public.get_campaign_status() from public;
revoke execute on function public.get_lucky_draw_customer_status(uuid, text) from public;
revoke execute on function public.spin_lucky_draw(uuid, text) from public;
revoke execute on function public.record_sales_transaction(text, uuid, numeric, timestamptz) from public;
revoke execute on function public.redeem_lucky_draw_prize(uuid, text) from public;
revoke execute on function public.get_liff_line_profile(text) from public;
grant execute on function public.get_customer_draws(uuid) to service_role;
grant execute on function public.get_campaign_status() to anon, authenticated, service_role;
grant execute on function public.get_lucky_draw_customer_status(uuid, text) to service_role;
grant execute on function public.spin_lucky_draw(uuid, text) to service_role;
grant execute on function public.record_sales_transaction(text, uuid, numeric, timestamptz) to service_role;
grant execute on function public.redeem_lucky_draw_prize(uuid, text) to service_role;
grant execute on function public.get_liff_line_profile(text) to service_role;
