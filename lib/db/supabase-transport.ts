import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { claimsOf, type Caller } from './caller';
import { DbError } from './errors';
import type { Transport } from './pg-transport';

export interface SupabaseSettings {
  url: string;
  serviceRoleKey: string;
  /** Signs member and anon tokens; without it member calls are refused. */
  jwtSecret?: string;
  /** Used for anonymous calls when no JWT secret is configured. */
  anonKey?: string;
  fetch?: typeof fetch;
}

/**
 * Calls SQL functions over PostgREST with supabase-js `.rpc()`. Service calls carry the
 * service role key; member and anonymous calls carry a short-lived JWT signed with the
 * project's JWT secret, so PostgREST applies the same role and claims as the pg transport.
 */
export function createSupabaseTransport(settings: SupabaseSettings): Transport {
  const client: SupabaseClient = createClient(settings.url, settings.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    db: { schema: 'public' },
    // Node 20 has no global WebSocket; realtime is unused but constructed.
    realtime: { transport: WebSocket as never },
    global: settings.fetch ? { fetch: settings.fetch } : undefined,
  });
  const secret = settings.jwtSecret ? new TextEncoder().encode(settings.jwtSecret) : undefined;

  async function bearerFor(caller: Caller): Promise<string> {
    if (caller.role === 'service_role') return settings.serviceRoleKey;
    if (secret) {
      return new SignJWT(claimsOf(caller))
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(secret);
    }
    if (caller.role === 'anon' && settings.anonKey) return settings.anonKey;
    throw new Error('SUPABASE_JWT_SECRET is required for calls made as a signed-in member');
  }

  return {
    async call(name, args, caller) {
      const bearer = await bearerFor(caller);
      const body = Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined));
      const { data, error, status } = await client
        .rpc(name, body)
        .setHeader('Authorization', `Bearer ${bearer}`)
        .setHeader('apikey', settings.anonKey ?? settings.serviceRoleKey);
      if (error) {
        // PostgREST already mapped the SQLSTATE to the HTTP status; a network failure has status 0.
        throw new DbError(status || 503, error.code || 'PGRST000', error.message, error.details || null, error.hint || null);
      }
      return data ?? null;
    },
    end: async () => undefined,
  };
}
