import { rm } from 'node:fs/promises';
import { cpus } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedServer } from '../../lib/db/embedded';
import { round } from './stats';

/** VIP members measured by the bookings-list scenario, each owning this many bookings. */
export const MEMBERS = 20;
export const BOOKINGS_PER_MEMBER = 500;

export interface Member {
  profileId: string;
  customerId: string;
}

export interface Dataset {
  name: string;
  dataDir: string;
  connectionString: string;
  members: Member[];
  /** Rows in public.bookings once built. */
  bookings: number;
  /** Years from the oldest booking to now. */
  historyYears: number;
  buildSeconds: number;
  postgresVersion: string;
  stop(): Promise<void>;
}

/**
 * A fresh embedded PostgreSQL under .data/bench/<name> (migrated and seeded as the app
 * does it), with MEMBERS VIP members and `bookings` generated bookings of history.
 *
 * The bookings are inserted set-based as the superuser, with the exclusion constraint and
 * every index in place, as in production. Each hourly slot (10:00-23:00) of each bay, going
 * back day by day from yesterday, holds one completed booking and two cancelled ones (the
 * constraint only binds live bookings): 1,000,000 rows are about 17 years of history.
 * Every member owns BOOKINGS_PER_MEMBER of them, spread evenly over the whole history, half
 * through their profile and all through their linked customer record (both ways RLS
 * lets a member see a booking). Tomorrow, the day availability is measured for, holds
 * only the seed's demo bookings whatever the size.
 */
export async function buildDataset(name: string, bookings: number): Promise<Dataset> {
  const dataDir = path.resolve('.data/bench', name);
  await rm(dataDir, { recursive: true, force: true });
  const started = performance.now();
  const server = await startEmbeddedServer(dataDir, () => undefined);
  const admin = new pg.Client({ connectionString: server.connectionString });
  await admin.connect();
  try {
    // A bulk load writes more WAL than the default allows between checkpoints; this
    // cluster is the benchmark's own and thrown away after the run.
    await admin.query(`alter system set max_wal_size = '8GB'`);
    await admin.query('select pg_reload_conf()');
    const { rows: members } = await admin.query<Member>(`
      with customer as (
        insert into public.customers (customer_code, name, email, phone)
        select 'CUS-9' || lpad(m::text, 5, '0'), 'Bench Member ' || m, 'member' || m || '@example.test', '+6681' || lpad(m::text, 7, '0')
        from generate_series(1, $1::int) m
        returning id, customer_code, name
      )
      insert into public.profiles (provider, provider_account_id, display_name, customer_id)
      select 'google', 'bench-' || customer_code, name, id from customer order by customer_code
      returning id as "profileId", customer_id as "customerId"`, [MEMBERS]);

    // Chunks of the generated series in parallel connections: the load is CPU-bound.
    const workers = Math.max(1, Math.min(4, cpus().length));
    const chunk = Math.ceil(bookings / workers);
    await Promise.all(
      Array.from({ length: workers }, async (_, worker) => {
        const client = new pg.Client({ connectionString: server.connectionString });
        await client.connect();
        try {
          await client.query(GENERATE_BOOKINGS, [bookings, worker * chunk + 1, Math.min(bookings, (worker + 1) * chunk), MEMBERS * BOOKINGS_PER_MEMBER]);
        } finally {
          await client.end();
        }
      }),
    );
    await admin.query('vacuum (analyze) public.bookings');
    const { rows: [counts] } = await admin.query<{ bookings: number; years: number; version: string }>(
      `select (select count(*)::int from public.bookings) as bookings,
              (select extract(epoch from now() - min(starts_at)) / (365.25 * 86400) from public.bookings)::float8 as years,
              current_setting('server_version') as version`,
    );
    return {
      name,
      dataDir,
      connectionString: server.connectionString,
      members: members.sort((a, b) => a.customerId.localeCompare(b.customerId)),
      bookings: counts!.bookings,
      historyYears: round(counts!.years),
      buildSeconds: round((performance.now() - started) / 1000),
      postgresVersion: counts!.version,
      stop: () => server.stop(),
    };
  } finally {
    await admin.end();
  }
}

// $1 total bookings, $2..$3 the range of this chunk, $4 bookings owned by members.
// Booking i sits in slot (i-1)/3 (copy (i-1)%3: 0 completed, else cancelled); the slot
// gives day (back from yesterday), bay and hour.
const GENERATE_BOOKINGS = `
  with member as (
    select row_number() over (order by c.customer_code) - 1 as k, p.id as profile_id, c.id as customer_id, c.name, c.email, c.phone
    from public.customers c join public.profiles p on p.customer_id = c.id
    where c.customer_code like 'CUS-9_____'
  ),
  bay as (select row_number() over (order by sort_order, name) - 1 as k, id from public.bays where active),
  shape as (
    select 13 as hours, (select count(*)::int from bay) as bays, (select count(*)::int from member) as members,
           greatest(1, $1::int / $4::int) as stride, (now() at time zone 'Asia/Bangkok')::date as today
  ),
  generated as (
    select i, (i - 1) / 3 as slot, (i - 1) % 3 as copy,
           case when (i - 1) % stride = 0 and (i - 1) / stride < $4::int then ((i - 1) / stride) % members end as owner,
           ((i - 1) / stride / members) % 2 = 0 as by_profile, shape.*
    from shape, generate_series($2::int, $3::int) i
  ),
  placed as (
    select generated.*, (today - 1 - slot / (hours * bays))::date + make_time(10 + slot % hours, 0, 0) as local_start,
           (slot / hours) % bays as bay_k
    from generated
  )
  insert into public.bookings (reference, bay_id, starts_at, ends_at, duration_hours, status, number_of_people,
    profile_id, customer_id, customer_name, customer_email, customer_phone, price_thb, created_at, cancelled_at)
  select 'BK000000' || lpad(placed.i::text, 8, '0'), bay.id,
         placed.local_start at time zone 'Asia/Bangkok', (placed.local_start + interval '1 hour') at time zone 'Asia/Bangkok', 1,
         case when copy = 0 then 'completed' else 'cancelled' end, 2,
         case when by_profile then member.profile_id end, member.customer_id,
         coalesce(member.name, 'Guest ' || placed.i), coalesce(member.email, 'guest' || placed.i || '@example.test'),
         coalesce(member.phone, '0812345678'), 500,
         (placed.local_start - interval '3 days') at time zone 'Asia/Bangkok',
         case when copy > 0 then (placed.local_start - interval '1 day') at time zone 'Asia/Bangkok' end
  from placed join bay on bay.k = placed.bay_k left join member on member.k = placed.owner`;
