import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { authOptions } from '@/lib/auth/options';

/**
 * The portal is for signed-in members: without a session, off to sign in and back to `path`.
 * (The API checks every call too; this only spares a signed-out visitor an empty page.)
 */
export async function requireMember(path: string): Promise<void> {
  const session = await getServerSession(authOptions()).catch(() => null);
  if (!session?.user) redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
}
