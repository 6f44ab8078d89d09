-- The lucky draw: campaigns and their prizes, a draw ledger keyed by the POS sales
-- transaction (one draw per transaction of at least 500 THB, credited once), each
-- customer's entitlement per campaign, spins, awarded prizes with redemption codes,
-- staff redemptions and an audit trail. Only SQL functions (67_functions_lucky_draw.sql)
-- write here.

create table public.lucky_draw_campaigns (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 120),
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  -- The spec: 1 draw per transaction of 500 THB or more.
  min_transaction_thb numeric(12, 2) not null default 500 check (min_transaction_thb > 0),
  created_at timestamptz not null default now(),
  name_th text check (name_th is null or length(btrim(name_th)) between 1 and 120)
);
comment on table public.lucky_draw_campaigns is 'Lucky draw campaigns; a campaign is active between starts_at and ends_at (the latest started one wins).';
comment on column public.lucky_draw_campaigns.name_th is 'The campaign''s name in Thai; null shows the English name.';
create index lucky_draw_campaigns_window_idx on public.lucky_draw_campaigns (starts_at, ends_at);

create table public.lucky_draw_prizes (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid not null references public.lucky_draw_campaigns (id) on delete cascade,
  name text not null check (length(name) between 1 and 120),
  description text not null default '' check (length(description) <= 500),
  image_url text check (image_url is null or image_url ~ '^(https?://|/)'),
  initial_quantity integer not null check (initial_quantity >= 0),
  remaining integer not null check (remaining >= 0),
  created_at timestamptz not null default now(),
  check (remaining <= initial_quantity),
  unique (campaign_id, name),
  name_th text check (name_th is null or length(btrim(name_th)) between 1 and 120),
  description_th text check (description_th is null or length(description_th) <= 500)
);
comment on table public.lucky_draw_prizes is 'Prize inventory of a campaign; remaining is decremented under a row lock by spins and never goes below zero.';
comment on column public.lucky_draw_prizes.name_th is 'The prize''s name in Thai; null shows the English name.';
comment on column public.lucky_draw_prizes.description_th is 'The prize''s description in Thai; null shows the English one.';
create index lucky_draw_prizes_campaign_idx on public.lucky_draw_prizes (campaign_id, id);

-- The draw ledger: one row per POS sales transaction, whatever it credited.
create table public.lucky_draw_transactions (
  transaction_id text primary key check (length(transaction_id) between 1 and 100),
  customer_id uuid not null references public.customers (id) on delete cascade,
  campaign_id uuid references public.lucky_draw_campaigns (id) on delete set null,
  amount_thb numeric(12, 2) not null check (amount_thb >= 0),
  occurred_at timestamptz not null,
  draws_credited integer not null check (draws_credited in (0, 1)),
  recorded_at timestamptz not null default now()
);
comment on table public.lucky_draw_transactions is 'Sales transactions reported by the POS, keyed by their id so none credits a draw twice.';
create index lucky_draw_transactions_customer_idx on public.lucky_draw_transactions (customer_id);

-- What a customer may still spin in a campaign; the row a spin locks.
create table public.lucky_draw_entitlements (
  customer_id uuid not null references public.customers (id) on delete cascade,
  campaign_id uuid not null references public.lucky_draw_campaigns (id) on delete cascade,
  draws_earned integer not null default 0 check (draws_earned >= 0),
  draws_used integer not null default 0 check (draws_used >= 0),
  updated_at timestamptz not null default now(),
  primary key (customer_id, campaign_id),
  check (draws_used <= draws_earned)
);
comment on table public.lucky_draw_entitlements is 'Draws earned and spent per customer and campaign; locked by each spin, so no draw is spent twice.';

create table public.lucky_draw_spins (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid not null references public.lucky_draw_campaigns (id) on delete cascade,
  customer_id uuid not null references public.customers (id) on delete cascade,
  line_user_id text not null,
  draw_sequence integer not null check (draw_sequence > 0),
  spun_at timestamptz not null default now(),
  unique (customer_id, campaign_id, draw_sequence)
);
comment on table public.lucky_draw_spins is 'Every spin that spent a draw; draw_sequence is the customer''s n-th spin of the campaign.';

create table public.lucky_draw_awards (
  id uuid primary key default gen_random_uuid(),
  spin_id uuid not null unique references public.lucky_draw_spins (id) on delete cascade,
  customer_id uuid not null references public.customers (id) on delete cascade,
  prize_id uuid not null references public.lucky_draw_prizes (id) on delete cascade,
  -- LG + 8 characters from an alphabet without 0/O/1/I, from gen_random_bytes.
  redemption_code text not null unique check (redemption_code ~ '^LG[2-9A-HJ-NP-Z]{8}$'),
  awarded_at timestamptz not null default now()
);
comment on table public.lucky_draw_awards is 'Prizes won, one per spin, each with a unique redemption code shown to staff.';
create index lucky_draw_awards_customer_idx on public.lucky_draw_awards (customer_id);
create index lucky_draw_awards_prize_idx on public.lucky_draw_awards (prize_id);

create table public.lucky_draw_redemptions (
  award_id uuid primary key references public.lucky_draw_awards (id) on delete cascade,
  staff_name text not null check (length(staff_name) between 1 and 80),
  redeemed_at timestamptz not null default now()
);
comment on table public.lucky_draw_redemptions is 'A prize handed over: who (staff name) and when; the primary key makes it once per prize.';

create table public.lucky_draw_audit (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('transaction_recorded', 'spin', 'redemption')),
  customer_id uuid references public.customers (id) on delete set null,
  award_id uuid references public.lucky_draw_awards (id) on delete set null,
  detail jsonb not null default '{}',
  at timestamptz not null default now()
);
comment on table public.lucky_draw_audit is 'Audit trail of every recorded transaction, spin and redemption.';
create index lucky_draw_audit_customer_idx on public.lucky_draw_audit (customer_id);
