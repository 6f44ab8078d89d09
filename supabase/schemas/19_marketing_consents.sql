-- Marketing consent is opt-in (Thailand's PDPA): profiles.marketing_preference defaults to
-- false, and every grant or withdrawal is recorded here, in the same transaction as the change
-- of the preference (public.update_vip_profile): who, yes or no, through which screen, when.

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
create trigger marketing_consents_append_only before update or delete on public.marketing_consents
  for each row execute function app_private.refuse_rewrite('cascade');
create trigger marketing_consents_no_truncate before truncate on public.marketing_consents
  for each statement execute function app_private.refuse_rewrite();

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
