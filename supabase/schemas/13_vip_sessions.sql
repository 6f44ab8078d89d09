-- Concierge VIP codes and the 24-hour sessions hotel guests open with them. Kept apart
-- from bookings: nothing here references a booking (a booking made in a session records
-- its code, bookings.vip_code_id). Only SQL functions (64_functions_vip_sessions.sql) read
-- or write these tables; anon and authenticated have no privilege on them at all.

create table public.concierges (
  id bigint generated always as identity primary key,
  name text not null check (length(name) between 1 and 120),
  hotel_name text not null check (length(hotel_name) between 1 and 160),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.concierges is 'Hotel concierges who hand VIP codes to their guests.';

create table public.vip_codes (
  id bigint generated always as identity primary key,
  -- Stored normalised (trimmed, upper case), so matching a typed code is case-insensitive
  -- and two codes can never differ by case alone.
  code text not null unique check (code ~ '^[A-Z0-9]{4,12}$'),
  concierge_id bigint not null references public.concierges (id),
  -- An inactive code opens no session, and the sessions it opened stop validating.
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.vip_codes is 'VIP codes a concierge gives out; a valid active code opens a 24-hour session.';
create index vip_codes_concierge_idx on public.vip_codes (concierge_id);

create table public.vip_sessions (
  id bigint generated always as identity primary key,
  -- SHA-256 (hex) of the session token; the token itself is never stored.
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  vip_code_id bigint not null references public.vip_codes (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz,
  -- Set by staff in the database to end a session early.
  revoked_at timestamptz,
  check (expires_at > created_at)
);
comment on table public.vip_sessions is 'Sessions opened with a VIP code: the token''s SHA-256 hash only, never the token.';
comment on column public.vip_sessions.token_hash is 'SHA-256 of the session token as hex; the token is shown to the guest once and never stored.';
create index vip_sessions_code_idx on public.vip_sessions (vip_code_id);
create index vip_sessions_expires_idx on public.vip_sessions (expires_at);

create table public.vip_session_events (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('created', 'validated', 'demo_fallback', 'expired', 'cleaned_up')),
  -- No foreign key: the history outlives the sessions the cleanup removes.
  session_id bigint,
  vip_code_id bigint references public.vip_codes (id) on delete set null,
  is_demo boolean not null default false,
  -- demo_fallback: the (normalised) code that matched no active code.
  attempted_code text check (attempted_code is null or attempted_code ~ '^[A-Z0-9]{4,12}$'),
  -- cleaned_up: how many expired sessions that run removed.
  removed_count integer check (removed_count is null or removed_count > 0),
  created_at timestamptz not null default now(),
  check ((kind = 'cleaned_up') = (removed_count is not null)),
  check (kind not in ('created', 'expired') or session_id is not null)
);
comment on table public.vip_session_events is
  'History of VIP sessions for analytics (created, validated, demo_fallback, expired, cleaned_up), apart from bookings.';
create index vip_session_events_kind_created_idx on public.vip_session_events (kind, created_at);
create index vip_session_events_session_idx on public.vip_session_events (session_id);

create trigger concierges_touch before update on public.concierges
  for each row execute function app_private.touch_updated_at();
create trigger vip_codes_touch before update on public.vip_codes
  for each row execute function app_private.touch_updated_at();
