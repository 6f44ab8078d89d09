import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { databaseMode } from '../db';
import { defaultDataDir } from '../db/embedded';

let cached: string | undefined;

/**
 * The secret that signs and encrypts session tokens. NEXTAUTH_SECRET in any real
 * deployment. Outside production, and on the embedded default (a local machine with no
 * configuration), one is generated once and kept under DATA_DIR, so sessions survive restarts.
 */
export function authSecret(): string {
  if (cached) return cached;
  const configured = process.env.NEXTAUTH_SECRET;
  if (configured) return (cached = configured);
  if (process.env.NODE_ENV === 'production' && databaseMode() !== 'embedded') {
    throw new Error('NEXTAUTH_SECRET must be set in production when the app uses DATABASE_URL or Supabase');
  }
  const file = path.join(defaultDataDir(), 'auth-secret');
  try {
    cached = readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    cached = readFileSync(file, 'utf8').trim();
  }
  return cached;
}
