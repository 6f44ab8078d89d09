'use client';

import Link from 'next/link';
import { useState } from 'react';
import { callApi } from '@/components/api/client-fetch';
import { secondaryButton } from '@/components/ui/styles';
import type { DaySheetBooking } from '@/lib/db/functions';
import type { MessageKey } from '@/lib/i18n/messages';

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

/**
 * A booking card's retry of its failing deliveries (email, LINE, calendar), shown only while one
 * is failing: the staff route retries that booking's failed jobs only; admins also get the outbox.
 */
export function RetryDeliveries({ booking, t, isAdmin, onChanged }: { booking: DaySheetBooking; t: T; isAdmin: boolean; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean } | null>(null);
  if (!Object.values(booking.delivery).includes('failing') && !outcome) return null;

  async function retry() {
    setBusy(true);
    setOutcome(null);
    const result = await callApi<{ jobs: Array<{ status: string }> }>(`/api/staff/bookings/${booking.id}/deliveries/retry`, { method: 'POST' });
    setBusy(false);
    if (!result.ok) setOutcome({ text: t('dsActionFailed', { reason: t(result.code === 'BOOKING_NOT_FOUND' ? 'dsBookingGone' : 'stErrFailed') }), failed: true });
    else if (result.data.jobs.length === 0) setOutcome({ text: t('dsRetryNothing'), failed: false });
    else {
      const sent = result.data.jobs.filter((job) => job.status !== 'queued').length;
      setOutcome({ text: t('dsRetryResult', { sent, failing: result.data.jobs.length - sent }), failed: sent < result.data.jobs.length });
    }
    onChanged();
  }

  return (
    <div className="mt-2 flex flex-wrap items-center gap-2" data-testid="retry-deliveries">
      {Object.values(booking.delivery).includes('failing') && (
        <button type="button" className={secondaryButton} disabled={busy} onClick={() => void retry()}>
          {busy ? t('dsRetrying') : t('dsRetryDeliveries')}
        </button>
      )}
      {isAdmin && (
        <Link href="/admin/outbox" className="text-xs font-medium text-red-700 underline">
          {t('dsOutboxLink')}
        </Link>
      )}
      {outcome && (
        <p role={outcome.failed ? 'alert' : 'status'} className={`w-full text-xs ${outcome.failed ? 'text-red-700' : 'text-turf-800'}`}>
          {outcome.text}
        </p>
      )}
    </div>
  );
}
