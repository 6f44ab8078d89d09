'use client';

import { useId, useState, type FormEvent } from 'react';
import { callApi } from '@/components/api/client-fetch';
import { inputClass, labelClass, sectionClass } from '@/components/ui/form-styles';
import { primaryButton } from '@/components/ui/styles';
import type { DeskPrize } from '@/lib/db/functions';
import { redemptionCodeIn } from '@/lib/lucky-draw/redemption-code';
import { translate, type Locale, type MessageKey } from '@/lib/i18n/messages';
import type { z } from 'zod';
import { ScanCode } from './scan-code';
import { localizedName } from '@/lib/i18n/localized-name';

type Prize = z.infer<typeof DeskPrize>;

const failureMessage = (code: string | null): MessageKey => {
  if (code === 'PRIZE_NOT_FOUND') return 'stCodeUnknown';
  if (code === 'VALIDATION_ERROR') return 'stCodeInvalid';
  if (code === 'PRIZE_ALREADY_REDEEMED') return 'ldAlreadyRedeemed';
  if (code === 'CAMPAIGN_ENDED') return 'stCampaignEnded';
  return 'ldRedeemFailed';
};

/**
 * The front desk's redemption, on the staff member's own phone or tablet: type the code the
 * customer's LINE screen shows, see the prize and its state, hand it over. Recorded under the
 * signed-in account (the API takes no typed name).
 */
export function RedeemByCode({ locale, staffName }: { locale: Locale; staffName: string }) {
  const t = (key: MessageKey, values?: Record<string, string | number>) => translate(locale, key, values);
  const id = useId();
  const [code, setCode] = useState('');
  const [prize, setPrize] = useState<Prize | null>(null);
  const [busy, setBusy] = useState<'find' | 'redeem' | null>(null);
  const [error, setError] = useState<MessageKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const when = new Intl.DateTimeFormat(locale === 'th' ? 'th-TH' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Bangkok' });

  async function find(event: FormEvent) {
    event.preventDefault();
    await lookUp(code);
  }

  // A typed or scanned code: shown in the field, then the prize it belongs to (nothing is handed over yet).
  async function lookUp(text: string) {
    const typed = redemptionCodeIn(text);
    setPrize(null);
    setNotice(null);
    if (!typed) {
      setError('stCodeInvalid');
      return;
    }
    setCode(typed);
    setBusy('find');
    setError(null);
    const result = await callApi<{ prize: Prize }>(`/api/staff/prizes/${encodeURIComponent(typed)}`, { cache: 'no-store' });
    setBusy(null);
    if (result.ok) setPrize(result.data.prize);
    else setError(failureMessage(result.code));
  }

  async function redeem(found: Prize) {
    setBusy('redeem');
    setError(null);
    const result = await callApi<{ prize: Prize }>(`/api/staff/prizes/${encodeURIComponent(found.redemptionCode)}/redeem`, { method: 'POST' });
    setBusy(null);
    if (result.ok) {
      setPrize(result.data.prize);
      setNotice(t('stRedeemDone', { prize: localizedName(locale, found.prizeName, found.prizeNameTh), code: found.redemptionCode, staff: result.data.prize.redeemedByStaffName ?? staffName }));
    } else {
      setError(failureMessage(result.code));
    }
  }

  return (
    <div className="mt-4 space-y-4">
      <p className="text-slate-700">{t('stRedeemIntro')}</p>
      <ScanCode locale={locale} onCode={(scanned) => void lookUp(scanned)} />
      <form onSubmit={find} noValidate className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1">
          <label className={labelClass} htmlFor={`${id}-code`}>
            {t('stCode')}
          </label>
          <input
            id={`${id}-code`}
            className={`${inputClass} font-mono uppercase tracking-widest`}
            value={code}
            onChange={(event) => setCode(event.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={20}
            aria-invalid={error === 'stCodeInvalid' || error === 'stCodeUnknown'}
          />
        </div>
        <button type="submit" className={primaryButton} disabled={busy !== null}>
          {busy === 'find' ? t('stFinding') : t('stFind')}
        </button>
      </form>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800" data-testid="staff-error">
          {t(error)}
        </p>
      )}
      {notice && (
        <p role="status" className="rounded-md bg-turf-100 p-3 text-sm text-turf-900" data-testid="staff-notice">
          {notice}
        </p>
      )}
      {prize && (
        <section className={sectionClass} data-testid="desk-prize" aria-live="polite">
          <h2 className="text-lg font-semibold text-turf-900">{t('stPrizeFor', { prize: localizedName(locale, prize.prizeName, prize.prizeNameTh), customer: prize.customerName })}</h2>
          {prize.prizeDescription && <p className="text-sm text-slate-700">{localizedName(locale, prize.prizeDescription, prize.prizeDescriptionTh)}</p>}
          <p className="mt-1 font-mono text-xl tracking-widest text-slate-900">{prize.redemptionCode}</p>
          <p className="text-sm text-slate-600">{t('stWonOn', { time: when.format(new Date(prize.wonAt)), campaign: prize.campaignName })}</p>
          {prize.isRedeemed ? (
            <p className="mt-3 font-medium text-slate-800" data-testid="desk-prize-state">
              {t('stAlreadyRedeemed', { time: prize.redeemedAt ? when.format(new Date(prize.redeemedAt)) : '', staff: prize.redeemedByStaffName ?? '' })}
            </p>
          ) : prize.campaignEnded ? (
            <p className="mt-3 font-medium text-red-800" data-testid="desk-prize-state">
              {t('stCampaignEnded')}
            </p>
          ) : (
            <button type="button" className={`${primaryButton} mt-3`} disabled={busy !== null} onClick={() => redeem(prize)}>
              {busy === 'redeem' ? t('ldRedeeming') : t('ldRedeemConfirm')}
            </button>
          )}
        </section>
      )}
    </div>
  );
}
