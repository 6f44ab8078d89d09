import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { closeDatabase } from '../../lib/db';

/**
 * Each test file gets its own database, cloned from the migrated and seeded template,
 * and the app's database door points at it through DATABASE_URL.
 */
const adminUrl = inject('adminDatabaseUrl');
const template = inject('templateDatabase');
// Named after this run's template, so a run's teardown drops its own databases only.
const database = `${template.replace('golf_template_', 'golf_test_')}_${randomBytes(6).toString('hex')}`;

const admin = new pg.Client({ connectionString: adminUrl });
// The server going away (another run stopping it) must fail this file's tests, not crash the worker.
admin.on('error', (error) => console.error('test database admin connection:', error.message));
await admin.connect();
for (let attempt = 0; ; attempt++) {
  try {
    await admin.query(`create database ${database} template ${pg.escapeIdentifier(template)}`);
    break;
  } catch (error) {
    // Another file cloning the same template at this instant: try again shortly.
    if (attempt >= 20 || (error as pg.DatabaseError).code !== '55006') throw error;
    await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
  }
}

const url = new URL(adminUrl);
url.pathname = `/${database}`;
process.env.DATABASE_URL = url.toString();
// Run with REDIS_URL, the files share one Redis server: each counts its rate limits apart.
process.env.REDIS_KEY_PREFIX = `${database}:`;

afterAll(async () => {
  await closeDatabase();
  await admin.query(`drop database if exists ${database} with (force)`);
  await admin.end();
});
