import path from 'node:path';
import pg from 'pg';
import { startEmbeddedServer } from '../../lib/db/embedded';

/**
 * Sets (or with null, clears) app_private.frozen_clock in the e2e app's embedded database
 * (.data/e2e, started by the app: this finds the running server, it never starts one).
 */
export async function freezeVenueClock(instant: string | null): Promise<void> {
  const server = await startEmbeddedServer(path.resolve('.data/e2e'), () => undefined);
  if (server.owner) {
    await server.stop();
    throw new Error('The e2e app was not running: its database was started here instead');
  }
  const client = new pg.Client({ connectionString: server.connectionString });
  await client.connect();
  try {
    await client.query('delete from app_private.frozen_clock');
    if (instant) await client.query('insert into app_private.frozen_clock (frozen_at) values ($1)', [instant]);
  } finally {
    await client.end();
  }
}
