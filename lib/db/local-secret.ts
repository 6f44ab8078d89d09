import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultDataDir } from './embedded';

const cached = new Map<string, string>();

/**
 * A secret for a local setup, generated once (32 random bytes) and kept in DATA_DIR/`name`,
 * so it survives restarts; two processes starting at once agree on one. Never used where
 * a real deployment must configure its own secret.
 */
export function localSecret(name: string): string {
  const file = path.join(defaultDataDir(), name);
  const known = cached.get(file);
  if (known) return known;
  try {
    cached.set(file, readFileSync(file, 'utf8').trim());
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    cached.set(file, readFileSync(file, 'utf8').trim());
  }
  return cached.get(file)!;
}
