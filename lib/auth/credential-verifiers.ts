import type { CredentialVerifiers } from '../http/credentials';
import { AppError } from '../http/errors';
import { carriesSecret } from '../http/secrets';
import { lineUserOf } from './verify-line-token';
import { profileIdOf } from './session-token';
import { adminOf } from './verify-admin';
import { staffOf } from './verify-staff';

/**
 * Every credential kind a route contract can declare (`auth`), how it is checked and what it
 * proves to the handler. The route wrapper (lib/http/route.ts) calls only the one its contract
 * names, before it reads the body.
 */
export const credentialVerifiers = {
  none: async () => ({}),
  /** A member session (cookie or Bearer) when one is presented and valid; a guest otherwise. */
  optional: async (request: Request) => ({ profileId: await profileIdOf(request) }),
  member: async (request: Request) => {
    const profileId = await profileIdOf(request);
    if (!profileId) throw new AppError('AUTH_REQUIRED');
    return { profileId };
  },
  /** A LINE ID token (`Authorization: Bearer`), verified offline: the LINE user id is its `sub`. */
  line: async (request: Request) => ({ lineUserId: await lineUserOf(request) }),
  /** A signed-in staff account (verified email; staff or admin); its profile keys the rate limit. */
  staff: async (request: Request) => {
    const staff = await staffOf(request);
    return { staff, profileId: staff.profileId };
  },
  admin: async (request: Request) => ({ admin: await adminOf(request) }),
  system: (request: Request) => machine(request, 'system'),
  cron: (request: Request) => machine(request, 'cron'),
} satisfies CredentialVerifiers;

/** A machine caller: `Authorization: Bearer` its own secret (lib/http/secrets.ts). */
async function machine<K extends 'system' | 'cron'>(request: Request, kind: K): Promise<{ machine: K }> {
  if (!(await carriesSecret(request, kind))) throw new AppError('AUTH_REQUIRED');
  return { machine: kind };
}
