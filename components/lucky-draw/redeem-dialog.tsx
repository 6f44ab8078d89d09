'use client';

import { useId, useState, type FormEvent } from 'react';
import { primaryButton } from '@/components/ui/styles';
import { inputClass, labelClass } from '@/components/ui/form-styles';
import { DialogActions, VipDialog } from '@/components/vip/vip-dialog';
import { translate, type Locale, type MessageKey } from '@/lib/i18n/messages';
import { ApiFailure, redeemPrize, type WonPrize } from './lucky-draw-api';

const failureMessage = (code: string): MessageKey => {
  if (code === 'STAFF_CREDENTIAL_INVALID') return 'ldPinWrong';
  if (code === 'PRIZE_ALREADY_REDEEMED') return 'ldAlreadyRedeemed';
  if (code === 'PRIZE_NOT_FOUND') return 'ldPrizeGone';
  if (code === 'VALIDATION_ERROR') return 'ldFillStaff';
  return 'ldRedeemFailed';
};

/**
 * The staff's side of a prize hand-over: staff PIN and name, then confirm
 * (POST /api/lucky-draw/redeem with X-Staff-Pin). `onDone` gets whether it is now redeemed.
 */
export function RedeemDialog({ locale, prize, onClose, onRedeemed }: { locale: Locale; prize: WonPrize; onClose: () => void; onRedeemed: () => void }) {
  const t = (key: MessageKey, values?: Record<string, string | number>) => translate(locale, key, values);
  const id = useId();
  const [pin, setPin] = useState('');
  const [staffName, setStaffName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!pin.trim() || !staffName.trim()) {
      setError('ldFillStaff');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await redeemPrize(prize.id, staffName.trim(), pin.trim());
      onRedeemed();
    } catch (failure) {
      const code = failure instanceof ApiFailure ? failure.code : 'INTERNAL_ERROR';
      setError(failureMessage(code));
      // Someone else redeemed it meanwhile: the list must show that.
      if (code === 'PRIZE_ALREADY_REDEEMED') onRedeemed();
    } finally {
      setBusy(false);
    }
  }

  return (
    <VipDialog labelledBy={`${id}-title`} describedBy={`${id}-intro`} onClose={onClose} testId="ld-redeem-dialog">
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`} className="text-lg font-semibold text-turf-900">
          {t('ldRedeemHeading')}
        </h2>
        <p id={`${id}-intro`} className="mt-1 text-sm text-slate-600">
          {t('ldRedeemIntro', { prize: prize.prize_name, code: prize.redemption_code })}
        </p>
        <label className={`${labelClass} mt-4`} htmlFor={`${id}-pin`}>
          {t('ldStaffPin')}
        </label>
        <input
          id={`${id}-pin`}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          className={inputClass}
          value={pin}
          onChange={(event) => setPin(event.target.value)}
          aria-invalid={error === 'ldPinWrong' || (error === 'ldFillStaff' && !pin.trim())}
        />
        <label className={`${labelClass} mt-3`} htmlFor={`${id}-name`}>
          {t('ldStaffName')}
        </label>
        <input
          id={`${id}-name`}
          type="text"
          autoComplete="off"
          maxLength={80}
          className={inputClass}
          value={staffName}
          onChange={(event) => setStaffName(event.target.value)}
          aria-invalid={error === 'ldFillStaff' && !staffName.trim()}
        />
        {error && (
          <p role="alert" className="mt-3 rounded-md bg-red-50 p-3 text-sm text-red-800">
            {t(error)}
          </p>
        )}
        <DialogActions
          labels={{ close: t('ldCancel'), submit: t('ldRedeemConfirm'), busy: t('ldRedeeming') }}
          onClose={onClose}
          busy={busy}
          submitClassName={primaryButton}
          className="mt-5 flex flex-wrap justify-end gap-2"
        />
      </form>
    </VipDialog>
  );
}
