import { databaseMode } from '@/lib/db';

/**
 * Whether /dev/outbox may show the recorded messages: always outside production, and in
 * production only on the embedded default database (a local demo, never real customers).
 */
export function devOutboxVisible(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NODE_ENV !== 'production') return true;
  try {
    return databaseMode(env) === 'embedded';
  } catch {
    return false;
  }
}
