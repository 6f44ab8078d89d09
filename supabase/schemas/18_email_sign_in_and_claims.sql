-- Signing in by an emailed one-time code (proof of the address, for members and staff), and
-- the record of guest bookings that a member with that verified address claimed into their
-- account. Only the functions of 69_ read or write these tables.

-- One-time sign-in codes. Only a hash of the code is kept (app_private.link_code_hash, bound to
-- the row); the code itself exists only in the outbox job that emails it, and leaves it once
-- delivered. Asking again retires the address's earlier codes.
create table public.email_sign_in_codes (
  id uuid primary key default gen_random_uuid(),
  -- Lower case, as profiles and the claim match it.
  email text not null check (email ~ '^[^@\s]+@[^@\s]+$' and email = lower(email) and length(email) <= 200),
  code_hash text not null,
  expires_at timestamptz not null,
  attempts integer not null default 0 check (attempts >= 0),
  max_attempts integer not null default 5 check (max_attempts > 0),
  consumed_at timestamptz,
  created_at timestamptz not null default now()
);
comment on table public.email_sign_in_codes is 'One-time codes (hashed) that sign a person in by proving they read an email address.';
create index email_sign_in_codes_email_idx on public.email_sign_in_codes (email, created_at desc);

-- Guest bookings moved into a member's account by claim_guest_booking: who, with which
-- verified email, from which profile and customer record, and when.
create table public.booking_claims (
  id uuid primary key default gen_random_uuid(),
  booking_id uuid not null references public.bookings (id) on delete cascade,
  profile_id uuid references public.profiles (id) on delete set null,
  verified_email text not null,
  -- No foreign keys: the record of where a booking came from outlives those rows.
  previous_profile_id uuid,
  previous_customer_id uuid,
  customer_id uuid,
  claimed_at timestamptz not null default now()
);
comment on table public.booking_claims is 'Audit of guest bookings claimed into a member account by a verified email.';
create index booking_claims_booking_idx on public.booking_claims (booking_id);

-- The claim looks guest bookings up by their contact email, and guest profiles by theirs.
create index bookings_customer_email_idx on public.bookings (lower(customer_email));
create index profiles_guest_email_idx on public.profiles (email) where provider = 'guest';

alter table public.email_sign_in_codes enable row level security;
alter table public.email_sign_in_codes force row level security;
alter table public.booking_claims enable row level security;
alter table public.booking_claims force row level security;
-- Codes are credentials and claims are records: no policy for anon or authenticated.
create policy "Service role manages email sign-in codes" on public.email_sign_in_codes
  for all to service_role using (true) with check (true);
create policy "Service role manages booking claims" on public.booking_claims
  for all to service_role using (true) with check (true);
revoke all on public.email_sign_in_codes, public.booking_claims from public, anon, authenticated;
grant all on public.email_sign_in_codes, public.booking_claims to service_role;
