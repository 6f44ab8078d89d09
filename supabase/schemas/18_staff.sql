-- Staff accounts: the venue's people, each matched to a sign-in by a VERIFIED email only
-- (an emailed one-time code, or an OAuth provider's word). Rows are never deleted: removal
-- sets removed_at, so the audit keeps naming who did what.
create table public.staff_members (
  id uuid primary key default gen_random_uuid(),
  -- Stored lowercased and trimmed, so uniqueness is case-insensitive.
  email text not null check (email = lower(btrim(email)) and length(email) <= 200 and email ~ '^[^@\s]+@[^@\s]+$'),
  role text not null check (role in ('staff', 'admin')),
  display_name text not null check (length(display_name) between 1 and 80),
  -- null: added by the deployment (STAFF_ADMIN_EMAILS) or carried over by a migration.
  invited_by uuid references public.staff_members (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  removed_at timestamptz,
  removed_by uuid references public.staff_members (id)
);
comment on table public.staff_members is 'Staff and admin accounts; a verified sign-in email matched to an active row gets its rights.';
comment on column public.staff_members.removed_at is 'When an admin removed the account; a removed row grants nothing, a new invitation makes a new row.';
-- One active account per email; removed rows keep their history.
create unique index staff_members_active_email_key on public.staff_members (email) where removed_at is null;

create trigger staff_members_touch before update on public.staff_members
  for each row execute function app_private.touch_updated_at();

-- Every change of a staff account, append-only: who (actor; null = the deployment's
-- STAFF_ADMIN_EMAILS or a migration), what, when, and the account before and after.
create table public.staff_audit (
  id bigint generated always as identity primary key,
  staff_member_id uuid not null references public.staff_members (id),
  action text not null check (action in ('bootstrapped', 'migrated', 'invited', 'changed', 'removed')),
  actor_id uuid references public.staff_members (id),
  actor_email text,
  before jsonb,
  after jsonb,
  at timestamptz not null default now()
);
comment on table public.staff_audit is 'Append-only trail of staff account changes: who, what, when, before and after.';
create index staff_audit_member_idx on public.staff_audit (staff_member_id);

-- Append-only, whoever asks (service_role and the table owner included).
create trigger staff_audit_append_only before update or delete on public.staff_audit
  for each row execute function app_private.refuse_rewrite();
create trigger staff_audit_no_truncate before truncate on public.staff_audit
  for each statement execute function app_private.refuse_rewrite();

alter table public.staff_members enable row level security;
alter table public.staff_members force row level security;
alter table public.staff_audit enable row level security;
alter table public.staff_audit force row level security;
create policy "Service role manages staff accounts" on public.staff_members
  for all to service_role using (true) with check (true);
create policy "Service role manages the staff audit" on public.staff_audit
  for all to service_role using (true) with check (true);
revoke all on public.staff_members, public.staff_audit from anon, authenticated;
grant all on public.staff_members, public.staff_audit to service_role;
