'use client';

import { useState, type FormEvent } from 'react';
import type { Translate } from '@/components/booking/booking-rules';
import { inputClass, labelClass } from '@/components/ui/form-styles';
import type { Locale, MessageKey } from '@/lib/i18n/messages';
import { callApi } from '@/components/api/client-fetch';
import type { VipBooking } from './vip-api';
import type { ChangeEndpoint } from './modify-dialog';
import { BookingDialog } from './vip-common';
import { DialogActions } from './vip-dialog';

const MAX_REASON = 500;

const dangerButton =
  'inline-flex items-center justify-center rounded-md bg-red-700 px-4 py-2.5 text-base font-medium text-white hover:bg-red-800 disabled:cursor-not-allowed disabled:opacity-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500 focus-visible:ring-offset-2';

/** Cancel a booking, with an optional reason. */
export function CancelDialog({
  booking,
  locale,
  t,
  onClose,
  onCancelled,
  endpoint,
}: {
  booking: VipBooking;
  locale: Locale;
  t: Translate;
  onClose: () => void;
  onCancelled: () => void;
  /** Where the cancellation goes: the member's VIP route unless given (the manage page's). */
  endpoint?: ChangeEndpoint;
}) {
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setProblem(null);
    const trimmed = reason.trim();
    const result = await callApi(endpoint?.path ?? `/api/vip/bookings/${encodeURIComponent(booking.id)}/cancel`, {
      method: 'POST',
      headers: endpoint?.headers,
      body: trimmed ? { cancellationReason: trimmed } : {},
    });
    setSaving(false);
    if (result.ok) {
      onCancelled();
      return;
    }
    switch (result.code) {
      case 'BOOKING_NOT_MODIFIABLE':
      case 'BOOKING_NOT_FOUND':
      case 'FORBIDDEN':
      case 'MANAGE_LINK_INVALID':
      case 'MANAGE_LINK_EXPIRED':
        setProblem('vipNotChangeable');
        break;
      case 'VALIDATION_ERROR':
        setProblem('vipCancelReasonTooLong');
        break;
      case 'AUTH_REQUIRED':
        setProblem('vipSignedOut');
        break;
      case 'RATE_LIMIT_EXCEEDED':
        setProblem('vipRateLimited');
        break;
      default:
        setProblem(result.status === 0 ? 'vipNetworkError' : 'vipServiceError');
    }
  }

  return (
    <BookingDialog kind="cancel" booking={booking} locale={locale} t={t} onClose={onClose} onSubmit={submit}>
      <label className={labelClass}>
        {t('vipCancelReason')}
        <textarea
          name="cancellationReason"
          rows={3}
          maxLength={MAX_REASON}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          className={inputClass}
        />
      </label>
      {problem && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-red-900">
          {t(problem)}
        </p>
      )}
      <DialogActions labels={{ close: t('vipCancelKeep'), submit: t('vipCancelSubmit'), busy: t('vipCancelling') }} onClose={onClose} busy={saving} submitClassName={dangerButton} />
    </BookingDialog>
  );
}
