import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedServer } from '../../lib/db/embedded';
import { applyMigrations, applySeed } from '../../lib/db/migrations';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A connection string to the test server's maintenance database. */
    adminDatabaseUrl: string;
    /** The migrated and seeded database each test file clones. */
    templateDatabase: string;
  }
}

const localHosts = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * Starts the test PostgreSQL server (embedded, or TEST_DATABASE_URL's server) and builds a
 * template database with every migration and the seed; each test file clones it.
 */
export default async function setup(project: TestProject) {
  let serverUrl: string;
  let stopServer = async () => undefined as void;
  if (process.env.TEST_DATABASE_URL) {
    serverUrl = process.env.TEST_DATABASE_URL;
    const host = new URL(serverUrl).hostname;
    if (!localHosts.has(host) && process.env.TEST_ALLOW_REMOTE_DATABASE !== '1') {
      throw new Error(`Tests create and drop databases; refusing non-local TEST_DATABASE_URL host ${host}`);
    }
  } else {
    const dataDir = path.resolve(process.env.TEST_DATA_DIR || '.data/test');
    const server = await startEmbeddedServer(dataDir, () => undefined);
    serverUrl = server.connectionString;
    stopServer = server.stop;
  }

  const adminUrl = withDatabase(serverUrl, 'postgres');
  const templateDatabase = `golf_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${templateDatabase} with (force)`);
  await admin.query(`create database ${templateDatabase}`);
  const template = new pg.Client({ connectionString: withDatabase(serverUrl, templateDatabase) });
  await template.connect();
  await applyMigrations(template);
  await applySeed(template);
  await template.end();

  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    // Databases a crashed file of this run left behind go with the template (another run's stay).
    const { rows } = await admin.query<{ datname: string }>(
      `select datname from pg_database where starts_with(datname, $2) or datname = $1`,
      [templateDatabase, `golf_test_${process.pid}_`],
    );
    for (const { datname } of rows) await admin.query(`drop database if exists ${pg.escapeIdentifier(datname)} with (force)`);
    await admin.end();
    await stopServer();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
