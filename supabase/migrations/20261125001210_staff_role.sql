-- Who is staff: a member whose profile carries a staff role. The app never sets it; an
-- admin does, in the database (e.g. `update public.profiles set staff_role = 'staff' where id = ...`).

alter table public.profiles
  add column staff_role text check (staff_role in ('staff', 'admin'));
comment on column public.profiles.staff_role is
  'Staff access: null for customers, ''staff'' or ''admin'' for the venue''s people. Set by an admin in the database, never by the app.';

-- Whether the calling member (auth.uid()) is staff. Security definer so that it answers
-- the same whatever the caller's row level security lets them read.
create function app_private.caller_is_staff() returns boolean
  language sql stable
  security definer
  set search_path = ''
  as $$
  select exists (
    select 1 from public.profiles p
    where p.id = (select auth.uid()) and p.staff_role is not null
  )
$$;
comment on function app_private.caller_is_staff() is 'True when the calling member''s profile has a staff role (staff or admin).';
revoke execute on function app_private.caller_is_staff() from public;
grant execute on function app_private.caller_is_staff() to authenticated, service_role;
