import { callApi } from '@/components/api/client-fetch';

/**
 * The browser's concierge VIP session (POST /api/vip/sessions), kept in localStorage so it
 * survives reloads and new tabs for its 24 hours, and re-validated on every page load.
 */
export interface StoredVipSession {
  token: string;
  expiresAt: string;
  isDemo: boolean;
  code: string | null;
  conciergeName: string | null;
  hotelName: string | null;
}

const STORAGE_KEY = 'vip-session';
/** Fired on window whenever the stored session changes. */
export const VIP_SESSION_EVENT = 'vip-session-change';

// With storage off (private mode) the session lasts as long as the page, here.
let inMemory: string | null = null;

const storedText = () => {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return inMemory;
  }
};

export function readVipSession(): StoredVipSession | null {
  try {
    const stored = storedText();
    if (!stored) return null;
    const session = JSON.parse(stored) as StoredVipSession;
    return Date.parse(session.expiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function writeVipSession(session: StoredVipSession | null): void {
  inMemory = session ? JSON.stringify(session) : null;
  try {
    if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage off (private mode): inMemory keeps it.
  }
  window.dispatchEvent(new Event(VIP_SESSION_EVENT));
}

/** Calls `onChange` whenever the stored session changes (for useSyncExternalStore). */
export function subscribeVipSession(onChange: () => void): () => void {
  window.addEventListener(VIP_SESSION_EVENT, onChange);
  return () => window.removeEventListener(VIP_SESSION_EVENT, onChange);
}

/** The live stored session as JSON text, or null: a snapshot that stays equal while the session does. */
export function vipSessionSnapshot(): string | null {
  const session = readVipSession();
  return session ? JSON.stringify(session) : null;
}

interface VipCodeBody {
  code: string;
  concierge: { name: string; hotel_name: string };
}

/** The session a create or validate answer describes. */
function fromApi(token: string, data: { expires_at?: string; session?: { expires_at: string }; is_demo: boolean; vip_code?: VipCodeBody }): StoredVipSession {
  return {
    token,
    expiresAt: data.expires_at ?? data.session?.expires_at ?? new Date(Date.now() + 24 * 3600_000).toISOString(),
    isDemo: data.is_demo,
    code: data.vip_code?.code ?? null,
    conciergeName: data.vip_code?.concierge.name ?? null,
    hotelName: data.vip_code?.concierge.hotel_name ?? null,
  };
}

export type OpenOutcome = { kind: 'opened'; session: StoredVipSession } | { kind: 'invalid' } | { kind: 'failed' };

/** Opens a session from a concierge's code (an unknown code opens a demo session). */
export async function openVipSession(code: string): Promise<OpenOutcome> {
  const result = await callApi<{ data: { session_token: string; expires_at: string; is_demo: boolean; vip_code?: VipCodeBody } }>('/api/vip/sessions', {
    method: 'POST',
    body: { vip_code: code },
  });
  if (result.status === 422) return { kind: 'invalid' };
  if (!result.ok) return { kind: 'failed' };
  try {
    const { data } = result.data;
    return { kind: 'opened', session: fromApi(data.session_token, data) };
  } catch {
    return { kind: 'failed' };
  }
}

/** Re-validates a stored session: the fresh session, null when it ended, or the old one when offline. */
export async function revalidateVipSession(session: StoredVipSession): Promise<StoredVipSession | null> {
  const result = await callApi<{ data: { is_demo: boolean; session: { expires_at: string }; vip_code?: VipCodeBody } }>('/api/vip/sessions/validate', {
    method: 'POST',
    body: { session_token: session.token },
  });
  if (result.status === 401 || result.status === 422) return null;
  if (!result.ok) return session;
  try {
    return fromApi(session.token, result.data.data);
  } catch {
    return session;
  }
}
