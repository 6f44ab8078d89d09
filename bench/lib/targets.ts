import type { ScaleRow } from './report';
import type { ScenarioResult } from './scenario';

/** The trivial route every scenario is compared with: Next.js's floor, no database (410 Gone). */
export const TRIVIAL_ROUTE = '/api/crm/profile';

/** One-connection latencies, requests back to back: what a single user waits on an idle machine. */
export interface Unloaded {
  /** The trivial route the same way: the framework's own floor at that moment. */
  trivialP50?: number;
  /** The trivial route through Node's fetch (how runs before 2026-12-03 measured every unloaded latency): the client's own cost shows in the difference. */
  trivialFetchP50?: number;
  /** One durable commit alone (`begin; insert; commit`, one connection): the disk flush every booking waits for at least once. */
  commitP50?: number;
  availabilityP50: number;
  availabilityRequests: number;
  bookingP50: number;
  bookingRequests: number;
}

export interface TargetCheck {
  target: string;
  measured: string;
  pass: boolean;
}

/** requests/s of a scenario over the trivial route's, measured just before it in the same run. */
export const shareOfTrivial = (r: ScenarioResult) =>
  r.baseline && r.baseline.requestsPerSecond > 0 ? r.http.requestsPerSecond / r.baseline.requestsPerSecond : Number.NaN;

const percent = (share: number) => (Number.isFinite(share) ? `${Math.round(share * 100)}%` : 'not measured');

/** The targets of issue 17, each checked against this run. */
export function checkTargets(results: ScenarioResult[], scale: ScaleRow[], unloaded: Unloaded | undefined): TargetCheck[] {
  const small = (id: string) => results.find((r) => r.dataset === 'small' && r.id === id);
  const checks: TargetCheck[] = [];
  const share = (id: string, title: string, minimum: number, invariant = false) => {
    const r = small(id);
    const value = r ? shareOfTrivial(r) : Number.NaN;
    const invariantText = invariant && r ? `; ${r.invariant.label}: ${r.invariant.value}` : '';
    checks.push({
      target: `${title}: at least ${minimum * 100}% of the trivial route's requests/s${invariant ? ` (${r?.invariant.label ?? 'invariant'} 0)` : ''}`,
      measured: `${percent(value)}${r ? ` (${r.http.requestsPerSecond} of ${r.baseline?.requestsPerSecond ?? '?'} req/s)` : ''}${invariantText}`,
      pass: value >= minimum && (!invariant || Boolean(r?.invariant.ok)),
    });
  };
  share('availability', 'GET /api/availability', 0.8);
  share('availability-etag', 'GET /api/availability with If-None-Match (304)', 0.9);
  share('vip-bookings', 'VIP bookings list (page 1)', 0.7);
  share('vip-bookings-deep', 'VIP bookings list (last page)', 0.7);
  share('bookings-spread', 'Booking creation', 0.35, true);
  share('spins', 'Lucky-draw spins', 0.5, true);
  const sql = (id: string, title: string, maximum: number) => {
    const p50 = small(id)?.sql.p50 ?? Number.NaN;
    checks.push({ target: `SQL alone: ${title} p50 at most ${maximum} ms`, measured: Number.isFinite(p50) ? `${p50} ms` : 'not measured', pass: p50 <= maximum });
  };
  sql('availability', 'get_availability', 0.5);
  sql('bookings-spread', `create_booking${unloaded?.commitP50 === undefined ? '' : ` (a durable commit alone: ${unloaded.commitP50} ms)`}`, 2);
  for (const row of scale) {
    checks.push({ target: `${row.title}: 1M-bookings latency within 1.5× of 10k`, measured: `SQL ${row.sqlRatio}×, HTTP ${row.httpRatio}×`, pass: row.withinLimit });
  }
  const latency = (title: string, value: number | undefined, maximum: number) =>
    checks.push({ target: `Unloaded (one connection): ${title} p50 at most ${maximum} ms`, measured: value === undefined ? 'not measured' : `${value} ms`, pass: (value ?? Number.NaN) <= maximum });
  latency(`availability${unloaded?.trivialP50 === undefined ? '' : ` (trivial route: ${unloaded.trivialP50} ms)`}`, unloaded?.availabilityP50, 2);
  latency('guest booking creation (recording adapters)', unloaded?.bookingP50, 20);
  return checks;
}
