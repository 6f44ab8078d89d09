-- Marketing consent becomes opt-in (issue 14; Thailand's PDPA): new profiles start with
-- marketing off, every grant or withdrawal is recorded (public.marketing_consents, append-only)
-- in the same transaction as the change, and staff can read the record. Profiles that had
-- marketing on only because it was ticked by default never consented: they are set to off,
-- and the migration's own record says so (source 'migration').

alter table public.profiles alter column marketing_preference set default false;

create table public.marketing_consents (
  id bigint generated always as identity primary key,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  granted boolean not null,
  -- Where it was given or withdrawn: the VIP profile page, the booking form, by staff, or by
  -- the migration that made consent opt-in (pre-ticked consent was never consent).
  source text not null check (source in ('vip_profile', 'booking_form', 'staff', 'migration')),
  recorded_at timestamptz not null default now()
);
comment on table public.marketing_consents is
  'Append-only record of marketing consent given or withdrawn per profile (PDPA): granted, source, when.';
create index marketing_consents_profile_idx on public.marketing_consents (profile_id, recorded_at);

-- Append-only, whoever asks (service_role and the table owner included). A delete cascading
-- from the profile's own deletion (erasure) is the one exception: the record goes with its person.
create function app_private.refuse_consent_rewrite() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  if tg_op = 'DELETE' and pg_trigger_depth() > 1 then
    return old;
  end if;
  raise exception using errcode = 'PT403', message = 'FORBIDDEN', detail = '{"reason":"marketing consent records are append-only"}';
end
$$;
comment on function app_private.refuse_consent_rewrite() is 'Trigger: refuses any update or delete of a consent record, except a delete cascading from its profile.';
create trigger marketing_consents_append_only before update or delete on public.marketing_consents
  for each row execute function app_private.refuse_consent_rewrite();
create trigger marketing_consents_no_truncate before truncate on public.marketing_consents
  for each statement execute function app_private.refuse_consent_rewrite();

alter table public.marketing_consents enable row level security;
alter table public.marketing_consents force row level security;
create policy "Members read their own consent records" on public.marketing_consents
  for select to authenticated using (profile_id = (select auth.uid()));
-- Written only inside functions (security definer): nobody inserts a record by hand.
create policy "Service role reads consent records" on public.marketing_consents
  for select to service_role using (true);
revoke all on public.marketing_consents from anon, authenticated;
grant select on public.marketing_consents to authenticated;
grant select on public.marketing_consents to service_role;
revoke execute on function app_private.refuse_consent_rewrite() from public;

-- Staff and admins (the route checks who is asking) read a profile's consent history, oldest first.
create function public.list_marketing_consents(p_profile_id uuid) returns jsonb
  language sql stable
  security definer
  set search_path = ''
  set jit = off
  as $$
  select coalesce(jsonb_agg(jsonb_build_object(
      'granted', c.granted,
      'source', c.source,
      'recordedAt', to_char(c.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
    ) order by c.recorded_at, c.id), '[]'::jsonb)
  from public.marketing_consents c
  where c.profile_id = p_profile_id
$$;
comment on function public.list_marketing_consents(uuid) is 'A profile''s marketing consent records, oldest first (for staff; the service role calls it).';
revoke execute on function public.list_marketing_consents(uuid) from public;
grant execute on function public.list_marketing_consents(uuid) to service_role;

-- Pre-ticked consent was never consent: everyone starts from off, on the record.
insert into public.marketing_consents (profile_id, granted, source)
select id, false, 'migration' from public.profiles where marketing_preference;
update public.profiles set marketing_preference = false where marketing_preference;

-- PUT /api/vip/profile: the caller's display name, email and marketing preference. A
-- changed email is no longer verified. A changed marketing preference is recorded in
-- public.marketing_consents in the same transaction. Answers the fields that actually changed.
create or replace function public.update_vip_profile(p_display_name text default null, p_email text default null, p_marketing_preference boolean default null)
  returns jsonb
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
declare
  v_profile public.profiles := app_private.calling_profile();
  v_email text := lower(btrim(p_email));
  v_name text := btrim(p_display_name);
  v_fields text[] := '{}';
begin
  if p_display_name is not null and v_name is distinct from v_profile.display_name then
    v_fields := v_fields || 'name'::text;
  end if;
  if p_email is not null and v_email is distinct from v_profile.email then
    v_fields := v_fields || 'email'::text;
  end if;
  if p_marketing_preference is not null and p_marketing_preference is distinct from v_profile.marketing_preference then
    v_fields := v_fields || 'marketing_preference'::text;
  end if;
  if cardinality(v_fields) > 0 then
    update public.profiles
    set display_name = case when 'name' = any (v_fields) then v_name else display_name end,
        email = case when 'email' = any (v_fields) then v_email else email end,
        email_verified = case when 'email' = any (v_fields) then false else email_verified end,
        marketing_preference = case when 'marketing_preference' = any (v_fields) then p_marketing_preference else marketing_preference end
    where id = v_profile.id;
  end if;
  if 'marketing_preference' = any (v_fields) then
    insert into public.marketing_consents (profile_id, granted, source) values (v_profile.id, p_marketing_preference, 'vip_profile');
  end if;
  return jsonb_build_object(
    'success', true,
    'message', case when cardinality(v_fields) = 0 then 'Nothing to update: the profile already has these values'
                    else 'Successfully updated: ' || array_to_string(v_fields, ', ') end,
    'updatedFields', to_jsonb(v_fields)
  );
exception when check_violation then
  perform app_private.raise_validation('body', 'Name or email is not valid');
end
$$;
