-- Manage links: every booking can be changed or cancelled online by whoever holds one of its
-- manage tokens (a guest has no account to sign in with). A token is 32 random bytes the app
-- hands out in a link; the database keeps only its SHA-256, like the VIP session tokens. A
-- booking may have several: each message that carries a link issues its own, so no outbox
-- payload ever holds a raw token. Only the functions of 63_ read or write this table.

create table public.booking_manage_tokens (
  -- SHA-256 (hex) of the token; the token itself is never stored.
  token_hash text primary key check (token_hash ~ '^[0-9a-f]{64}$'),
  booking_id uuid not null references public.bookings (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_used_at timestamptz
);
comment on table public.booking_manage_tokens is
  'Manage-link tokens of bookings, as SHA-256 hashes only; a token opens its one booking until it is cancelled or over.';
create index booking_manage_tokens_booking_idx on public.booking_manage_tokens (booking_id);

alter table public.booking_manage_tokens enable row level security;
alter table public.booking_manage_tokens force row level security;
-- Tokens are credentials: no policy for anon or authenticated, only the functions see a row.
create policy "Service role manages booking manage tokens" on public.booking_manage_tokens
  for all to service_role using (true) with check (true);
revoke all on public.booking_manage_tokens from public, anon, authenticated;
grant all on public.booking_manage_tokens to service_role;
