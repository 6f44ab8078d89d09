-- Bookings, the constraint that makes a double booking impossible, and the idempotency keys
-- of booking requests. Bookings are written only by the functions of 62_ and 63_.

create table public.bookings (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique check (reference ~ '^BK[0-9]{6}[0-9A-Z]{4,}$'),
  bay_id uuid not null references public.bays (id),
  -- Venue-local date and time, stored as instants.
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  duration_hours numeric(3, 1) not null check (duration_hours > 0 and duration_hours <= 12),
  status text not null default 'confirmed' check (status in ('confirmed', 'cancelled', 'completed')),
  number_of_people smallint not null check (number_of_people between 1 and 20),
  profile_id uuid references public.profiles (id) on delete set null,
  customer_id uuid references public.customers (id) on delete set null,
  customer_name text not null check (length(customer_name) between 1 and 120),
  -- Required online; a booking the desk made may have none (a walk-in who gave none).
  customer_email text check (customer_email ~ '^[^@\s]+@[^@\s]+$'),
  customer_phone text not null check (length(customer_phone) between 6 and 20),
  notes text check (notes is null or length(notes) <= 1000),
  cancellation_reason text check (cancellation_reason is null or length(cancellation_reason) <= 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Whole baht; 0 for a booking paid with package hours.
  price_thb integer check (price_thb is null or price_thb >= 0),
  package_id uuid references public.packages (id),
  locale text not null default 'en' check (locale in ('en', 'th')),
  -- Written when a calendar job or an admin retry succeeds.
  calendar_event_id text,
  -- Every change (modify or cancel) counts up, so each change has its own outbox jobs
  -- (dedupe key kind:booking:sequence) and its own iCalendar SEQUENCE.
  change_sequence integer not null default 0 check (change_sequence >= 0),
  cancelled_at timestamptz,
  vip_code_id bigint references public.vip_codes (id),
  source text not null default 'online' check (source in ('online', 'walk_in', 'phone')),
  constraint bookings_online_has_email check (customer_email is not null or source <> 'online'),
  check (ends_at = starts_at + make_interval(mins => (duration_hours * 60)::int)),
  -- Two live bookings of one bay never overlap; touching ([10:00,11:00) and [11:00,12:00)) is fine.
  constraint bookings_no_overlap exclude using gist (
    bay_id with =,
    tstzrange(starts_at, ends_at, '[)') with &&
  ) where (status <> 'cancelled')
);
comment on table public.bookings is 'Bay bookings; the exclusion constraint forbids overlapping live bookings of one bay.';
comment on column public.bookings.reference is 'BK + venue-local booking date (YYMMDD) + 8 random characters; said aloud, never a credential.';
comment on column public.bookings.change_sequence is 'Changes since the booking was made; the .ics SEQUENCE and part of each change''s outbox dedupe key.';
comment on column public.bookings.vip_code_id is 'The concierge VIP code whose session the booking was made in, if any.';
comment on column public.bookings.source is 'online (the booking route), walk_in or phone (made by the front desk; audited in booking_staff_changes).';
comment on column public.bookings.customer_phone is 'E.164 (+66812345678), a valid number as lib/contact/phone.ts reads it; rows from before 20261201003000 that could not be normalised keep their typed form.';
-- A member's bookings are found through profile_id and customer_id (the RLS policy filters by both),
-- as index-only scans (get_my_bookings): each covers the other owner column, the status and end
-- the list filters by and the start it orders by. Guest bookings (neither set) stay out.
create index bookings_profile_idx on public.bookings (profile_id, starts_at, id) include (customer_id, status, ends_at)
  where profile_id is not null;
create index bookings_customer_idx on public.bookings (customer_id, starts_at, id) include (profile_id, status, ends_at)
  where customer_id is not null;
create index bookings_starts_idx on public.bookings (starts_at);
-- Review requests look for live bookings that ended a while ago.
create index bookings_ends_at_idx on public.bookings (ends_at) where status <> 'cancelled';
create index bookings_vip_code_idx on public.bookings (vip_code_id) where vip_code_id is not null;

create trigger bookings_touch before update on public.bookings
  for each row execute function app_private.touch_updated_at();

-- Idempotency-Key: a retried or double-clicked submit returns the first booking.
create table public.booking_idempotency_keys (
  -- The caller the key belongs to: a profile id, or 'guest:' + the guest's email.
  scope text not null,
  key text not null check (length(key) between 1 and 200),
  request_hash text not null,
  booking_id uuid references public.bookings (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (scope, key)
);
comment on table public.booking_idempotency_keys is 'Idempotency keys of booking requests and the booking each produced.';
