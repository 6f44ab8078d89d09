import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as availabilityRoute } from '@/app/api/availability/route';
import { POST as spinRoute } from '@/app/api/liff/spin/route';
import { GET as campaignRoute } from '@/app/api/lucky-draw/campaign-status/route';
import { GET as customerRoute } from '@/app/api/lucky-draw/customer-status/route';
import { GET as daySheetRoute } from '@/app/api/staff/day-sheet/route';
import { GET as findPrizeRoute } from '@/app/api/staff/prizes/[code]/route';
import { GET as vipBookingsRoute } from '@/app/api/vip/bookings/route';
import { GET as packagesRoute } from '@/app/api/vip/packages/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { createCustomer, createProfile, insertBooking, randomSuffix, venueDate } from '../support/factories';
import { call, json } from '../support/http';
import { eventually } from '../support/eventually';
import { freshCampaign, lineCustomer, TEST_CHANNEL_ID, TEST_CHANNEL_SECRET } from '../support/lucky-draw';
import { sql } from '../support/sql';
import { createStaffMember } from '../support/staff';

/**
 * Names in both languages in the API (#15 item 5): every answer keeps its documented English
 * field and adds the Thai one beside it (bayTh, packageNameTh, prize_name_th, prizeTh, …),
 * null when no Thai text is stored.
 */
const saved = { ...process.env };
beforeAll(() => {
  Object.assign(process.env, { LINE_LIFF_CHANNEL_ID: TEST_CHANNEL_ID, LINE_LIFF_CHANNEL_SECRET: TEST_CHANNEL_SECRET });
});
afterAll(() => {
  for (const key of ['LINE_LIFF_CHANNEL_ID', 'LINE_LIFF_CHANNEL_SECRET']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});


type Slot = { bay: string; bayTh: string | null };

describe('Thai names beside the English ones', () => {
  it('GET /api/availability: every slot keeps `bay` and adds `bayTh` (null where none is stored)', async () => {
    await sql(`update public.bays set name_th = null where name = 'AI Lab'`);
    try {
      const read = async () => (await json<{ availableSlots: Slot[] }>(await call(availabilityRoute, 'GET', `/api/availability?date=${venueDate(12)}`))).availableSlots;
      const slots = await eventually(read, (answer) => answer.some((slot) => slot.bay === 'AI Lab' && slot.bayTh === null));
      expect(slots.find((slot) => slot.bay === 'Bay 1')).toMatchObject({ bay: 'Bay 1', bayTh: 'เบย์ 1' });
      expect(slots.find((slot) => slot.bay === 'AI Lab')).toMatchObject({ bay: 'AI Lab', bayTh: null });
      expect(slots.every((slot) => 'bayTh' in slot)).toBe(true);
    } finally {
      await sql(`update public.bays set name_th = 'ห้อง AI Lab' where name = 'AI Lab'`);
    }
  });

  it("GET /api/vip/packages: packageName stays, packageNameTh is the package's Thai name", async () => {
    const member = await createProfile();
    const customer = await createCustomer();
    await sql('update public.profiles set customer_id = $1 where id = $2', [customer, member]);
    const english = `Weekday ${randomSuffix()} 10 Hours`;
    await sql(
      `insert into public.packages (customer_id, package_name, package_name_th, purchase_date, expiry_date, total_hours, used_hours) values
         ($1, $2, 'แพ็กเกจวันธรรมดา 10 ชั่วโมง', current_date - 5, current_date + 90, 10, 4),
         ($1, 'Untranslated 5', null, current_date - 5, null, 5, 0)`,
      [customer, english],
    );
    // Someone else's newer package of the same English name, named otherwise in Thai: each package answers its own.
    await sql(
      `insert into public.packages (customer_id, package_name, package_name_th, purchase_date, expiry_date, total_hours, used_hours)
       values ($1, $2, 'ชื่อแพ็กเกจอื่น', current_date, current_date + 90, 10, 0)`,
      [await createCustomer(), english],
    );
    const headers = { Authorization: `Bearer ${await issueSessionToken(member)}` };
    const read = async () => json<{ activePackages: { packageName: string; packageNameTh: string | null }[] }>(await call(packagesRoute, 'GET', '/api/vip/packages', { headers }));
    const body = await eventually(read, (answer) => answer.activePackages.some((pkg) => pkg.packageNameTh !== null));
    expect(body.activePackages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ packageName: english, packageNameTh: 'แพ็กเกจวันธรรมดา 10 ชั่วโมง' }),
        expect.objectContaining({ packageName: 'Untranslated 5', packageNameTh: null }),
      ]),
    );
  });

  it("GET /api/vip/bookings: a member's booking keeps `bay` and adds `bayTh`", async () => {
    const member = await createProfile();
    await insertBooking({ bay: 'Bay 2', date: venueDate(15), startTime: '11:00', profileId: member });
    const response = await call(vipBookingsRoute, 'GET', '/api/vip/bookings', { headers: { Authorization: `Bearer ${await issueSessionToken(member)}` } });
    expect(response.status).toBe(200);
    const { bookings } = await json<{ bookings: Slot[] }>(response);
    expect(bookings).toEqual([expect.objectContaining({ bay: 'Bay 2', bayTh: 'เบย์ 2' })]);
  });

  it('the lucky draw: campaign breakdown, spin and the customer status carry the Thai prize name and description', async () => {
    const campaign = await freshCampaign({ [`Towel ${randomSuffix()}`]: 3 });
    await sql(`update public.lucky_draw_prizes set name_th = 'ผ้าเช็ดกอล์ฟ', description_th = 'ผ้าไมโครไฟเบอร์' where campaign_id = $1`, [campaign]);
    const breakdown = await eventually(
      async () => (await json<{ prizeBreakdown: { prize_name: string; prize_name_th: string | null }[] }>(await call(campaignRoute, 'GET', '/api/lucky-draw/campaign-status'))).prizeBreakdown,
      (answer) => answer[0]?.prize_name_th === 'ผ้าเช็ดกอล์ฟ',
    );
    expect(breakdown).toEqual([expect.objectContaining({ prize_name: expect.stringMatching(/^Towel /), prize_name_th: 'ผ้าเช็ดกอล์ฟ' })]);

    const member = await lineCustomer(1);
    const spun = await call(spinRoute, 'POST', '/api/liff/spin', { body: { customerId: member.customerId, lineUserId: member.lineUserId }, headers: { Authorization: `Bearer ${member.token}` } });
    expect(spun.status).toBe(200);
    const won = await json<{ prize: string; prizeTh: string | null; prizeDescription: string; prizeDescriptionTh: string | null; redemptionCode: string }>(spun);
    expect(won).toMatchObject({ prize: expect.stringMatching(/^Towel /), prizeTh: 'ผ้าเช็ดกอล์ฟ', prizeDescription: expect.stringMatching(/description$/), prizeDescriptionTh: 'ผ้าไมโครไฟเบอร์' });

    const status = await json<{ prizes: Record<string, unknown>[] }>(
      await call(customerRoute, 'GET', `/api/lucky-draw/customer-status?customerId=${member.customerId}`, { headers: { Authorization: `Bearer ${member.token}` } }),
    );
    expect(status.prizes).toEqual([expect.objectContaining({ prize_name: won.prize, prize_name_th: 'ผ้าเช็ดกอล์ฟ', prize_description_th: 'ผ้าไมโครไฟเบอร์' })]);

    // The front desk reads the same prize in both languages.
    const staff = await createStaffMember();
    const desk = await call(findPrizeRoute, 'GET', `/api/staff/prizes/${won.redemptionCode}`, { headers: staff.headers, params: { code: won.redemptionCode } });
    expect(desk.status).toBe(200);
    expect((await json<{ prize: Record<string, unknown> }>(desk)).prize).toMatchObject({ prizeName: won.prize, prizeNameTh: 'ผ้าเช็ดกอล์ฟ', prizeDescriptionTh: 'ผ้าไมโครไฟเบอร์' });
  });

  it("a won prize keeps its own campaign's Thai text when a later campaign has a prize of the same English name", async () => {
    const name = `Towel ${randomSuffix()}`;
    const first = await freshCampaign({ [name]: 1 });
    await sql(`update public.lucky_draw_prizes set name_th = 'ผ้าเช็ดรุ่นแรก', description_th = 'รุ่นแรก' where campaign_id = $1`, [first]);
    const member = await lineCustomer(1);
    const headers = { Authorization: `Bearer ${member.token}` };
    const spun = await call(spinRoute, 'POST', '/api/liff/spin', { body: { customerId: member.customerId, lineUserId: member.lineUserId }, headers });
    const won = await json<{ prize: string; prizeTh: string | null; redemptionCode: string }>(spun);
    expect(won).toMatchObject({ prize: name, prizeTh: 'ผ้าเช็ดรุ่นแรก' });

    const second = await freshCampaign({ [name]: 1 });
    await sql(`update public.lucky_draw_prizes set name_th = 'ผ้าเช็ดรุ่นใหม่', description_th = null where campaign_id = $1`, [second]);
    const status = await json<{ prizes: Record<string, unknown>[] }>(await call(customerRoute, 'GET', `/api/lucky-draw/customer-status?customerId=${member.customerId}`, { headers }));
    expect(status.prizes).toEqual([expect.objectContaining({ prize_name: name, prize_name_th: 'ผ้าเช็ดรุ่นแรก', prize_description_th: 'รุ่นแรก' })]);
    const staff = await createStaffMember();
    const desk = await call(findPrizeRoute, 'GET', `/api/staff/prizes/${won.redemptionCode}`, { headers: staff.headers, params: { code: won.redemptionCode } });
    expect((await json<{ prize: Record<string, unknown> }>(desk)).prize).toMatchObject({ prizeName: name, prizeNameTh: 'ผ้าเช็ดรุ่นแรก', prizeDescriptionTh: 'รุ่นแรก' });
    // The new campaign's breakdown names its own prize, whose description has no Thai text.
    const breakdown = (await json<{ prizeBreakdown: Record<string, unknown>[] }>(await call(campaignRoute, 'GET', '/api/lucky-draw/campaign-status'))).prizeBreakdown;
    expect(breakdown).toEqual([expect.objectContaining({ prize_name: name, prize_name_th: 'ผ้าเช็ดรุ่นใหม่' })]);
  });

  it('GET /api/staff/day-sheet: bays and bookings carry nameTh / bayTh', async () => {
    const date = venueDate(14);
    await insertBooking({ bay: 'Bay 3', date, startTime: '16:00', hours: 1 });
    const staff = await createStaffMember();
    const response = await call(daySheetRoute, 'GET', `/api/staff/day-sheet?date=${date}`, { headers: staff.headers });
    expect(response.status).toBe(200);
    const sheet = await json<{ bays: { name: string; nameTh: string | null }[]; bookings: { bay: string; bayTh: string | null; packageTh: string | null }[] }>(response);
    expect(sheet.bays).toContainEqual(expect.objectContaining({ name: 'Bay 3', nameTh: 'เบย์ 3' }));
    expect(sheet.bookings.find((booking) => booking.bay === 'Bay 3')).toMatchObject({ bayTh: 'เบย์ 3', packageTh: null });
  });

  it("GET /api/staff/day-sheet: a booking paid with a package names the package's own Thai name", async () => {
    const date = venueDate(16);
    const customer = await createCustomer();
    const english = `Weekday ${randomSuffix()} 10 Hours`;
    const [pkg] = await sql<{ id: string }>(
      `insert into public.packages (customer_id, package_name, package_name_th, purchase_date, expiry_date, total_hours, used_hours)
       values ($1, $2, 'แพ็กเกจวันธรรมดา', current_date, current_date + 90, 10, 1) returning id`,
      [customer, english],
    );
    const booking = await insertBooking({ bay: 'AI Lab', date, startTime: '13:00', customerId: customer });
    await sql('update public.bookings set package_id = $1 where id = $2', [pkg!.id, booking]);
    const staff = await createStaffMember();
    const response = await call(daySheetRoute, 'GET', `/api/staff/day-sheet?date=${date}`, { headers: staff.headers });
    const sheet = await json<{ bookings: { id: string; bay: string; bayTh: string | null; package: string | null; packageTh: string | null }[] }>(response);
    expect(sheet.bookings.find((row) => row.id === booking)).toMatchObject({ bay: 'AI Lab', bayTh: 'ห้อง AI Lab', package: english, packageTh: 'แพ็กเกจวันธรรมดา' });
  });
});
