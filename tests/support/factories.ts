import { randomBytes, randomInt } from 'node:crypto';
import { rpc, serviceCaller } from '../../lib/db';
import { addDays, venueToday } from '../../lib/venue/venue-clock';
import { sql } from './sql';

/** Test data with random identifiers, so files and tests never collide. */

export const randomSuffix = () => randomBytes(4).toString('hex');

/** A venue-local date `days` from today (Bangkok). */
export const venueDate = (days: number) => addDays(venueToday(), days);

/** A guest profile, made through the same SQL function sign-in uses. */
export async function createProfile(name = `Test Member ${randomSuffix()}`): Promise<string> {
  const { profileId } = await rpc(
    'create_guest_profile',
    { p_name: name, p_email: `member-${randomSuffix()}@example.test`, p_phone: '0812345678' },
    serviceCaller,
  );
  return profileId;
}

export async function createCustomer(): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `insert into public.customers (customer_code, name, email, phone)
     values ($1, $2, $3, $4) returning id`,
    [`CUS-${randomInt(100_000_000, 999_999_999)}`, `Customer ${randomSuffix()}`, `customer-${randomSuffix()}@example.test`, `+668${randomInt(10000000, 99999999)}`],
  );
  return row!.id;
}

export interface BookingFixture {
  bay?: string;
  date: string;
  startTime: string;
  hours?: number;
  status?: 'confirmed' | 'cancelled' | 'completed';
  profileId?: string | null;
  customerId?: string | null;
  people?: number;
}

/** Inserts a booking directly (venue-local date and time), as the table's owner. */
export async function insertBooking(fixture: BookingFixture): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `insert into public.bookings (reference, bay_id, starts_at, ends_at, duration_hours, status, number_of_people,
                                  profile_id, customer_id, customer_name, customer_email, customer_phone)
     select $1, b.id,
            ($2::date + $3::time) at time zone 'Asia/Bangkok',
            ($2::date + $3::time + make_interval(mins => ($4::numeric * 60)::int)) at time zone 'Asia/Bangkok',
            $4, $5, $6, $7, $8, 'Test Booker', 'booker@example.test', '0812345678'
     from public.bays b where b.name = $9
     returning id`,
    [
      `BK${fixture.date.slice(2).replaceAll('-', '')}${randomBytes(3).toString('hex').toUpperCase()}`,
      fixture.date,
      fixture.startTime,
      fixture.hours ?? 1,
      fixture.status ?? 'confirmed',
      fixture.people ?? 2,
      fixture.profileId ?? null,
      fixture.customerId ?? null,
      fixture.bay ?? 'Bay 1',
    ],
  );
  if (!row) throw new Error(`No bay named ${fixture.bay}`);
  return row.id;
}
