-- get_availability's hit in one statement (issue 17): the stored answer is found with the day's
-- version and the venue clock read in the same query, where the hit called availability_version
-- (two statements) and read the venue clock twice. A miss is as before.

-- The day's stored answer when it is current, else the day computed (and stored, unless the
-- transaction is read-only, as PostgREST's GET is). A hit is one statement. On a miss the
-- version is read before the day is computed: a booking committed in between makes the stored
-- row's version old (never served), never a current version with an older answer. Only the
-- days a customer can book are stored, from today to the member horizon (any date from 2000 to
-- 2100 can be asked for: storing each would let anyone fill the table), and a miss drops the
-- days before today.
create or replace function app_private.availability_answer(p_date date) returns app_private.availability_answers
  language plpgsql volatile
  set search_path = ''
  as $$
declare
  v_now timestamp := app_private.venue_now();
  v_answer app_private.availability_answers;
  v_version text;
  v_today date;
begin
  select a.* into v_answer
  from app_private.availability_answers a
  where a.day = p_date
    and a.version = concat_ws('.',
      coalesce((select v.version::text from app_private.availability_versions v where v.day = p_date), '0'),
      (select v.version::text from app_private.availability_versions v where v.day = '-infinity'))
    and a.valid_until > v_now;
  if found then
    return v_answer;
  end if;
  v_version := app_private.availability_version(p_date);
  v_today := v_now::date;
  v_answer := row(p_date, v_version, app_private.availability_valid_until(p_date), app_private.availability_of_day(p_date), now());
  if not current_setting('transaction_read_only')::boolean
     and p_date between v_today and v_today + (app_private.venue_settings()).member_booking_horizon_days then
    delete from app_private.availability_answers a where a.day < v_today;
    insert into app_private.availability_answers as a values (v_answer.*)
    on conflict (day) do update
      set version = excluded.version, valid_until = excluded.valid_until, answer = excluded.answer, computed_at = excluded.computed_at;
  end if;
  return v_answer;
end
$$;
