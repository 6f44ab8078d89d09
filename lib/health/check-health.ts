import { rpc, serviceCaller } from '../db';
import { listMigrationFiles } from '../db/migrations';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  database: 'up' | 'down';
  migrations: { current: boolean; pending: string[] };
}

/** Whether the database answers and has every migration this build ships. */
export async function checkHealth(): Promise<HealthReport> {
  const expected = (await listMigrationFiles()).map((migration) => migration.version);
  let applied: string[];
  try {
    applied = await rpc('applied_migrations', {}, serviceCaller);
  } catch (error) {
    console.error('health: database check failed:', (error as Error).message);
    return { status: 'unavailable', database: 'down', migrations: { current: false, pending: expected } };
  }
  const done = new Set(applied);
  const pending = expected.filter((version) => !done.has(version));
  return {
    status: pending.length ? 'unavailable' : 'ok',
    database: 'up',
    migrations: { current: pending.length === 0, pending },
  };
}
