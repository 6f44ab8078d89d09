import { rpc, serviceCaller } from '../db';
import { listMigrationFiles } from '../db/migrations';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  database: 'up' | 'down';
  migrations: { current: boolean; pending: string[] };
  /** When this process last checked (ISO 8601): answers within HEALTH_CACHE_MS of it share the check. */
  checkedAt: string;
}

/**
 * How long one check's answer is reused by this process (ms). Health reads the migration
 * files and queries the database; monitors, load balancers and anyone else calling it
 * share one check a second instead of each costing one.
 */
export const HEALTH_CACHE_MS = 1000;

let latest: { startedAt: number; report: Promise<HealthReport> } | null = null;

/** checkHealth's answer, at most HEALTH_CACHE_MS old; concurrent callers wait for the same check. */
export function currentHealth(): Promise<HealthReport> {
  const now = Date.now();
  if (latest && now - latest.startedAt < HEALTH_CACHE_MS) return latest.report;
  const report = checkHealth();
  const entry = { startedAt: now, report };
  latest = entry;
  // A check that failed outright (unreadable migration files) is not kept.
  report.catch(() => {
    if (latest === entry) latest = null;
  });
  return report;
}

/** Whether the database answers and has every migration this build ships. */
export async function checkHealth(): Promise<HealthReport> {
  const checkedAt = new Date().toISOString();
  const expected = (await listMigrationFiles()).map((migration) => migration.version);
  let applied: string[];
  try {
    applied = await rpc('applied_migrations', {}, serviceCaller);
  } catch (error) {
    console.error('health: database check failed:', (error as Error).message);
    return { status: 'unavailable', database: 'down', migrations: { current: false, pending: expected }, checkedAt };
  }
  const done = new Set(applied);
  const pending = expected.filter((version) => !done.has(version));
  return {
    status: pending.length ? 'unavailable' : 'ok',
    database: 'up',
    migrations: { current: pending.length === 0, pending },
    checkedAt,
  };
}
