-- A member's bookings are found through the indexes on profile_id and customer_id.
--
-- The first policy read `customer_id in (select ...)` inside an OR: PostgreSQL cannot turn
-- that into a join, so it ran as a hashed subplan tested against every row, a sequential
-- scan of the whole table on each VIP bookings list (0.5 s at 1,000,000 bookings). The
-- linked customer record is one value at most (profiles.id is the key), so a scalar
-- subquery says the same; it is computed once and both sides of the OR become index scans.
alter policy "Members read their own bookings" on public.bookings using (
  profile_id = (select auth.uid())
  or customer_id = (select p.customer_id from public.profiles p where p.id = (select auth.uid()))
);
