/**
 * npm run db:migrate  – applies pending migrations to the configured database
 * npm run db:reset    – drops and recreates the database, then migrates and seeds
 *
 * With DATABASE_URL it works on that database; without, on the embedded server under
 * DATA_DIR. Reset refuses a non-local server unless --force is given.
 */
import pg from 'pg';
import { startEmbeddedServer } from '../lib/db/embedded';
import { applyMigrations, applySeed } from '../lib/db/migrations';

async function main() {
  const command = process.argv[2];
  if (command !== 'migrate' && command !== 'reset') throw new Error('usage: tsx scripts/db.ts migrate|reset [--force]');
  if (process.env.SUPABASE_URL && !process.env.DATABASE_URL) {
    throw new Error('On Supabase run `supabase db push` (or set DATABASE_URL to the database connection string).');
  }
  const url = process.env.DATABASE_URL ?? (await startEmbeddedServer()).connectionString;

  if (command === 'reset') {
    const target = new URL(url);
    const local = ['localhost', '127.0.0.1', '::1'].includes(target.hostname);
    if (!local && !process.argv.includes('--force')) throw new Error(`Refusing to reset ${target.hostname}; pass --force`);
    const database = decodeURIComponent(target.pathname.slice(1));
    const adminUrl = new URL(url);
    adminUrl.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`drop database if exists ${pg.escapeIdentifier(database)} with (force)`);
    await admin.query(`create database ${pg.escapeIdentifier(database)}`);
    await admin.end();
  }

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const applied = await applyMigrations(client);
    console.log(applied.length ? `applied ${applied.join(', ')}` : 'migrations are current');
    if (command === 'reset') {
      await applySeed(client);
      console.log('seeded');
    }
  } finally {
    await client.end();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
