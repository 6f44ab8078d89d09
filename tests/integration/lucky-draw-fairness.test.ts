import { describe, expect, it } from 'vitest';
import { DbError, rpc, serviceCaller } from '@/lib/db';
import { freshCampaign, manyLineCustomers } from '../support/lucky-draw';
import { sql } from '../support/sql';

/** Chi-square critical values by degrees of freedom: p = 0.001 (the test's significance) and p = 1e-6. */
const CRITICAL_0_001: Record<number, number> = { 1: 10.828, 2: 13.816, 3: 16.266, 4: 18.467, 5: 20.515, 6: 22.458 };
const CRITICAL_1E_6: Record<number, number> = { 1: 23.928, 2: 27.631, 3: 30.665, 4: 33.377, 5: 35.888, 6: 38.258 };

interface Simulated { prize_id: string; remaining: number; picks: number }

async function simulate(campaignId: string, picks: number, seed: number | null): Promise<Simulated[]> {
  return sql<Simulated>('select * from app_private.simulate_prize_picks($1, $2, $3)', [campaignId, picks, seed]);
}

/** Pearson's chi-square of observed picks against remaining/total, over prizes still in stock. */
function chiSquare(rows: Simulated[]): { statistic: number; df: number } {
  const stocked = rows.filter((row) => row.remaining > 0);
  const total = stocked.reduce((sum, row) => sum + row.remaining, 0);
  const picks = rows.reduce((sum, row) => sum + row.picks, 0);
  const statistic = stocked.reduce((sum, row) => {
    const expected = (picks * row.remaining) / total;
    return sum + (row.picks - expected) ** 2 / expected;
  }, 0);
  return { statistic, df: stocked.length - 1 };
}

const inventory = (campaignId: string) =>
  sql<{ id: string; remaining: number }>('select id, remaining from public.lucky_draw_prizes where campaign_id = $1 order by id', [campaignId]);

describe('the weighted pick', () => {
  it('picks with probability remaining/total over 20,000 simulated picks (chi-square, p = 0.001, fixed seed), changing no stock', async () => {
    const campaignId = await freshCampaign({ 'Golf Hat': 40, 'Golf Marker': 35, Balls: 50, Towel: 30, 'Bay Hour': 25, Drink: 28 });
    const before = await inventory(campaignId);
    const rows = await simulate(campaignId, 20_000, 0.42);
    expect(rows.reduce((sum, row) => sum + row.picks, 0)).toBe(20_000);
    const { statistic, df } = chiSquare(rows);
    expect(df).toBe(5);
    expect(statistic).toBeLessThan(CRITICAL_0_001[df]!);
    expect(await inventory(campaignId)).toEqual(before);

    // The production ticket source (gen_random_bytes, rejection sampled) too, at p = 1e-6 as it is not seeded.
    const crypto = chiSquare(await simulate(campaignId, 10_000, null));
    expect(crypto.statistic).toBeLessThan(CRITICAL_1E_6[crypto.df]!);
  });

  it('re-weights as stock runs out: a prize at zero is never picked, the rest follow their new remaining', async () => {
    const campaignId = await freshCampaign({ A: 40, B: 30, C: 20, D: 10 });
    await sql(`update public.lucky_draw_prizes set remaining = 0 where campaign_id = $1 and name = 'A'`, [campaignId]);
    await sql(`update public.lucky_draw_prizes set remaining = 2 where campaign_id = $1 and name = 'B'`, [campaignId]);
    const rows = await simulate(campaignId, 16_000, -0.17);
    const byName = new Map(
      (await sql<{ id: string; name: string }>('select id, name from public.lucky_draw_prizes where campaign_id = $1', [campaignId])).map((p) => [p.id, p.name]),
    );
    const picks = Object.fromEntries(rows.map((row) => [byName.get(row.prize_id), row.picks]));
    expect(picks.A).toBe(0);
    // B now has 2 of 32 tickets: about 1,000 of 16,000.
    expect(picks.B).toBeGreaterThan(800);
    expect(picks.B).toBeLessThan(1200);
    const { statistic, df } = chiSquare(rows);
    expect(df).toBe(2);
    expect(statistic).toBeLessThan(CRITICAL_0_001[df]!);
  });

  it('maps tickets to prizes exactly by cumulative remaining', async () => {
    const [row] = await sql<{ picks: number[] }>(
      `select array_agg(app_private.pick_weighted_index(array[2, 0, 3], t) order by t) as picks from generate_series(0, 5) t`,
    );
    expect(row!.picks).toEqual([1, 1, 3, 3, 3, null]);
  });
});

describe('spins under load', () => {
  it('300 customers spinning at once against 208 prizes: exactly 208 awarded, every remaining at 0, 92 told no prizes', async () => {
    const campaignId = await freshCampaign({ 'Golf Hat': 40, 'Golf Marker': 35, Balls: 50, Towel: 30, 'Bay Hour': 25, Drink: 28 });
    const customers = await manyLineCustomers(300);
    const outcomes = await Promise.all(
      customers.map(({ customerId, lineUserId }) =>
        rpc('spin_lucky_draw', { p_customer_id: customerId, p_line_user_id: lineUserId }, serviceCaller).then(
          () => 'won',
          (error: unknown) => (error instanceof DbError ? error.message : String(error)),
        ),
      ),
    );
    const counts = outcomes.reduce<Record<string, number>>((acc, outcome) => ({ ...acc, [outcome]: (acc[outcome] ?? 0) + 1 }), {});
    expect(counts).toEqual({ won: 208, NO_PRIZES_AVAILABLE: 92 });
    expect((await inventory(campaignId)).map((prize) => prize.remaining)).toEqual([0, 0, 0, 0, 0, 0]);
    const [awarded] = await sql<{ by_prize: Record<string, number>; codes: string; awards: string }>(
      `select (select jsonb_object_agg(p.name, (select count(*) from public.lucky_draw_awards a where a.prize_id = p.id))
               from public.lucky_draw_prizes p where p.campaign_id = $1) as by_prize,
              (select count(distinct redemption_code) from public.lucky_draw_awards a join public.lucky_draw_prizes p on p.id = a.prize_id where p.campaign_id = $1) as codes,
              (select count(*) from public.lucky_draw_awards a join public.lucky_draw_prizes p on p.id = a.prize_id where p.campaign_id = $1) as awards`,
      [campaignId],
    );
    expect(awarded).toEqual({
      by_prize: { 'Golf Hat': 40, 'Golf Marker': 35, Balls: 50, Towel: 30, 'Bay Hour': 25, Drink: 28 },
      codes: '208',
      awards: '208',
    });
    // The 92 losers kept their draw.
    const [left] = await sql<{ draws: string }>(
      `select sum(public.get_customer_draws(c)) as draws from unnest($1::uuid[]) c`,
      [customers.map((c) => c.customerId)],
    );
    expect(left!.draws).toBe('92');
  });
});
