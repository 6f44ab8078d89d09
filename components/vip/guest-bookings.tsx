'use client';

import { useState } from 'react';
import type { Translate } from '@/components/booking/booking-rules';
import { callApi } from '@/components/api/client-fetch';
import { useLoad } from '@/components/api/use-load';
import { secondaryButton } from '@/components/ui/styles';
import type { Locale } from '@/lib/i18n/messages';
import type { VipBooking } from './vip-api';
import { BookingCard } from './vip-common';

interface GuestBookingsPage {
  verifiedEmail: string | null;
  bookings: VipBooking[];
}

const PATH = '/api/vip/guest-bookings';

/**
 * Bookings made as a guest with the email the member's sign-in verified, each with a button
 * that claims it into the account (the server decides which match). Nothing shows for a
 * session that verified no email, or when there is nothing to claim.
 */
export function GuestBookings({ locale, t, onClaimed }: { locale: Locale; t: Translate; onClaimed: (booking: VipBooking) => void }) {
  const load = useLoad(PATH, (signal) => callApi<GuestBookingsPage>(PATH, { signal }));
  const [claiming, setClaiming] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const data = load.value?.ok ? load.value.data : null;
  if (!data?.verifiedEmail || data.bookings.length === 0) return null;

  async function claim(booking: VipBooking) {
    setClaiming(booking.id);
    setFailed(null);
    const result = await callApi<{ claimed: boolean; booking: VipBooking }>(`${PATH}/${encodeURIComponent(booking.id)}/claim`, { method: 'POST' });
    setClaiming(null);
    if (!result.ok) {
      setFailed(booking.id);
      return;
    }
    load.retry();
    onClaimed(result.data.booking);
  }

  return (
    <section aria-labelledby="guest-bookings-heading" className="space-y-3 rounded-xl bg-amber-50 p-4 ring-1 ring-amber-200" data-testid="guest-bookings">
      <h2 id="guest-bookings-heading" className="text-lg font-semibold text-turf-900">
        {t('guestBookingsHeading', { email: data.verifiedEmail })}
      </h2>
      <p className="text-sm text-slate-700">{t('guestBookingsIntro')}</p>
      <ul className="space-y-3">
        {data.bookings.map((booking) => (
          <li key={booking.id}>
            <BookingCard
              booking={booking}
              locale={locale}
              t={t}
              actions={
                <>
                  <button type="button" disabled={claiming !== null} onClick={() => void claim(booking)} className={secondaryButton}>
                    {claiming === booking.id ? t('guestBookingsClaiming') : t('guestBookingsClaim')}
                  </button>
                  {failed === booking.id && (
                    <p role="alert" className="text-sm font-medium text-red-700">
                      {t('guestBookingsClaimFailed')}
                    </p>
                  )}
                </>
              }
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
