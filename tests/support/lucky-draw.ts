import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { rpc, serviceCaller } from '../../lib/db';
import { createCustomer, randomSuffix } from './factories';
import { sql } from './sql';

/** The LINE channel the tests' LIFF app belongs to. */
export const TEST_CHANNEL_ID = '1650000000';
export const TEST_CHANNEL_SECRET = 'test-only-line-channel-secret-0123456789';

export const lineUserIdOf = () => `U${randomBytes(16).toString('hex')}`;

/** A LINE ID token signed with the channel secret (HS256), as LINE signs for some channels. */
export async function lineToken(
  sub: string,
  options: { secret?: string; audience?: string; issuer?: string; expiresIn?: string | number } = {},
): Promise<string> {
  return new SignJWT({ name: 'Test Golfer' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer(options.issuer ?? 'https://access.line.me')
    .setAudience(options.audience ?? TEST_CHANNEL_ID)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '10m')
    .sign(new TextEncoder().encode(options.secret ?? TEST_CHANNEL_SECRET));
}

/**
 * Ends every campaign and starts a fresh one with these prizes (name -> quantity), so a
 * test owns the active campaign.
 */
export async function freshCampaign(prizes: Record<string, number>): Promise<string> {
  await sql(`update public.lucky_draw_campaigns set ends_at = greatest(now(), starts_at + interval '1 millisecond') where ends_at > now()`);
  const [campaign] = await sql<{ id: string }>(
    `insert into public.lucky_draw_campaigns (name, starts_at, ends_at)
     values ($1, clock_timestamp() - interval '1 second', now() + interval '1 day') returning id`,
    [`Campaign ${randomSuffix()}`],
  );
  for (const [name, quantity] of Object.entries(prizes)) {
    await sql(
      `insert into public.lucky_draw_prizes (campaign_id, name, description, initial_quantity, remaining)
       values ($1, $2, $3, $4, $4)`,
      [campaign!.id, name, `${name} description`, quantity],
    );
  }
  return campaign!.id;
}

/** A customer linked to a LINE profile, with `draws` draws credited by 500 THB sales. */
export async function lineCustomer(draws: number): Promise<{ customerId: string; lineUserId: string; token: string }> {
  const customerId = await createCustomer();
  const lineUserId = lineUserIdOf();
  await sql(
    `insert into public.profiles (provider, provider_account_id, display_name, customer_id) values ('line', $1, 'LINE Golfer', $2)`,
    [lineUserId, customerId],
  );
  for (let i = 0; i < draws; i++) {
    await rpc('record_sales_transaction', { p_transaction_id: `T-${randomSuffix()}-${i}`, p_customer_id: customerId, p_amount_thb: 500 }, serviceCaller);
  }
  return { customerId, lineUserId, token: await lineToken(lineUserId) };
}

/** `count` linked LINE customers with one draw each, made in bulk SQL. */
export async function manyLineCustomers(count: number): Promise<Array<{ customerId: string; lineUserId: string }>> {
  const tag = randomSuffix();
  const rows = await sql<{ customer_id: string; line_user_id: string }>(
    `with c as (
       insert into public.customers (customer_code, name)
       select 'CUS-' || (9000000 + n + (random() * 1000000)::int * 1000)::text || lpad(n::text, 4, '0'), 'Bulk ' || $1 || ' ' || n
       from generate_series(1, $2::int) n
       returning id
     ), p as (
       insert into public.profiles (provider, provider_account_id, display_name, customer_id)
       select 'line', 'U' || md5(c.id::text), 'Bulk', c.id from c
       returning customer_id, provider_account_id
     )
     select customer_id, provider_account_id as line_user_id from p`,
    [tag, count],
  );
  await sql(
    `select public.record_sales_transaction('BULK-' || p.provider_account_id, p.customer_id, 600)
     from public.profiles p where p.customer_id = any($1::uuid[])`,
    [rows.map((row) => row.customer_id)],
  );
  return rows.map((row) => ({ customerId: row.customer_id, lineUserId: row.line_user_id }));
}
