-- Manage links: every booking can be changed or cancelled online by whoever holds one of its
-- manage tokens (a guest has no account to sign in with). A token is 32 random bytes the
-- app hands out in a link; the database keeps only its SHA-256, like the VIP session tokens.
-- A booking may have several: each message that carries a link issues its own, so no outbox
-- payload ever holds a raw token.

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

-- Records a new manage token of a booking; false (nothing recorded) when the booking is
-- unknown, cancelled or over: a link to it would open nothing.
create function public.issue_booking_manage_token(p_booking_id uuid, p_token_hash text) returns boolean
  language plpgsql volatile
  security definer
  set search_path = ''
  set jit = off
  as $$
begin
  if p_token_hash is null or p_token_hash !~ '^[0-9a-f]{64}$' then
    perform app_private.raise_validation('tokenHash', 'Must be a SHA-256 hash as 64 hex characters');
  end if;
  insert into public.booking_manage_tokens (token_hash, booking_id)
  select p_token_hash, b.id from public.bookings b
  where b.id = p_booking_id and b.status = 'confirmed' and b.ends_at > now();
  return found;
end
$$;
comment on function public.issue_booking_manage_token(uuid, text) is
  'Records the SHA-256 of a new manage-link token of a live booking; false when the booking is unknown, cancelled or over.';

revoke execute on function public.issue_booking_manage_token(uuid, text) from public;
grant execute on function public.issue_booking_manage_token(uuid, text) to service_role;
