'use client';

import Link from 'next/link';
import type { FormEvent, ReactNode } from 'react';
import { endTime, formatDate, type Translate } from '@/components/booking/booking-rules';
import { LoadError } from '@/components/ui/load-error';
import type { Locale, MessageKey } from '@/lib/i18n/messages';
import type { LoadFailure, VipBooking } from './vip-api';
import { VipDialog } from './vip-dialog';
import { formatVenueInstant } from '@/components/booking/manage-api';
import { venueNowLocal } from '@/lib/venue/booking-rules';
import { localizedName } from '@/lib/i18n/localized-name';

/** A loading placeholder that screen readers announce. */
export function VipLoading({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <div role="status" className="animate-pulse space-y-3" data-testid="vip-loading">
      <span className="sr-only">{label}</span>
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} className="h-16 rounded-xl bg-slate-100" />
      ))}
    </div>
  );
}

/** A failed load: signed out (a link to sign in again), too many requests (wait), or anything else (try again). */
export function VipLoadError({ failure, t, onRetry, callbackUrl }: { failure: LoadFailure; t: Translate; onRetry: () => void; callbackUrl: string }) {
  if (failure === 'auth') {
    return (
      <div role="alert" className="rounded-md bg-amber-50 p-4 text-amber-900">
        <p>{t('vipSignedOut')}</p>
        <Link href={`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="mt-2 inline-block font-medium underline">
          {t('signIn')}
        </Link>
      </div>
    );
  }
  return <LoadError message={t(failure === 'rateLimited' ? 'vipRateLimited' : 'vipLoadFailed')} retryLabel={t('retry')} onRetry={onRetry} />;
}

const dialogs = {
  cancel: { title: 'vipCancelTitle', description: 'vipCancelWhat', descriptionId: 'cancel-what', descriptionClassName: 'mt-1 text-slate-700' },
  modify: { title: 'vipModifyTitle', description: 'vipModifyCurrent', descriptionId: 'modify-current', descriptionClassName: 'mt-1 text-sm text-slate-600' },
} as const;

/** The dialog that moves or cancels one booking: its title, which booking (date, time, bay), then the form's fields. */
export function BookingDialog({
  kind,
  booking,
  locale,
  t,
  onClose,
  onSubmit,
  children,
}: {
  kind: keyof typeof dialogs;
  booking: VipBooking;
  locale: Locale;
  t: Translate;
  onClose: () => void;
  onSubmit: (event: FormEvent) => Promise<void>;
  children: ReactNode;
}) {
  const text = dialogs[kind];
  const when = { date: formatDate(booking.date, locale), time: `${booking.startTime}–${endTime(booking.startTime, booking.duration)}`, bay: localizedName(locale, booking.bay, booking.bayTh) };
  return (
    <VipDialog labelledBy={`${kind}-title`} describedBy={text.descriptionId} onClose={onClose} testId={`${kind}-dialog`}>
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="space-y-4">
        <div>
          <h2 id={`${kind}-title`} className="text-lg font-semibold text-turf-900">
            {t(text.title, { reference: booking.reference })}
          </h2>
          <p id={text.descriptionId} className={text.descriptionClassName}>
            {t(text.description, when)}
          </p>
        </div>
        {children}
      </form>
    </VipDialog>
  );
}

const statusKey: Record<VipBooking['status'], MessageKey> = {
  confirmed: 'vipStatusConfirmed',
  cancelled: 'vipStatusCancelled',
  completed: 'vipStatusCompleted',
};

const statusStyle: Record<VipBooking['status'], string> = {
  confirmed: 'bg-turf-100 text-turf-900',
  cancelled: 'bg-red-100 text-red-900',
  completed: 'bg-slate-100 text-slate-700',
};

/**
 * One booking: when, where, its reference and status; until when it can be changed online
 * (`nowLocal`, the venue's `YYYY-MM-DD HH:mm`, says whether that time has passed; without it
 * the deadline is not shown); `actions` go at the bottom.
 */
export function BookingCard({
  booking,
  locale,
  t,
  actions,
  nowLocal,
}: {
  booking: VipBooking;
  locale: Locale;
  t: Translate;
  actions?: ReactNode;
  nowLocal?: string;
}) {
  const hours = booking.duration === 1 ? t('hoursOne') : t('hoursMany', { n: booking.duration });
  return (
    <article
      data-testid="vip-booking"
      data-reference={booking.reference}
      aria-label={t('vipBookingLabel', { reference: booking.reference })}
      className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-semibold text-slate-900">{formatDate(booking.date, locale)}</p>
          <p className="font-mono text-slate-800" data-testid="vip-booking-time">
            {booking.startTime}–{endTime(booking.startTime, booking.duration)} <span className="font-sans text-sm text-slate-600">({hours})</span>
          </p>
        </div>
        <span className={`rounded-full px-2.5 py-0.5 text-sm font-medium ${statusStyle[booking.status]}`} data-testid="vip-booking-status">
          {t(statusKey[booking.status])}
        </span>
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm text-slate-700">
        <dt className="text-slate-500">{t('bayLabel')}</dt>
        <dd>{localizedName(locale, booking.bay, booking.bayTh)}</dd>
        <dt className="text-slate-500">{t('peopleShort')}</dt>
        <dd>{booking.numberOfPeople === 1 ? t('personOne') : t('personMany', { n: booking.numberOfPeople })}</dd>
        <dt className="text-slate-500">{t('vipReference')}</dt>
        <dd className="break-all font-mono">{booking.reference}</dd>
        {booking.bookingType === 'Package' && (
          <>
            <dt className="text-slate-500">{t('priceLabel')}</dt>
            <dd>{t('vipPaidByPackage')}</dd>
          </>
        )}
        {booking.status === 'cancelled' && booking.cancellationReason && (
          <>
            <dt className="text-slate-500">{t('vipCancelReasonShort')}</dt>
            <dd className="break-words">{booking.cancellationReason}</dd>
          </>
        )}
      </dl>
      {nowLocal && booking.status === 'confirmed' && booking.changeableUntil && (
        <p className="mt-2 text-sm text-slate-700" data-testid="booking-deadline">
          {t(venueNowLocal(new Date(booking.changeableUntil)) > nowLocal ? 'manageChangeableUntil' : 'manageNotChangeableOnline', {
            when: formatVenueInstant(booking.changeableUntil, locale),
          })}
        </p>
      )}
      {actions && <div className="mt-3 flex flex-wrap gap-2">{actions}</div>}
    </article>
  );
}
