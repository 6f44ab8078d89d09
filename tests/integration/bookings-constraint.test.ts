import { describe, expect, it } from 'vitest';
import { insertBooking, venueDate } from '../support/factories';
import { sql } from '../support/sql';

const exclusionViolation = { code: '23P01' };

describe('bookings_no_overlap: two live bookings of one bay never overlap', () => {
  it('rejects an overlapping live booking of the same bay', async () => {
    const date = venueDate(30);
    await insertBooking({ bay: 'Bay 1', date, startTime: '14:00', hours: 2 });
    await expect(insertBooking({ bay: 'Bay 1', date, startTime: '15:00', hours: 1 })).rejects.toMatchObject(exclusionViolation);
    await expect(insertBooking({ bay: 'Bay 1', date, startTime: '13:30', hours: 1 })).rejects.toMatchObject(exclusionViolation);
    await expect(insertBooking({ bay: 'Bay 1', date, startTime: '13:00', hours: 4 })).rejects.toMatchObject(exclusionViolation);
  });

  it('accepts a touching booking, the same time in another bay, and a booking over a cancelled one', async () => {
    const date = venueDate(31);
    await insertBooking({ bay: 'Bay 2', date, startTime: '14:00', hours: 2 });
    await expect(insertBooking({ bay: 'Bay 2', date, startTime: '16:00', hours: 1 })).resolves.toBeTruthy();
    await expect(insertBooking({ bay: 'Bay 2', date, startTime: '12:00', hours: 2 })).resolves.toBeTruthy();
    await expect(insertBooking({ bay: 'Bay 3', date, startTime: '14:00', hours: 2 })).resolves.toBeTruthy();

    await insertBooking({ bay: 'AI Lab', date, startTime: '18:00', hours: 2, status: 'cancelled' });
    await expect(insertBooking({ bay: 'AI Lab', date, startTime: '18:00', hours: 2 })).resolves.toBeTruthy();
  });

  it('rejects re-activating a cancelled booking whose slot was taken meanwhile', async () => {
    const date = venueDate(32);
    const cancelled = await insertBooking({ bay: 'Bay 1', date, startTime: '11:00', hours: 2, status: 'cancelled' });
    await insertBooking({ bay: 'Bay 1', date, startTime: '12:00', hours: 1 });
    await expect(sql(`update public.bookings set status = 'confirmed' where id = $1`, [cancelled])).rejects.toMatchObject(exclusionViolation);
  });

  it('lets exactly one of many concurrent bookings of one slot in', async () => {
    const date = venueDate(33);
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => insertBooking({ bay: 'Bay 3', date, startTime: i % 2 ? '15:00' : '15:30', hours: 1 })),
    );
    const won = attempts.filter((attempt) => attempt.status === 'fulfilled');
    expect(won).toHaveLength(1);
    // Overlapping inserts in flight wait on each other's rows; PostgreSQL refuses the losers with
    // the exclusion violation, or, when two waited on each other, one as a deadlock victim
    // (the app runs such a transaction again: lib/db/transaction-retry.ts).
    for (const attempt of attempts) {
      if (attempt.status === 'rejected') expect(['23P01', '40P01']).toContain((attempt.reason as { code?: string }).code);
    }
    const [{ count }] = (await sql<{ count: string }>(
      `select count(*) from public.bookings b join public.bays bay on bay.id = b.bay_id
       where bay.name = 'Bay 3' and b.status <> 'cancelled'
         and b.starts_at::date between $1::date - 1 and $1::date + 1`,
      [date],
    )) as [{ count: string }];
    expect(Number(count)).toBe(1);
  });

  it('keeps end, start and duration consistent', async () => {
    await expect(
      sql(
        `insert into public.bookings (reference, bay_id, starts_at, ends_at, duration_hours, number_of_people,
                                      customer_name, customer_email, customer_phone)
         select 'BK991231ABCD', id, now() + interval '1 day', now() + interval '1 day 3 hours', 1, 2, 'X', 'x@example.test', '0812345678'
         from public.bays where name = 'Bay 1'`,
      ),
    ).rejects.toMatchObject({ code: '23514' });
  });
});
