import { issueSessionToken } from '../../lib/auth/session-token';
import { BOOKINGS_PER_MEMBER, type Member } from '../lib/dataset';
import { loadHttp } from '../lib/http-load';
import type { BenchContext, ScenarioResult } from '../lib/scenario';
import { unexpectedStatuses } from '../lib/scenario';
import { settings } from '../lib/settings';
import { callFunction, measureSql, member, type SqlWork } from '../lib/sql';

/** The spec's default page size. */
export const PAGE_SIZE = 10;
export const LAST_PAGE = Math.ceil(BOOKINGS_PER_MEMBER / PAGE_SIZE);

const pageArgs = (page: 'first' | 'deep') => ({ p_filter: 'all', p_page: page === 'first' ? 1 : LAST_PAGE, p_limit: PAGE_SIZE });

/** SQL alone: get_my_bookings of one page, as each member in turn (row level security deciding). */
export const vipBookingsSql = (members: Member[], page: 'first' | 'deep'): SqlWork => {
  const args = pageArgs(page);
  return (client, n) => callFunction(client, member(members[n % members.length]!.profileId), 'get_my_bookings', args);
};

/** How often the rate-limit counters are emptied during a VIP run. */
const CLEAR_EVERY_MS = 250;

/**
 * Runs `load` while the rate-limit counters are emptied every CLEAR_EVERY_MS. The VIP limit
 * is per member (60 a minute): the data set's members would be stopped after about 1,100
 * requests, a run of a second or two that measured mostly its own ramp-up and drain (550-600
 * req/s in runs of 2026-12-04, where 10 s runs held 720-880). Each request still counts its hit
 * (the same Redis script), and no member comes near the limit between two clears below 60 ×
 * members × 1000 / CLEAR_EVERY_MS req/s (4,800 for 20); a 429 would count as a wrong answer.
 */
async function clearingRateLimits<T>(context: BenchContext, load: () => Promise<T>): Promise<T> {
  let running = true;
  const clearing = (async () => {
    while (running) {
      await context.resetRateLimits();
      await new Promise((resolve) => setTimeout(resolve, CLEAR_EVERY_MS));
    }
  })();
  try {
    return await load();
  } finally {
    running = false;
    await clearing;
  }
}

/**
 * GET /api/vip/bookings?filter=all for members with BOOKINGS_PER_MEMBER bookings each: the
 * first page, or the last (deepest) one, requests rotating over the data set's members; a
 * warm-up, then a timed run, as in every scenario (see clearingRateLimits). In SQL each page is
 * get_my_bookings's count (index-only over the member's two owner indexes) and a page read in
 * the list's order only as far as its end: page 1 reads about ten entries of each index, the last
 * page all of them (migrations 20261202110000, 20261202110010); only the page's rows are read
 * from the table, so the deep page tells what a member's whole history costs.
 */
export async function vipBookings(context: BenchContext, page: 'first' | 'deep'): Promise<ScenarioResult> {
  const pageNumber = page === 'first' ? 1 : LAST_PAGE;
  const { members } = context.dataset;
  const url = `${context.baseUrl}/api/vip/bookings?filter=all&limit=${PAGE_SIZE}&page=${pageNumber}`;
  const tokens = await Promise.all(members.map((m) => issueSessionToken(m.profileId)));
  const args = pageArgs(page);

  // Every member must see exactly their own bookings (RLS through profile and customer record).
  const counts: number[] = [];
  for (const m of members) {
    const result = (await context.call(member(m.profileId), 'get_my_bookings', args)) as { pagination: { totalCount: number } };
    counts.push(result.pagination.totalCount);
  }
  const complete = counts.filter((count) => count === BOOKINGS_PER_MEMBER).length;

  let n = 0;
  const request = () => ({ headers: { authorization: `Bearer ${tokens[n++ % tokens.length]}` } });
  const http = await clearingRateLimits(context, async () => {
    await loadHttp({ url, connections: settings.connections, durationSeconds: settings.warmupSeconds, request });
    return loadHttp({ url, connections: settings.connections, durationSeconds: settings.durationSeconds, request });
  });

  const sql = await measureSql(context.dataset.connectionString, { clients: settings.sqlClients, durationSeconds: settings.sqlDurationSeconds }, vipBookingsSql(members, page));
  const wrong = unexpectedStatuses(http, [200]);
  return {
    id: page === 'first' ? 'vip-bookings' : 'vip-bookings-deep',
    title: page === 'first' ? `VIP bookings list, page 1 of ${LAST_PAGE}` : `VIP bookings list, page ${LAST_PAGE} of ${LAST_PAGE}`,
    dataset: context.dataset.name,
    bookingsInTable: context.dataset.bookings,
    http,
    sql,
    invariant: {
      label: `members seeing exactly their ${BOOKINGS_PER_MEMBER} bookings`,
      value: `${complete} of ${members.length}`,
      ok: complete === members.length && wrong === 0,
      fatal: complete !== members.length,
    },
    notes: { otherThan200: wrong },
  };
}
