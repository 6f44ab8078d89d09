-- The Thai names in the answers themselves (#15 item 5, #17): the lucky draw (campaign status,
-- customer status, spin), the desk's prize by code and the staff day sheet read name_th /
-- description_th / package_name_th from the rows they already join and answer them beside the
-- English fields (null when none is stored), instead of the app adding them afterwards from
-- the cached brand by English name (lib/venue/thai-names.ts). The row's own text is also the
-- right one where an English name repeats: a prize of an older campaign, say.
--
-- The spin also does what needs no prize before it locks the campaign's prize rows: spins of
-- one campaign queue on those locks until they commit, so the work done under them sets how
-- many spins a second the venue can serve.

-- The campaign running now, in plpgsql: a SQL function with a SET clause is planned again in
-- every statement that calls it (20261202009210); plpgsql keeps the plan. Same body.
create or replace function app_private.active_lucky_draw_campaign(p_at timestamptz default now()) returns uuid
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

create or replace function public.get_campaign_status() returns jsonb
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

create or replace function public.get_lucky_draw_customer_status(p_customer_id uuid, p_line_user_id text) returns jsonb
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

create or replace function public.spin_lucky_draw(p_customer_id uuid, p_line_user_id text) returns jsonb
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

-- The desk's prize: its Thai name and description beside the English ones.
create or replace function app_private.prize_by_code(p_code text) returns jsonb
  language sql stable
  set search_path = ''
  as $$
  select jsonb_build_object(
    'prizeId', a.id,
    'prizeName', p.name,
    'prizeNameTh', p.name_th,
    'prizeDescription', p.description,
    'prizeDescriptionTh', p.description_th,
    'redemptionCode', a.redemption_code,
    'customerName', cu.name,
    'wonAt', app_private.iso_utc_ms(a.awarded_at),
    'campaignName', c.name,
    'campaignEnded', c.ends_at <= now(),
    'isRedeemed', r.award_id is not null,
    'redeemedAt', app_private.iso_utc_ms(r.redeemed_at),
    'redeemedByStaffName', r.staff_name)
  from public.lucky_draw_awards a
  join public.lucky_draw_prizes p on p.id = a.prize_id
  join public.lucky_draw_campaigns c on c.id = p.campaign_id
  join public.customers cu on cu.id = a.customer_id
  left join public.lucky_draw_redemptions r on r.award_id = a.id
  where a.redemption_code = upper(btrim(p_code))
$$;

-- A booking as the desk sees it names its bay and package in Thai too (the day sheet, and
-- the booking a desk change, booking or attendance answers).
create or replace function app_private.day_sheet_booking_json(p_booking public.bookings) returns jsonb
  language sql stable
  set search_path = ''
  as $$
  select jsonb_build_object(
    'id', p_booking.id,
    'reference', p_booking.reference,
    'bay', bay.name,
    'bayTh', bay.name_th,
    'date', to_char(p_booking.starts_at at time zone app_private.venue_timezone(), 'YYYY-MM-DD'),
    'startTime', to_char(p_booking.starts_at at time zone app_private.venue_timezone(), 'HH24:MI'),
    'endTime', to_char(p_booking.ends_at at time zone app_private.venue_timezone(), 'HH24:MI'),
    'duration', p_booking.duration_hours,
    'status', case when p_booking.status = 'confirmed' and p_booking.ends_at <= app_private.clock_now() then 'completed' else p_booking.status end,
    'numberOfPeople', p_booking.number_of_people,
    'customerName', p_booking.customer_name,
    'customerPhone', p_booking.customer_phone,
    'customerEmail', p_booking.customer_email,
    -- A booking of a member's customer record (made at the desk, say) is a member's too.
    'member', p_booking.profile_id is not null
              or exists (select 1 from public.profiles p where p.customer_id = p_booking.customer_id),
    'source', p_booking.source,
    'notes', p_booking.notes,
    'cancellationReason', p_booking.cancellation_reason,
    'package', pk.package_name,
    'packageTh', pk.package_name_th,
    'priceThb', p_booking.price_thb,
    'vipCode', (select jsonb_build_object('code', v.code, 'concierge', c.name, 'hotel', c.hotel_name)
                from public.vip_codes v join public.concierges c on c.id = v.concierge_id where v.id = p_booking.vip_code_id),
    'delivery', jsonb_build_object(
      'email', app_private.delivery_state(p_booking.id, array['booking_confirmation_email', 'booking_change_email', 'booking_cancellation_email', 'booking_reminder_email']),
      'line', app_private.delivery_state(p_booking.id, array['staff_line_message', 'booking_reminder_line', 'line_message']),
      'calendar', app_private.delivery_state(p_booking.id, array['calendar_event_create', 'calendar_event_update', 'calendar_event_delete'])),
    'attendance', (select jsonb_build_object('outcome', a.outcome, 'recordedAt', app_private.iso_utc_ms(a.recorded_at),
                                             'recordedBy', coalesce(s.display_name, a.staff_email))
                   from public.booking_attendance a left join public.staff_members s on s.id = a.staff_member_id
                   where a.booking_id = p_booking.id order by a.id desc limit 1),
    -- The customer's bookings (by customer record or email) whose latest attendance is a no-show.
    'noShowCount', (select count(*)::int from public.bookings o
                    where (o.customer_id = p_booking.customer_id or lower(o.customer_email) = lower(p_booking.customer_email))
                      and (select a.outcome from public.booking_attendance a where a.booking_id = o.id order by a.id desc limit 1) = 'no_show'),
    -- Who booked, moved or cancelled it at the desk, why and when (oldest first).
    'staffChanges', coalesce((select jsonb_agg(jsonb_build_object('action', c.action, 'reason', c.reason, 'at', app_private.iso_utc_ms(c.at),
                                                                  'by', coalesce(s.display_name, c.staff_email)) order by c.id)
                              from public.booking_staff_changes c left join public.staff_members s on s.id = c.staff_member_id
                              where c.booking_id = p_booking.id), '[]'::jsonb))
  from (select) one
  left join public.bays bay on bay.id = p_booking.bay_id
  left join public.packages pk on pk.id = p_booking.package_id
$$;

create or replace function public.get_staff_day_sheet(p_date date, p_known_version text default null) returns jsonb
  language plpgsql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_version text;
begin
  if not app_private.caller_is_staff() then
    raise exception using errcode = 'PT403', message = 'FORBIDDEN';
  end if;
  v_version := app_private.day_sheet_version(p_date);
  if v_version = p_known_version then
    return jsonb_build_object('version', v_version, 'unchanged', true);
  end if;
  return jsonb_build_object(
    'version', v_version,
    'unchanged', false,
    'sheet', jsonb_build_object(
      'date', to_char(p_date, 'YYYY-MM-DD'),
      'opens', (select to_char(oh.opens, 'HH24:MI') from public.opening_hours oh where oh.weekday = extract(isodow from p_date)),
      'closes', (select to_char(oh.closes, 'HH24:MI') from public.opening_hours oh where oh.weekday = extract(isodow from p_date)),
      'bays', coalesce((select jsonb_agg(jsonb_build_object('name', b.name, 'nameTh', b.name_th, 'capacity', b.capacity) order by b.sort_order, b.name)
                        from public.bays b where b.active), '[]'::jsonb),
      'bookings', coalesce((
        select jsonb_agg(app_private.day_sheet_booking_json(bk) order by bay.sort_order, bay.name, bk.starts_at, bk.status = 'cancelled', bk.created_at)
        from app_private.day_sheet_bookings(p_date) bk join public.bays bay on bay.id = bk.bay_id), '[]'::jsonb)));
end
$$;
