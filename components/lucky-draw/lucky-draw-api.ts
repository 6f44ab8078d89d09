/** What the LIFF screen reads from and sends to the lucky-draw API, with a LINE ID token. */
import { callApi, type CallOptions } from '@/components/api/client-fetch';

export interface LiffMe {
  lineUserId: string;
  customerId: string | null;
  displayName: string | null;
}

export interface CampaignStatus {
  totalPrizes: number;
  prizesRemaining: number;
  prizesAwarded: number;
  campaignActive: boolean;
  prizeBreakdown: { prize_name: string; prize_name_th?: string | null; initial_quantity: number; remaining: number; awarded: number }[];
}

export interface WonPrize {
  id: string;
  prize_name: string;
  prize_name_th?: string | null;
  prize_description: string;
  prize_description_th?: string | null;
  redemption_code: string;
  spin_timestamp: string;
  is_redeemed: boolean;
  redeemed_at: string | null;
  redeemed_by_staff_name: string | null;
  draw_sequence: number;
}

export interface CustomerStatus {
  draws_available: number;
  campaignActive: boolean;
  prizes: WonPrize[];
}

export interface SpinResult {
  success: true;
  prize: string;
  prizeTh?: string | null;
  prizeDescription: string;
  prizeDescriptionTh?: string | null;
  redemptionCode: string;
  drawsRemaining: number;
  prizeId: string;
}

/** A failed call, thrown so the screen reads with try/catch: the API's error code (or NETWORK) and its status. */
export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
  ) {
    super(code);
    this.name = 'ApiFailure';
  }
}

/** The data of a successful call (never cached: draws and prizes change with each spin); a failure is thrown. */
async function call<T>(path: string, init: Omit<CallOptions, 'cache'> = {}): Promise<T> {
  const result = await callApi<T>(path, { ...init, cache: 'no-store' });
  if (result.ok && result.data !== null) return result.data;
  throw new ApiFailure(result.ok ? 'INTERNAL_ERROR' : (result.code ?? (result.status === 0 ? 'NETWORK' : 'INTERNAL_ERROR')), result.status);
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export const fetchMe = (token: string) => call<LiffMe>('/api/liff/me', { headers: bearer(token) });

export const fetchCampaignStatus = () => call<CampaignStatus>('/api/lucky-draw/campaign-status');

export const fetchCustomerStatus = (token: string, customerId: string) =>
  call<CustomerStatus>(`/api/lucky-draw/customer-status?customerId=${encodeURIComponent(customerId)}`, { headers: bearer(token) });

export const spinWheel = (token: string, customerId: string, lineUserId: string) =>
  call<SpinResult>('/api/liff/spin', { method: 'POST', headers: bearer(token), body: { customerId, lineUserId } });

/** The local sign-in (development only): a short-lived LINE ID token for `lineUserId`. */
export const fetchDevToken = (lineUserId: string) =>
  call<{ idToken: string; expiresAt: string; lineUserId: string }>('/api/liff/dev-token', {
    method: 'POST',
    body: { lineUserId },
  });
