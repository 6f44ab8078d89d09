import { SignJWT } from 'jose';
import { loadHttp } from '../lib/http-load';
import type { BenchContext, ScenarioResult } from '../lib/scenario';
import { unexpectedStatuses } from '../lib/scenario';
import { settings } from '../lib/settings';
import { callFunction, measureSql, service } from '../lib/sql';

/** The LINE channel `next start` is given for the benchmark; tokens are signed HS256 with its secret. */
export const BENCH_LINE_CHANNEL = { id: '1650000000', secret: 'bench-only-line-channel-secret-0123456789' };

// The seed's prize mix, scaled to BENCH_PRIZES.
const MIX: Array<[string, number]> = [['Golf Hat', 40], ['Golf Marker', 35], ['Golf Balls', 50], ['Golf Towel', 30], ['Free Bay Hour', 25], ['Drink Voucher', 28]];

interface Spinner {
  customerId: string;
  lineUserId: string;
}

/**
 * Ends every running campaign and starts one with BENCH_PRIZES prizes, and BENCH_CUSTOMERS
 * linked LINE customers holding one draw each (earned through a sales transaction), so
 * the prizes run out before the draws do.
 */
async function prepareCampaign(context: BenchContext, label: string): Promise<{ campaignId: string; spinners: Spinner[] }> {
  await context.admin(`update public.lucky_draw_campaigns set ends_at = greatest(now(), starts_at + interval '1 millisecond') where ends_at > now()`);
  const [campaign] = await context.admin<{ id: string }>(
    `insert into public.lucky_draw_campaigns (name, starts_at, ends_at) values ($1, clock_timestamp() - interval '1 second', now() + interval '1 day') returning id`,
    [`Bench ${label}`],
  );
  const weight = MIX.reduce((sum, [, n]) => sum + n, 0);
  let left = settings.prizes;
  for (const [index, [name, n]] of MIX.entries()) {
    const quantity = index === MIX.length - 1 ? left : Math.floor((settings.prizes * n) / weight);
    left -= quantity;
    await context.admin('insert into public.lucky_draw_prizes (campaign_id, name, initial_quantity, remaining) values ($1, $2, $3, $3)', [campaign!.id, name, quantity]);
  }
  const spinners = await context.admin<Spinner>(
    `with c as (
       insert into public.customers (customer_code, name)
       select 'CUS-' || $1::text || lpad(n::text, 6, '0'), 'Spinner ' || n from generate_series(1, $2::int) n returning id
     ), p as (
       insert into public.profiles (provider, provider_account_id, display_name, customer_id)
       select 'line', 'U' || md5(c.id::text), 'Spinner', c.id from c returning customer_id, provider_account_id
     )
     select customer_id as "customerId", provider_account_id as "lineUserId" from p`,
    [label === 'sql' ? '7' : '8', settings.customers],
  );
  await context.admin(
    `select public.record_sales_transaction('BENCH-' || p.provider_account_id, p.customer_id, 800)
     from public.profiles p where p.customer_id = any($1::uuid[])`,
    [spinners.map((s) => s.customerId)],
  );
  return { campaignId: campaign!.id, spinners };
}

/** Awards past a prize's stock, and prizes or entitlements whose counters disagree with the rows: all must be 0. */
async function overAwards(context: BenchContext, campaignId: string) {
  const [row] = await context.admin<{ awarded: number; stock: number; prizes_miscounted: number; draws_miscounted: number }>(
    `select (select count(*)::int from public.lucky_draw_awards a join public.lucky_draw_prizes p on p.id = a.prize_id where p.campaign_id = $1) as awarded,
            (select sum(initial_quantity)::int from public.lucky_draw_prizes where campaign_id = $1) as stock,
            (select count(*)::int from public.lucky_draw_prizes p
               cross join lateral (select count(*) as n from public.lucky_draw_awards a where a.prize_id = p.id) awards
               where p.campaign_id = $1 and (awards.n > p.initial_quantity or awards.n <> p.initial_quantity - p.remaining)) as prizes_miscounted,
            (select count(*)::int from public.lucky_draw_entitlements e where e.campaign_id = $1
               and (e.draws_used > e.draws_earned
                    or e.draws_used <> (select count(*) from public.lucky_draw_spins s where s.customer_id = e.customer_id and s.campaign_id = $1))) as draws_miscounted`,
    [campaignId],
  );
  return { ...row!, overAwarded: Math.max(0, row!.awarded - row!.stock) + row!.prizes_miscounted + row!.draws_miscounted };
}

/**
 * Lucky-draw spins by many customers at once. SQL alone: every spinner's spin_lucky_draw
 * from BENCH_POOL connections. HTTP: a second campaign, POST /api/liff/spin once per
 * spinner, each with their own LINE ID token, so each request verifies a token, counts a
 * rate-limit hit and spins. A spin locks only the prize it picked (its decrement), so spins of one prize queue.
 */
export async function spins(context: BenchContext): Promise<ScenarioResult> {
  const sqlCampaign = await prepareCampaign(context, 'sql');
  const sql = await measureSql(context.dataset.connectionString, { clients: settings.pool, total: sqlCampaign.spinners.length },
    (client, n) => callFunction(client, service, 'spin_lucky_draw', { p_customer_id: sqlCampaign.spinners[n]!.customerId, p_line_user_id: sqlCampaign.spinners[n]!.lineUserId }));
  const sqlIntegrity = await overAwards(context, sqlCampaign.campaignId);

  const httpCampaign = await prepareCampaign(context, 'http');
  const secret = new TextEncoder().encode(BENCH_LINE_CHANNEL.secret);
  const requests = await Promise.all(
    httpCampaign.spinners.map(async ({ customerId, lineUserId }) => ({
      body: JSON.stringify({ customerId, lineUserId }),
      headers: {
        authorization: `Bearer ${await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(lineUserId).setIssuer('https://access.line.me')
          .setAudience(BENCH_LINE_CHANNEL.id).setIssuedAt().setExpirationTime('1h').sign(secret)}`,
      },
    })),
  );
  await context.resetRateLimits();
  const http = await loadHttp({
    url: `${context.baseUrl}/api/liff/spin`,
    method: 'POST',
    connections: settings.connections,
    amount: requests.length,
    request: (n) => requests[n % requests.length]!,
  });
  const httpIntegrity = await overAwards(context, httpCampaign.campaignId);
  const overAwarded = sqlIntegrity.overAwarded + httpIntegrity.overAwarded;
  return {
    id: 'spins',
    title: `Lucky-draw spins, ${settings.customers} customers for ${settings.prizes} prizes`,
    dataset: context.dataset.name,
    bookingsInTable: context.dataset.bookings,
    http,
    sql,
    sqlContended: true,
    invariant: { label: 'over-awards', value: overAwarded, ok: overAwarded === 0, fatal: overAwarded !== 0 },
    notes: { sqlOutcomes: sql.outcomes, http: httpIntegrity, sqlCampaign: sqlIntegrity, otherThan200or409: unexpectedStatuses(http, [200, 409]) },
  };
}
