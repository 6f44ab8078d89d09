-- Issue #16: a prize from an ended campaign is no longer handed over, by either redeem path
-- (POST /api/lucky-draw/redeem by id, POST /api/staff/prizes/{code}/redeem by code). The
-- rule lives once, in redeem_lucky_draw_prize; the by-code function only finds the award.

create or replace function public.redeem_lucky_draw_prize(p_award_id uuid, p_staff_name text) returns jsonb
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

create or replace function public.redeem_prize_by_code(p_code text) returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_staff public.staff_members := app_private.caller_staff_member();
  v_award_id uuid;
begin
  if v_staff.id is null then
    raise exception using errcode = 'PT403', message = 'FORBIDDEN';
  end if;
  select a.id into v_award_id from public.lucky_draw_awards a where a.redemption_code = upper(btrim(p_code));
  if not found then
    raise exception using errcode = 'PT404', message = 'PRIZE_NOT_FOUND';
  end if;
  -- The one redemption (lock, already-redeemed and ended-campaign checks, row, audit).
  perform public.redeem_lucky_draw_prize(v_award_id, v_staff.display_name);
  return jsonb_build_object('prize', app_private.prize_by_code(p_code));
end
$$;
