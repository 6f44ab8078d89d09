import { isProductionDeployment } from '../config/deployment';
import { localSecret } from '../db/local-secret';

/**
 * The secret that signs and encrypts session tokens. NEXTAUTH_SECRET in any real
 * deployment. Outside production, and on the embedded default (a local machine with no
 * configuration), one is generated once and kept under DATA_DIR, so sessions survive restarts.
 */
export function authSecret(): string {
  const configured = process.env.NEXTAUTH_SECRET;
  if (configured) return configured;
  if (isProductionDeployment()) {
    throw new Error('NEXTAUTH_SECRET must be set in production when the app uses DATABASE_URL or Supabase');
  }
  return localSecret('auth-secret');
}
