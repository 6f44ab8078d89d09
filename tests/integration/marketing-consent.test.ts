import { describe, expect, it } from 'vitest';
import { GET as consentsRoute } from '@/app/api/staff/profiles/[profileId]/marketing-consents/route';
import { GET as profileRoute, PUT as updateProfileRoute } from '@/app/api/vip/profile/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { rpc, serviceCaller } from '@/lib/db';
import { createProfile } from '../support/factories';
import { call, json } from '../support/http';
import { sql, sqlAs } from '../support/sql';
import { createStaffMember } from '../support/staff';

/**
 * Marketing consent is opt-in (Thailand's PDPA) and on the record: a new profile has marketing
 * off, and each change of the preference writes an append-only consent record in the same
 * transaction. Members read only their own records; nobody forges or rewrites one.
 */
const bearer = async (profileId: string) => ({ Authorization: `Bearer ${await issueSessionToken(profileId)}` });
const claims = (profileId: string) => ({ role: 'authenticated', sub: profileId, aud: 'authenticated' });
const put = async (profileId: string, body: unknown) => call(updateProfileRoute, 'PUT', '/api/vip/profile', { headers: await bearer(profileId), body });
const records = (profileId: string) => rpc('list_marketing_consents', { p_profile_id: profileId }, serviceCaller);

describe('marketing consent', () => {
  it('is off for a new profile, with nothing on record', async () => {
    const a = await createProfile();
    const profile = await json<{ marketingPreference: boolean }>(await call(profileRoute, 'GET', '/api/vip/profile', { headers: await bearer(a) }));
    expect(profile.marketingPreference).toBe(false);
    const [row] = await sql<{ marketing_preference: boolean }>('select marketing_preference from public.profiles where id = $1', [a]);
    expect(row!.marketing_preference).toBe(false);
    // The column's own default, for any other way a profile is made.
    const [column] = await sql<{ d: string }>(
      `select column_default as d from information_schema.columns where table_schema = 'public' and table_name = 'profiles' and column_name = 'marketing_preference'`,
    );
    expect(column!.d).toBe('false');
    expect(await records(a)).toEqual([]);
  });

  it('records each grant and withdrawal with its source and time, and nothing for an unchanged value', async () => {
    const a = await createProfile();
    const before = Date.now();
    expect((await put(a, { marketingPreference: true })).status).toBe(200);
    expect((await put(a, { marketingPreference: true })).status).toBe(200); // unchanged: no new record
    expect((await put(a, { display_name: 'Only The Name' })).status).toBe(200);
    expect((await put(a, { marketingPreference: false })).status).toBe(200);
    const history = await records(a);
    expect(history.map(({ granted, source }) => ({ granted, source }))).toEqual([
      { granted: true, source: 'vip_profile' },
      { granted: false, source: 'vip_profile' },
    ]);
    for (const record of history) {
      expect(Date.parse(record.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(record.recordedAt)).toBeLessThanOrEqual(Date.now() + 1000);
    }
    const [row] = await sql<{ marketing_preference: boolean }>('select marketing_preference from public.profiles where id = $1', [a]);
    expect(row!.marketing_preference).toBe(false);
  });

  it('a failed profile change records no consent (same transaction)', async () => {
    const a = await createProfile();
    // An email the table refuses rolls the whole change back, the consent record with it.
    await expect(
      sqlAs('authenticated', claims(a), `select public.update_vip_profile(p_email => 'not an email', p_marketing_preference => true)`),
    ).rejects.toMatchObject({ message: 'VALIDATION_ERROR' });
    expect(await records(a)).toEqual([]);
    const [row] = await sql<{ marketing_preference: boolean }>('select marketing_preference from public.profiles where id = $1', [a]);
    expect(row!.marketing_preference).toBe(false);
  });

  it('another member cannot read, forge or rewrite the records; members read only their own', async () => {
    const a = await createProfile();
    const b = await createProfile();
    await put(a, { marketingPreference: true });

    // A reads A's own record (RLS); B, straight at the table as B's REST client would, sees none of A's.
    expect(await sqlAs('authenticated', claims(a), 'select granted, source from public.marketing_consents')).toEqual([{ granted: true, source: 'vip_profile' }]);
    expect(await sqlAs('authenticated', claims(b), 'select id from public.marketing_consents where profile_id = $1', [a])).toEqual([]);
    expect(await sqlAs('anon', { role: 'anon' }, 'select id from public.marketing_consents').catch((error: { code: string }) => error.code)).toBe('42501');
    // Only the service role (behind a staff route) lists anyone's history.
    for (const [role, who] of [
      ['authenticated', claims(b)],
      ['anon', { role: 'anon' }],
    ] as const) {
      await expect(sqlAs(role, who, 'select public.list_marketing_consents($1)', [a])).rejects.toMatchObject({ code: '42501' });
    }

    // Forging: B writes a "consent" for A, or for B without changing the preference; the service role neither.
    await expect(
      sqlAs('authenticated', claims(b), `insert into public.marketing_consents (profile_id, granted, source) values ($1, false, 'vip_profile')`, [a]),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      sqlAs('authenticated', claims(b), `insert into public.marketing_consents (profile_id, granted, source) values ($1, true, 'vip_profile')`, [b]),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      sqlAs('service_role', { role: 'service_role' }, `insert into public.marketing_consents (profile_id, granted, source) values ($1, true, 'staff')`, [b]),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(sqlAs('authenticated', claims(a), 'update public.marketing_consents set granted = false')).rejects.toMatchObject({ code: '42501' });
    await expect(sqlAs('authenticated', claims(a), 'delete from public.marketing_consents')).rejects.toMatchObject({ code: '42501' });

    // Append-only even for the table's owner.
    await expect(sql('update public.marketing_consents set granted = false where profile_id = $1', [a])).rejects.toMatchObject({ code: 'PT403' });
    await expect(sql('delete from public.marketing_consents where profile_id = $1', [a])).rejects.toMatchObject({ code: 'PT403' });
    await expect(sql('truncate public.marketing_consents')).rejects.toMatchObject({ code: 'PT403' });
    expect(await records(a)).toMatchObject([{ granted: true, source: 'vip_profile' }]);
    expect(await records(b)).toEqual([]);
  });

  it('staff read a member’s record through GET /api/staff/profiles/{id}/marketing-consents; members and visitors cannot', async () => {
    const a = await createProfile();
    const b = await createProfile();
    await put(a, { marketingPreference: true });
    const path = `/api/staff/profiles/${a}/marketing-consents`;
    const asStaff = await call(consentsRoute, 'GET', path, { headers: (await createStaffMember('staff')).headers, params: { profileId: a } });
    expect(asStaff.status).toBe(200);
    expect(await json(asStaff)).toMatchObject({ consents: [{ granted: true, source: 'vip_profile' }] });
    // Another member, even A, is no staff: 403; nobody signed in: 401; a bad id: 400.
    expect((await call(consentsRoute, 'GET', path, { headers: await bearer(b), params: { profileId: a } })).status).toBe(403);
    expect((await call(consentsRoute, 'GET', path, { headers: await bearer(a), params: { profileId: a } })).status).toBe(403);
    expect((await call(consentsRoute, 'GET', path, { params: { profileId: a } })).status).toBe(401);
    const bad = await call(consentsRoute, 'GET', '/api/staff/profiles/nope/marketing-consents', { headers: (await createStaffMember('staff')).headers, params: { profileId: 'nope' } });
    expect(bad.status).toBe(400);
  });

  it('goes with its profile when the profile itself is erased', async () => {
    const a = await createProfile();
    await put(a, { marketingPreference: true });
    await sql('delete from public.profiles where id = $1', [a]);
    expect(await sql('select id from public.marketing_consents where profile_id = $1', [a])).toEqual([]);
  });
});
