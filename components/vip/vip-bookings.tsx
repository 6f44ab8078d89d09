'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { endTime, formatDate, type Translate } from '@/components/booking/booking-rules';
import { primaryButton, secondaryButton } from '@/components/ui/styles';
import { translate, type Locale, type MessageKey } from '@/lib/i18n/messages';
import { CancelDialog } from './cancel-dialog';
import { ModifyDialog, type Moved } from './modify-dialog';
import { isChangeable, venueNowLocal } from '@/lib/venue/booking-rules';
import { callApi } from '@/components/api/client-fetch';
import { useLoad } from '@/components/api/use-load';
import { loadFailure, type BookingsFilter, type VipBooking, type VipBookingsPage } from './vip-api';
import { BookingCard, VipLoadError, VipLoading } from './vip-common';
import { GuestBookings } from './guest-bookings';

const PAGE_SIZE = 10;


type Open = { kind: 'modify'; booking: VipBooking } | { kind: 'cancel'; booking: VipBooking } | null;

const filters: { value: BookingsFilter; label: MessageKey }[] = [
  { value: 'future', label: 'vipFilterUpcoming' },
  { value: 'past', label: 'vipFilterPast' },
  { value: 'cancelled', label: 'vipFilterCancelled' },
  { value: 'all', label: 'vipFilterAll' },
];

const emptyText: Record<BookingsFilter, MessageKey> = { future: 'vipNoUpcoming', past: 'vipNoPast', cancelled: 'vipNoCancelled', all: 'vipNoBookings' };

/** The member's bookings: upcoming, past, cancelled or all, a page at a time; future confirmed ones can be moved or cancelled. */
export function VipBookings({ locale, today, initialFilter }: { locale: Locale; today: string; initialFilter: BookingsFilter }) {
  const t: Translate = useCallback((key, values) => translate(locale, key, values), [locale]);
  const [filter, setFilter] = useState<BookingsFilter>(initialFilter);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [nowLocal, setNowLocal] = useState(() => venueNowLocal());
  const noticeRef = useRef<HTMLParagraphElement>(null);

  const path = `/api/vip/bookings?filter=${filter}&page=${page}&limit=${PAGE_SIZE}`;
  // Another page, or the list again after a change, keeps the list on screen; another filter shows loading.
  const load = useLoad(path, (signal) => callApi<VipBookingsPage>(path, { signal }), {
    keepWithin: filter,
    onLoaded: (result) => {
      setNowLocal(venueNowLocal());
      if (!result.ok) return;
      // A page past the end (after a cancel emptied the last one): go back to the last page.
      const { currentPage, totalPages } = result.data.pagination;
      if (result.data.bookings.length === 0 && currentPage > 1 && totalPages >= 1) setPage(Math.min(currentPage - 1, totalPages));
    },
  });
  const shown = load.value;
  const loading = load.pending && !shown?.ok;

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  function chooseFilter(next: BookingsFilter) {
    if (next === filter) return;
    setFilter(next);
    setPage(1);
    setNotice(null);
    const url = new URL(window.location.href);
    url.searchParams.set('filter', next);
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}`);
  }

  function moved(booking: VipBooking, to: Moved) {
    setOpen(null);
    setNotice(
      t('vipMovedNotice', {
        reference: booking.reference,
        date: formatDate(to.date, locale),
        time: `${to.startTime}–${endTime(to.startTime, to.duration)}`,
      }),
    );
    load.retry();
  }

  function cancelled(booking: VipBooking) {
    setOpen(null);
    setNotice(t('vipCancelledNotice', { reference: booking.reference }));
    load.retry();
  }

  const data = !loading && shown?.ok ? shown.data : null;

  return (
    <div className="space-y-4">
      <div role="group" aria-label={t('vipFilterLabel')} className="flex flex-wrap gap-2">
        {filters.map((option) => (
          <button
            key={option.value}
            type="button"
            aria-pressed={filter === option.value}
            onClick={() => chooseFilter(option.value)}
            className={`${secondaryButton} aria-pressed:border-turf-600 aria-pressed:bg-turf-100 aria-pressed:font-medium aria-pressed:text-turf-900`}
          >
            {t(option.label)}
          </button>
        ))}
      </div>

      {notice && (
        <p ref={noticeRef} tabIndex={-1} role="status" data-testid="vip-notice" className="rounded-md bg-turf-50 p-3 text-turf-900 ring-1 ring-turf-500/30 focus:outline-none">
          {notice}
        </p>
      )}

      <GuestBookings
        locale={locale}
        t={t}
        onClaimed={(booking) => {
          setNotice(t('guestBookingsClaimed', { reference: booking.reference }));
          load.retry();
        }}
      />

      <div aria-live="polite" aria-busy={loading}>
        {loading && <VipLoading label={t('vipLoadingBookings')} />}
        {!loading && shown && !shown.ok && <VipLoadError failure={loadFailure(shown)} t={t} onRetry={load.retry} callbackUrl="/vip/bookings" />}
        {data && data.bookings.length === 0 && (
          <div className="rounded-xl bg-white p-4 text-slate-700 shadow-sm ring-1 ring-slate-200" data-testid="vip-bookings-empty">
            <p>{t(emptyText[filter])}</p>
            <Link href="/book" className={`${primaryButton} mt-3`}>
              {t('bookABay')}
            </Link>
          </div>
        )}
        {data && data.bookings.length > 0 && (
          <ul className="space-y-3" aria-label={t('vipBookingsHeading')}>
            {data.bookings.map((booking) => (
              <li key={booking.id}>
                <BookingCard
                  booking={booking}
                  locale={locale}
                  t={t}
                  nowLocal={nowLocal}
                  actions={
                    isChangeable(booking, nowLocal) ? (
                      <>
                        <button type="button" onClick={() => setOpen({ kind: 'modify', booking })} className={secondaryButton}>
                          {t('vipModify')}
                        </button>
                        <button type="button" onClick={() => setOpen({ kind: 'cancel', booking })} className={`${secondaryButton} text-red-800`}>
                          {t('vipCancel')}
                        </button>
                      </>
                    ) : undefined
                  }
                />
              </li>
            ))}
          </ul>
        )}
      </div>

      {data && data.pagination.totalPages > 1 && (
        <nav aria-label={t('vipPagination')} className="flex flex-wrap items-center justify-between gap-2">
          <button type="button" onClick={() => setPage((n) => Math.max(1, n - 1))} disabled={page <= 1} className={secondaryButton}>
            {t('vipPreviousPage')}
          </button>
          <p className="text-sm text-slate-600">
            {t('vipPageOf', { page: data.pagination.currentPage, pages: data.pagination.totalPages, count: data.pagination.totalCount })}
          </p>
          <button type="button" onClick={() => setPage((n) => n + 1)} disabled={page >= data.pagination.totalPages} className={secondaryButton}>
            {t('vipNextPage')}
          </button>
        </nav>
      )}

      {open?.kind === 'modify' && (
        <ModifyDialog booking={open.booking} today={today} locale={locale} t={t} onClose={() => setOpen(null)} onMoved={(to) => moved(open.booking, to)} />
      )}
      {open?.kind === 'cancel' && (
        <CancelDialog booking={open.booking} locale={locale} t={t} onClose={() => setOpen(null)} onCancelled={() => cancelled(open.booking)} />
      )}
    </div>
  );
}
