-- Row level security, policies and table privileges. Every table has RLS enabled and forced
-- (its owner too is bound by the policies). anon and authenticated never get insert, update or
-- delete: members read their own rows through the policies below, and every write happens
-- inside a SQL function. The service role manages every table (the app's system work).
-- On Supabase new tables in public grant everything to anon and authenticated by default;
-- the revokes below take that back.

-- ======================================================================================
-- The venue: anyone reads it (the availability grid), only the service role changes it.
-- ======================================================================================

alter table public.bays enable row level security;
alter table public.bays force row level security;
alter table public.opening_hours enable row level security;
alter table public.opening_hours force row level security;
alter table public.price_rules enable row level security;
alter table public.price_rules force row level security;

create policy "Anyone reads active bays" on public.bays
  for select to anon, authenticated using (active);
create policy "Anyone reads opening hours" on public.opening_hours
  for select to anon, authenticated using (true);
create policy "Anyone reads prices" on public.price_rules
  for select to anon, authenticated using (true);
create policy "Service role manages bays" on public.bays
  for all to service_role using (true) with check (true);
create policy "Service role manages opening hours" on public.opening_hours
  for all to service_role using (true) with check (true);
create policy "Service role manages prices" on public.price_rules
  for all to service_role using (true) with check (true);

revoke all on public.bays, public.opening_hours, public.price_rules from anon, authenticated;
grant select on public.bays, public.opening_hours, public.price_rules to anon, authenticated;
grant all on public.bays, public.opening_hours, public.price_rules to service_role;

-- The booking rules: anyone reads them (the grid says what they exclude).
alter table public.venue_settings enable row level security;
alter table public.venue_settings force row level security;
create policy "Anyone reads the venue settings" on public.venue_settings
  for select to anon, authenticated using (true);
create policy "Service role manages the venue settings" on public.venue_settings
  for all to service_role using (true) with check (true);
revoke all on public.venue_settings from anon, authenticated;
grant select on public.venue_settings to anon, authenticated;
-- The row is the settings: the service role changes it, never inserts or deletes one.
grant select, update on public.venue_settings to service_role;

-- ======================================================================================
-- People, packages and bookings: a member reads their own profile, the customer record
-- linked to it, that record's packages, and the bookings made under either.
-- (select auth.uid()) is evaluated once per query, not once per row.
-- ======================================================================================

alter table public.customers enable row level security;
alter table public.customers force row level security;
alter table public.profiles enable row level security;
alter table public.profiles force row level security;
alter table public.packages enable row level security;
alter table public.packages force row level security;
alter table public.bookings enable row level security;
alter table public.bookings force row level security;

create policy "Members read their own profile" on public.profiles
  for select to authenticated using (id = (select auth.uid()));
create policy "Members read the customer record linked to them" on public.customers
  for select to authenticated using (
    id in (select p.customer_id from public.profiles p where p.id = (select auth.uid()))
  );
create policy "Members read the packages of the customer linked to them" on public.packages
  for select to authenticated using (
    customer_id in (select p.customer_id from public.profiles p where p.id = (select auth.uid()))
  );
-- The linked customer record is one value at most (profiles.id is the key): as a scalar
-- subquery it is computed once, and both sides of the OR are index scans (bookings_profile_idx,
-- bookings_customer_idx); `customer_id in (select ...)` inside the OR was a sequential scan.
create policy "Members read their own bookings" on public.bookings
  for select to authenticated using (
    profile_id = (select auth.uid())
    or customer_id = (select p.customer_id from public.profiles p where p.id = (select auth.uid()))
  );
create policy "Service role manages profiles" on public.profiles
  for all to service_role using (true) with check (true);
create policy "Service role manages customers" on public.customers
  for all to service_role using (true) with check (true);
create policy "Service role manages packages" on public.packages
  for all to service_role using (true) with check (true);
create policy "Service role manages bookings" on public.bookings
  for all to service_role using (true) with check (true);

revoke all on public.customers, public.profiles, public.packages, public.bookings from anon, authenticated;
grant select on public.customers, public.profiles, public.packages, public.bookings to authenticated;
grant all on public.customers, public.profiles, public.packages, public.bookings to service_role;

-- ======================================================================================
-- Tables only the service role (and the functions) see: no policy for anon or authenticated,
-- so nobody else sees a row. VIP codes are credentials and sessions are private.
-- ======================================================================================

alter table public.booking_idempotency_keys enable row level security;
alter table public.booking_idempotency_keys force row level security;
alter table public.vip_link_codes enable row level security;
alter table public.vip_link_codes force row level security;
alter table public.outbox_job_kinds enable row level security;
alter table public.outbox_job_kinds force row level security;
alter table public.outbox_jobs enable row level security;
alter table public.outbox_jobs force row level security;
alter table public.outbox_attempts enable row level security;
alter table public.outbox_attempts force row level security;
alter table public.dev_outgoing_messages enable row level security;
alter table public.dev_outgoing_messages force row level security;
alter table public.concierges enable row level security;
alter table public.concierges force row level security;
alter table public.vip_codes enable row level security;
alter table public.vip_codes force row level security;
alter table public.vip_sessions enable row level security;
alter table public.vip_sessions force row level security;
alter table public.vip_session_events enable row level security;
alter table public.vip_session_events force row level security;

create policy "Service role manages idempotency keys" on public.booking_idempotency_keys
  for all to service_role using (true) with check (true);
create policy "Service role manages link codes" on public.vip_link_codes
  for all to service_role using (true) with check (true);
create policy "Service role reads outbox job kinds" on public.outbox_job_kinds
  for select to service_role using (true);
create policy "Service role manages outbox jobs" on public.outbox_jobs
  for all to service_role using (true) with check (true);
create policy "Service role manages outbox attempts" on public.outbox_attempts
  for all to service_role using (true) with check (true);
create policy "Service role manages recorded messages" on public.dev_outgoing_messages
  for all to service_role using (true) with check (true);
create policy "Service role manages concierges" on public.concierges
  for all to service_role using (true) with check (true);
create policy "Service role manages VIP codes" on public.vip_codes
  for all to service_role using (true) with check (true);
create policy "Service role manages VIP sessions" on public.vip_sessions
  for all to service_role using (true) with check (true);
create policy "Service role manages VIP session events" on public.vip_session_events
  for all to service_role using (true) with check (true);

revoke all on public.booking_idempotency_keys, public.vip_link_codes, public.outbox_jobs, public.outbox_attempts,
  public.dev_outgoing_messages, public.concierges, public.vip_codes, public.vip_sessions, public.vip_session_events
  from anon, authenticated;
grant all on public.booking_idempotency_keys, public.vip_link_codes, public.outbox_jobs, public.outbox_attempts,
  public.dev_outgoing_messages, public.concierges, public.vip_codes, public.vip_sessions, public.vip_session_events
  to service_role;
revoke all on public.outbox_job_kinds from anon, authenticated;
grant select on public.outbox_job_kinds to service_role;

-- ======================================================================================
-- The lucky draw: service role only (the app verifies the LINE user, staff PIN or system key).
-- ======================================================================================

alter table public.lucky_draw_campaigns enable row level security;
alter table public.lucky_draw_campaigns force row level security;
alter table public.lucky_draw_prizes enable row level security;
alter table public.lucky_draw_prizes force row level security;
alter table public.lucky_draw_transactions enable row level security;
alter table public.lucky_draw_transactions force row level security;
alter table public.lucky_draw_entitlements enable row level security;
alter table public.lucky_draw_entitlements force row level security;
alter table public.lucky_draw_spins enable row level security;
alter table public.lucky_draw_spins force row level security;
alter table public.lucky_draw_awards enable row level security;
alter table public.lucky_draw_awards force row level security;
alter table public.lucky_draw_redemptions enable row level security;
alter table public.lucky_draw_redemptions force row level security;
alter table public.lucky_draw_audit enable row level security;
alter table public.lucky_draw_audit force row level security;

create policy "Service role manages lucky draw campaigns" on public.lucky_draw_campaigns
  for all to service_role using (true) with check (true);
create policy "Service role manages lucky draw prizes" on public.lucky_draw_prizes
  for all to service_role using (true) with check (true);
create policy "Service role manages lucky draw transactions" on public.lucky_draw_transactions
  for all to service_role using (true) with check (true);
create policy "Service role manages lucky draw entitlements" on public.lucky_draw_entitlements
  for all to service_role using (true) with check (true);
create policy "Service role manages lucky draw spins" on public.lucky_draw_spins
  for all to service_role using (true) with check (true);
create policy "Service role manages lucky draw awards" on public.lucky_draw_awards
  for all to service_role using (true) with check (true);
create policy "Service role manages lucky draw redemptions" on public.lucky_draw_redemptions
  for all to service_role using (true) with check (true);
create policy "Service role manages lucky draw audit" on public.lucky_draw_audit
  for all to service_role using (true) with check (true);

revoke all on public.lucky_draw_campaigns, public.lucky_draw_prizes, public.lucky_draw_transactions,
  public.lucky_draw_entitlements, public.lucky_draw_spins, public.lucky_draw_awards, public.lucky_draw_redemptions,
  public.lucky_draw_audit
  from anon, authenticated;
grant all on public.lucky_draw_campaigns, public.lucky_draw_prizes, public.lucky_draw_transactions,
  public.lucky_draw_entitlements, public.lucky_draw_spins, public.lucky_draw_awards, public.lucky_draw_redemptions,
  public.lucky_draw_audit
  to service_role;

-- ======================================================================================
-- Rate limit counters: touched only by the security definer functions hit_rate_limit and
-- release_rate_limit_hit; no role has a privilege on the table itself.
-- ======================================================================================

alter table app_private.rate_limit_windows enable row level security;
alter table app_private.rate_limit_windows force row level security;
create policy "Service role counts hits" on app_private.rate_limit_windows
  for all to service_role using (true) with check (true);
revoke all on app_private.rate_limit_windows from public, anon, authenticated;
