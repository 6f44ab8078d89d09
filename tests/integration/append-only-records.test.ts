import { beforeAll, describe, expect, it } from 'vitest';
import { createProfile, insertBooking, venueDate } from '../support/factories';
import { sql } from '../support/sql';
import { createStaffMember, type StaffFixture } from '../support/staff';

/**
 * The trails the venue answers for (staff account changes, check-ins, staff moves and
 * cancellations, the desk's delivery retries, marketing consents) are append-only for everyone, the table owner included:
 * one trigger function (app_private.refuse_rewrite) guards all four. A row goes only with what
 * it belongs to: a deleted booking takes its attendance, change and retry trails, an erased profile its
 * consents; a staff account's audit never goes.
 */

let staff: StaffFixture;
let booking: string;
let profile: string;

beforeAll(async () => {
  staff = await createStaffMember('admin');
  booking = await insertBooking({ bay: 'Bay 2', date: venueDate(40), startTime: '15:00' });
  profile = await createProfile();
  await sql(`insert into public.staff_audit (staff_member_id, action, actor_email) values ($1, 'changed', $2)`, [staff.memberId, staff.email]);
  await sql(`insert into public.booking_attendance (booking_id, outcome, staff_member_id, staff_email) values ($1, 'checked_in', $2, $3)`, [booking, staff.memberId, staff.email]);
  await sql(
    `insert into public.booking_staff_changes (booking_id, action, reason, staff_member_id, staff_email, before, after) values ($1, 'moved', 'asked by phone', $2, $3, '{}', '{}')`,
    [booking, staff.memberId, staff.email],
  );
  await sql(`insert into public.marketing_consents (profile_id, granted, source) values ($1, true, 'vip_profile')`, [profile]);
  await sql(`insert into public.booking_delivery_retries (booking_id, job_ids, staff_member_id, staff_email) values ($1, array[gen_random_uuid()], $2, $3)`, [
    booking,
    staff.memberId,
    staff.email,
  ]);
});

const trails = [
  { table: 'public.staff_audit', column: 'actor_email', value: 'forged@example.test' },
  { table: 'public.booking_attendance', column: 'outcome', value: 'no_show' },
  { table: 'public.booking_staff_changes', column: 'reason', value: 'rewritten afterwards' },
  { table: 'public.marketing_consents', column: 'granted', value: false },
  { table: 'public.booking_delivery_retries', column: 'staff_email', value: 'someone-else@example.test' },
];

describe('append-only records', () => {
  it.each(trails)('$table refuses update, delete and truncate, even from its owner', async ({ table, column, value }) => {
    const attacks = [() => sql(`update ${table} set ${column} = $1`, [value]), () => sql(`delete from ${table}`), () => sql(`truncate ${table}`)];
    for (const attack of attacks) {
      const error = await attack().then(() => null, (refused: { code?: string; detail?: string }) => refused);
      expect(error?.code).toBe('PT403');
      expect(JSON.parse(error?.detail ?? 'null')).toEqual({ reason: `${table} is append-only` });
    }
    expect((await sql<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n).toBeGreaterThan(0);
  });

  it('a deleted booking takes its attendance and change trail with it; an erased profile its consents', async () => {
    await sql('delete from public.bookings where id = $1', [booking]);
    await sql('delete from public.profiles where id = $1', [profile]);
    const left = await sql<{ attendance: number; changes: number; retries: number; consents: number }>(
      `select (select count(*)::int from public.booking_attendance where booking_id = $1) as attendance,
              (select count(*)::int from public.booking_staff_changes where booking_id = $1) as changes,
              (select count(*)::int from public.booking_delivery_retries where booking_id = $1) as retries,
              (select count(*)::int from public.marketing_consents where profile_id = $2) as consents`,
      [booking, profile],
    );
    expect(left[0]).toEqual({ attendance: 0, changes: 0, retries: 0, consents: 0 });
  });

  it("a staff account's audit never goes, not even by removing the account row", async () => {
    await expect(sql('delete from public.staff_members where id = $1', [staff.memberId])).rejects.toThrow();
    expect((await sql<{ n: number }>('select count(*)::int as n from public.staff_audit where staff_member_id = $1', [staff.memberId]))[0]!.n).toBe(1);
  });
});
