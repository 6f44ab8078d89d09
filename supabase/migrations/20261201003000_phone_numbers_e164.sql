-- Phone numbers are E.164 everywhere (+66812345678). The app has validated and normalised them
-- with libphonenumber-js since this change (lib/contact/phone.ts toE164): valid numbers only,
-- Thailand when there is no +. Rows written before were not all E.164: guest sign-ins kept the
-- number as typed ("081-234-5678"), and the older rule let a few shapes through. SQL cannot run
-- libphonenumber, so this rewrites only the forms whose meaning is certain: Thai mobiles
-- (0 then 6, 8 or 9 then 8 digits) and Thai fixed lines (0 then 2-5 or 7 then 7 digits), written
-- with 0, 66 or +66 (or +66 0) and any spaces, brackets, dots or dashes; and any + number with
-- separators only. Anything else stays as it was: it is still shown and matched as before, and
-- the next write through the app replaces it.

do $$
declare
  target record;
begin
  for target in select * from (values ('profiles', 'phone'), ('bookings', 'customer_phone'), ('customers', 'phone')) as t (tab, col) loop
    execute format($sql$
      update public.%1$I as t set %2$I = n.e164
      from (
        select id, case
          when d ~ '^(\+660|\+66|66|0)([689][0-9]{8}|[2-57][0-9]{7})$' then '+66' || regexp_replace(d, '^(\+660|\+66|66|0)', '')
          when d ~ '^\+[1-9][0-9]{6,14}$' then d
        end as e164
        from (select id, regexp_replace(%2$I, '[[:space:]().-]', '', 'g') as d from public.%1$I where %2$I is not null) as stripped
      ) as n
      where n.id = t.id and n.e164 is not null and n.e164 <> t.%2$I
    $sql$, target.tab, target.col);
  end loop;
end
$$;

comment on column public.profiles.phone is 'E.164 (+66812345678), a valid number as lib/contact/phone.ts reads it; rows from before 20261201003000 that could not be normalised keep their typed form.';
comment on column public.bookings.customer_phone is 'E.164 (+66812345678), a valid number as lib/contact/phone.ts reads it; rows from before 20261201003000 that could not be normalised keep their typed form.';
comment on column public.customers.phone is 'E.164 (+66812345678); the VIP link flow matches on it.';
