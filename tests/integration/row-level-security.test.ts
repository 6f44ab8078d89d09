import { describe, expect, it } from 'vitest';
import { memberCaller, rpc } from '@/lib/db';
import { createCustomer, createProfile, insertBooking, venueDate } from '../support/factories';
import { sql, sqlAs } from '../support/sql';

const member = (id: string) => ({ role: 'authenticated', sub: id });
const permissionDenied = { code: '42501' };

describe('row level security, attacked as a PostgREST client would', () => {
  it('a member reads only their own profile, linked customer and bookings', async () => {
    const alice = await createProfile('Alice');
    const bob = await createProfile('Bob');
    const bobCustomer = await createCustomer();
    await sql('update public.profiles set customer_id = $1 where id = $2', [bobCustomer, bob]);
    const date = venueDate(40);
    const aliceBooking = await insertBooking({ bay: 'Bay 1', date, startTime: '12:00', profileId: alice });
    await insertBooking({ bay: 'Bay 2', date, startTime: '12:00', profileId: bob });
    const bobCustomerBooking = await insertBooking({ bay: 'Bay 3', date, startTime: '12:00', customerId: bobCustomer });

    const profiles = await sqlAs<{ id: string }>('authenticated', member(alice), 'select id from public.profiles');
    expect(profiles.map((row) => row.id)).toEqual([alice]);
    const bookings = await sqlAs<{ id: string }>('authenticated', member(alice), 'select id from public.bookings');
    expect(bookings.map((row) => row.id)).toEqual([aliceBooking]);
    expect(await sqlAs('authenticated', member(alice), 'select id from public.customers')).toEqual([]);
    expect(await sqlAs('authenticated', member(alice), 'select id from public.profiles where id = $1', [bob])).toEqual([]);

    // Bob sees bookings under his linked customer record too, and only his customer record.
    const bobBookings = await sqlAs<{ id: string }>('authenticated', member(bob), 'select id from public.bookings');
    expect(bobBookings.map((row) => row.id)).toContain(bobCustomerBooking);
    expect(bobBookings.map((row) => row.id)).not.toContain(aliceBooking);
    const bobCustomers = await sqlAs<{ id: string }>('authenticated', member(bob), 'select id from public.customers');
    expect(bobCustomers.map((row) => row.id)).toEqual([bobCustomer]);
  });

  it("a member's own RPC answers from their own profile only", async () => {
    const alice = await createProfile();
    const bob = await createProfile();
    const customer = await createCustomer();
    await sql('update public.profiles set customer_id = $1 where id = $2', [customer, bob]);
    expect(await rpc('get_vip_status', {}, memberCaller(alice))).toEqual({ status: 'not_linked', crmCustomerId: null });
    expect(await rpc('get_vip_status', {}, memberCaller(bob))).toEqual({ status: 'linked_matched', crmCustomerId: customer });
  });

  it('anon reads no personal data at all', async () => {
    await createProfile();
    await insertBooking({ bay: 'Bay 1', date: venueDate(41), startTime: '12:00' });
    for (const table of ['profiles', 'customers', 'bookings']) {
      await expect(sqlAs('anon', { role: 'anon' }, `select * from public.${table}`)).rejects.toMatchObject(permissionDenied);
    }
    // Venue data is public.
    expect((await sqlAs('anon', { role: 'anon' }, 'select name from public.bays')).length).toBe(4);
  });

  it('members cannot write any table directly, not even their own rows', async () => {
    const alice = await createProfile();
    const attacks = [
      [`update public.profiles set customer_id = (select id from public.customers limit 1) where id = $1`, [alice]],
      [`insert into public.profiles (provider, display_name) values ('guest', 'Mallory')`, []],
      [`delete from public.profiles where id = $1`, [alice]],
      [`insert into public.customers (customer_code, name) values ('CUS-9999', 'Mallory')`, []],
      [`update public.bookings set status = 'cancelled'`, []],
      [`update public.bays set capacity = 20`, []],
      [`insert into public.price_rules (bay_id, day_type, band, starts, ends, price_per_hour) select id, 'weekday', 'peak', '23:00', '23:30', 1 from public.bays limit 1`, []],
    ] as const;
    for (const [statement, params] of attacks) {
      await expect(sqlAs('authenticated', member(alice), statement, [...params]), statement).rejects.toMatchObject(permissionDenied);
    }
  });

  it('execute is granted per function: anon and members cannot call service-only functions', async () => {
    const alice = await createProfile();
    const serviceOnly = [
      `select public.create_guest_profile('M', 'm@example.test', '0812345678')`,
      `select public.upsert_oauth_profile('google', '123', 'M', 'm@example.test', null)`,
      `select public.hit_rate_limit('x', 1, 60)`,
      `select public.applied_migrations()`,
    ];
    for (const statement of serviceOnly) {
      await expect(sqlAs('anon', { role: 'anon' }, statement), statement).rejects.toMatchObject(permissionDenied);
      await expect(sqlAs('authenticated', member(alice), statement), statement).rejects.toMatchObject(permissionDenied);
    }
    await expect(sqlAs('anon', { role: 'anon' }, 'select public.get_vip_status()')).rejects.toMatchObject(permissionDenied);
    const [{ count }] = (await sql<{ count: string }>(
      `select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public' and has_function_privilege('public', p.oid, 'execute')`,
    )) as [{ count: string }];
    expect(Number(count), 'functions in public executable by PUBLIC').toBe(0);
  });

  it('every table in public has row level security enabled and forced', async () => {
    const tables = await sql<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      `select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('public', 'app_private') and c.relkind = 'r'`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(7);
    for (const table of tables) expect(table, table.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
  });
});

describe('sign-in never lands in an existing profile by email or phone', () => {
  it('a guest sign-in with an existing email gets a new profile', async () => {
    const email = 'same-person@example.test';
    const first = await rpc('create_guest_profile', { p_name: 'A', p_email: email, p_phone: '0812345678' }, { role: 'service_role' });
    const second = await rpc('create_guest_profile', { p_name: 'B', p_email: email, p_phone: '0812345678' }, { role: 'service_role' });
    expect(first.profileId).not.toBe(second.profileId);
  });

  it('an OAuth sign-in is found again by provider account id only', async () => {
    const service = { role: 'service_role' } as const;
    const args = { p_provider: 'google' as const, p_name: 'Ann', p_email: 'ann@example.test', p_picture_url: null };
    const first = await rpc('upsert_oauth_profile', { ...args, p_provider_account_id: 'g-1' }, service);
    const again = await rpc('upsert_oauth_profile', { ...args, p_provider_account_id: 'g-1' }, service);
    const otherAccountSameEmail = await rpc('upsert_oauth_profile', { ...args, p_provider_account_id: 'g-2' }, service);
    const otherProviderSameId = await rpc('upsert_oauth_profile', { ...args, p_provider: 'line', p_provider_account_id: 'g-1' }, service);
    expect(again.profileId).toBe(first.profileId);
    expect(otherAccountSameEmail.profileId).not.toBe(first.profileId);
    expect(otherProviderSameId.profileId).not.toBe(first.profileId);
  });
});
