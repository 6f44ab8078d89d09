import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth/options';

/** The user signed in on this request (NextAuth's session cookie; `id` is the profile id), or null: a broken or expired cookie counts as signed out. */
export async function sessionUser(): Promise<{ id?: string; name?: string | null; email?: string | null } | null> {
  return (await getServerSession(authOptions()).catch(() => null))?.user ?? null;
}
