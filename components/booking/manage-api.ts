'use client';

import { useSyncExternalStore } from 'react';
import { callApi, type ApiResult } from '@/components/api/client-fetch';
import { useLoad } from '@/components/api/use-load';
import type { ManagedBooking } from '@/lib/db/functions';
import { VENUE_TIME_ZONE } from '@/lib/venue/venue-clock';

/** The manage link's token, from the URL fragment `#t=…` (a fragment never reaches a server log or a Referer). */
function tokenInHash(): string | null {
  const match = /(?:^#|&)t=([0-9a-f]{64})(?:&|$)/.exec(window.location.hash);
  return match ? match[1]! : null;
}

const subscribeToHash = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** The token of the page's manage link; undefined before hydration (the server never sees it), null when the URL has none. */
export const useManageToken = (): string | null | undefined => useSyncExternalStore(subscribeToHash, tokenInHash, () => undefined);

/** The header the manage routes read the token from. */
export const manageHeaders = (token: string) => ({ 'X-Manage-Token': token });

/** GET /api/bookings/manage for `token` (nothing is asked without one), reloaded by `retry`. */
export function useManagedBooking(token: string | null | undefined) {
  return useLoad<ApiResult<{ booking: ManagedBooking }> | null>(`manage:${token ?? ''}`, (signal) =>
    token ? callApi<{ booking: ManagedBooking }>('/api/bookings/manage', { headers: manageHeaders(token), cache: 'no-store', signal }) : Promise.resolve(null),
  );
}

/** An instant as the venue's date and time for the page: "Fri, 4 Dec 2026, 12:00" (Bangkok). */
export function formatVenueInstant(iso: string, locale: 'en' | 'th'): string {
  return new Intl.DateTimeFormat(locale === 'th' ? 'th-TH' : 'en-GB', {
    timeZone: VENUE_TIME_ZONE,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}
