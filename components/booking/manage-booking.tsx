'use client';

import Link from 'next/link';
import { useCallback, useState } from 'react';
import { translate, type Locale, type MessageKey } from '@/lib/i18n/messages';
import { primaryButton, secondaryButton } from '@/components/ui/styles';
import { sectionClass } from '@/components/ui/form-styles';
import { BookingCard } from '@/components/vip/vip-common';
import { CancelDialog } from '@/components/vip/cancel-dialog';
import { ModifyDialog } from '@/components/vip/modify-dialog';
import { venueNowLocal } from '@/lib/venue/booking-rules';
import { manageHeaders, useManagedBooking, useManageToken } from './manage-api';

/**
 * /book/manage#t=<token>: the booking a manage link opens, for whoever holds the link (a
 * guest has no account). Moving and cancelling use the VIP dialogs against the manage routes
 * (the same SQL rules); the page says until when it can be changed online, and plainly when
 * the link no longer works (cancelled, ended) or is not a link at all.
 */
export function ManageBooking({ locale, today }: { locale: Locale; today: string }) {
  const t = useCallback((key: MessageKey, values?: Record<string, string | number>) => translate(locale, key, values), [locale]);
  const token = useManageToken();
  const load = useManagedBooking(token);
  const [open, setOpen] = useState<'modify' | 'cancel' | null>(null);
  const [notice, setNotice] = useState<{ key: MessageKey; reference: string } | null>(null);

  const say = (text: string, testId: string, tone: 'info' | 'problem' = 'problem') => (
    <p role={tone === 'problem' ? 'alert' : 'status'} data-testid={testId} className={`mt-4 rounded-md p-3 ${tone === 'problem' ? 'bg-amber-50 text-amber-950' : 'bg-turf-50 text-turf-900'}`}>
      {text}
    </p>
  );

  let body;
  if (notice?.key === 'manageCancelledNow') {
    body = say(t('manageCancelledNow', { reference: notice.reference }), 'manage-cancelled', 'info');
  } else if (token === undefined || (token && load.pending && !load.value)) {
    body = (
      <p role="status" className="mt-4 text-slate-600">
        {t('manageLoading')}
      </p>
    );
  } else if (token === null) {
    body = say(t('manageNoToken'), 'manage-no-token');
  } else {
    const result = load.value;
    if (!result) body = null;
    else if (result.ok) {
      const { booking } = result.data;
      const endpoint = (action: 'modify' | 'cancel') => ({ path: `/api/bookings/manage/${action}`, headers: manageHeaders(token) });
      body = (
        <>
          <p className="mt-1 text-slate-600">{t('manageIntro', { name: booking.customerName })}</p>
          {notice?.key === 'manageMoved' && say(t('manageMoved'), 'manage-moved', 'info')}
          <div className="mt-4">
            <BookingCard
              booking={booking}
              locale={locale}
              t={t}
              nowLocal={venueNowLocal()}
              actions={
                booking.changeableOnline ? (
                  <>
                    <button type="button" className={primaryButton} onClick={() => setOpen('modify')}>
                      {t('vipModify')}
                    </button>
                    <button type="button" className={secondaryButton} onClick={() => setOpen('cancel')}>
                      {t('vipCancel')}
                    </button>
                  </>
                ) : undefined
              }
            />
          </div>
          {open === 'modify' && (
            <ModifyDialog
              booking={booking}
              today={today}
              locale={locale}
              t={t}
              endpoint={endpoint('modify')}
              onClose={() => setOpen(null)}
              onMoved={() => {
                setOpen(null);
                setNotice({ key: 'manageMoved', reference: booking.reference });
                load.retry();
              }}
            />
          )}
          {open === 'cancel' && (
            <CancelDialog
              booking={booking}
              locale={locale}
              t={t}
              endpoint={endpoint('cancel')}
              onClose={() => setOpen(null)}
              onCancelled={() => {
                setOpen(null);
                setNotice({ key: 'manageCancelledNow', reference: booking.reference });
              }}
            />
          )}
        </>
      );
    } else if (result.code === 'MANAGE_LINK_EXPIRED') {
      const reference = typeof result.details.reference === 'string' ? result.details.reference : '';
      body = say(t(result.details.reason === 'cancelled' ? 'manageLinkCancelled' : 'manageLinkEnded', { reference }), 'manage-expired');
    } else if (result.code === 'MANAGE_LINK_INVALID' || result.code === 'AUTH_REQUIRED') {
      body = say(t('manageInvalid'), 'manage-invalid');
    } else if (result.code === 'RATE_LIMIT_EXCEEDED') {
      body = say(t('vipRateLimited'), 'manage-error');
    } else {
      body = say(t(result.status === 0 ? 'vipNetworkError' : 'vipServiceError'), 'manage-error');
    }
  }

  return (
    <section aria-labelledby="manage-heading" className={sectionClass} data-testid="manage-booking">
      <h1 id="manage-heading" className="text-2xl font-bold text-turf-900 sm:text-3xl">
        {t('manageTitle')}
      </h1>
      {body}
      <div className="mt-6 flex flex-wrap gap-3">
        <Link href="/book" className={secondaryButton}>
          {t('manageBookAgain')}
        </Link>
      </div>
    </section>
  );
}
