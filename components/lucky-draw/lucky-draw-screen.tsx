'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { LoadError } from '@/components/ui/load-error';
import { primaryButton, secondaryButton } from '@/components/ui/styles';
import { inputClass, labelClass, sectionClass, sectionHeading } from '@/components/ui/form-styles';
import { localizedName } from '@/lib/i18n/localized-name';
import { translate, type Locale, type MessageKey } from '@/lib/i18n/messages';
import { VENUE_TIME_ZONE } from '@/lib/venue/venue-clock';
import {
  ApiFailure,
  fetchCampaignStatus,
  fetchCustomerStatus,
  fetchDevToken,
  fetchMe,
  spinWheel,
  type CampaignStatus,
  type CustomerStatus,
  type LiffMe,
  type SpinResult,
} from './lucky-draw-api';
import { PrizeWheel, SPIN_DURATION_MS, prefersReducedMotion } from './prize-wheel';
import { RedemptionQr } from './redemption-qr';

/** The seeded demo LINE user (linked to CUS-0001 with three draws). */
export const DEMO_LINE_USER_ID = 'U00000000000000000000000000demo01';
const DEV_TOKEN_KEY = 'liff-dev-token';
const LINE_USER_ID = /^U[0-9a-zA-Z]{32}$/;

type Auth =
  | { kind: 'starting' }
  | { kind: 'dev-sign-in' }
  | { kind: 'open-in-line' }
  | { kind: 'liff-failed' }
  | { kind: 'signed-in'; token: string; local: boolean };

type Data =
  | { kind: 'loading' }
  | { kind: 'failed' }
  | { kind: 'not-linked' }
  | { kind: 'ready'; me: LiffMe & { customerId: string }; campaign: CampaignStatus; customer: CustomerStatus };

const isFailure = (error: unknown, ...codes: string[]) => error instanceof ApiFailure && codes.includes(error.code);

function storedDevToken(): string | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(DEV_TOKEN_KEY) ?? 'null') as { idToken: string; expiresAt: string } | null;
    // A minute's margin: the token must still be good when the next call arrives.
    if (stored && Date.parse(stored.expiresAt) - Date.now() > 60_000) return stored.idToken;
  } catch {
    // Nothing usable stored.
  }
  return null;
}

/**
 * The LIFF lucky-draw screen. Gets a LINE ID token from LIFF (when `liffId` is set) or, with
 * developer tools on only, from the clearly marked local sign-in; then shows the draws, the wheel,
 * the prizes won, and the staff's redemption dialog.
 */
export function LuckyDrawScreen({ locale, liffId, localSignIn }: { locale: Locale; liffId: string; localSignIn: boolean }) {
  const t = useCallback((key: MessageKey, values?: Record<string, string | number>) => translate(locale, key, values), [locale]);
  const [auth, setAuth] = useState<Auth>({ kind: 'starting' });

  useEffect(() => {
    let cancelled = false;
    async function start() {
      if (liffId) {
        try {
          const liff = (await import('@line/liff')).default;
          await liff.init({ liffId });
          if (!liff.isLoggedIn()) {
            liff.login({ redirectUri: window.location.href });
            return;
          }
          const token = liff.getIDToken();
          if (!token) throw new Error('LIFF gave no ID token (is the openid scope on?)');
          if (!cancelled) setAuth({ kind: 'signed-in', token, local: false });
        } catch (error) {
          console.error('LIFF could not start:', error);
          if (!cancelled) setAuth({ kind: 'liff-failed' });
        }
        return;
      }
      if (localSignIn) {
        const token = storedDevToken();
        setAuth(token ? { kind: 'signed-in', token, local: true } : { kind: 'dev-sign-in' });
        return;
      }
      setAuth({ kind: 'open-in-line' });
    }
    void start();
    return () => {
      cancelled = true;
    };
  }, [liffId, localSignIn]);

  const signOutLocal = useCallback(() => {
    sessionStorage.removeItem(DEV_TOKEN_KEY);
    setAuth({ kind: 'dev-sign-in' });
  }, []);

  return (
    <div className="space-y-4">
      {auth.kind === 'starting' && <Notice text={liffId ? t('ldSigningIn') : t('ldLoading')} />}
      {auth.kind === 'open-in-line' && <Notice text={t('ldOpenInLine')} />}
      {auth.kind === 'liff-failed' && <LoadError message={t('ldLiffFailed')} retryLabel={t('retry')} onRetry={() => window.location.reload()} />}
      {auth.kind === 'dev-sign-in' && (
        <DevSignIn
          locale={locale}
          onSignedIn={(token) => setAuth({ kind: 'signed-in', token, local: true })}
        />
      )}
      {auth.kind === 'signed-in' && (
        <LuckyDraw
          key={auth.token}
          locale={locale}
          token={auth.token}
          onLocalSignOut={auth.local ? signOutLocal : undefined}
          onTokenRejected={auth.local ? signOutLocal : () => setAuth({ kind: 'liff-failed' })}
        />
      )}
    </div>
  );
}

function Notice({ text }: { text: string }) {
  return (
    <p role="status" className="rounded-md bg-white p-4 text-slate-700 ring-1 ring-slate-200">
      {text}
    </p>
  );
}

/** The local sign-in (development only): pick or type a LINE user id; the server mints a test token. */
function DevSignIn({ locale, onSignedIn }: { locale: Locale; onSignedIn: (token: string) => void }) {
  const t = (key: MessageKey) => translate(locale, key);
  const [lineUserId, setLineUserId] = useState(DEMO_LINE_USER_ID);
  const [error, setError] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const id = lineUserId.trim();
    if (!LINE_USER_ID.test(id)) {
      setError('ldDevInvalid');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { idToken, expiresAt } = await fetchDevToken(id);
      sessionStorage.setItem(DEV_TOKEN_KEY, JSON.stringify({ idToken, expiresAt }));
      onSignedIn(idToken);
    } catch (failure) {
      setError(isFailure(failure, 'VALIDATION_ERROR') ? 'ldDevInvalid' : 'ldLoadFailed');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="rounded-xl border-2 border-dashed border-amber-500 bg-amber-50 p-4" aria-labelledby="ld-dev-heading" data-testid="ld-dev-sign-in">
      <h2 id="ld-dev-heading" className="text-lg font-semibold text-amber-900">
        {t('ldDevHeading')}
      </h2>
      <p className="mt-1 text-sm text-amber-900">{t('ldDevIntro')}</p>
      <form onSubmit={submit} noValidate className="mt-3">
        <label className={labelClass} htmlFor="ld-dev-user">
          {t('ldDevUserLabel')}
        </label>
        <input
          id="ld-dev-user"
          className={`${inputClass} font-mono text-sm`}
          value={lineUserId}
          onChange={(event) => setLineUserId(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error === 'ldDevInvalid'}
        />
        <button type="button" className={`${secondaryButton} mt-2 text-sm`} onClick={() => setLineUserId(DEMO_LINE_USER_ID)}>
          {t('ldDevUseDemo')}
        </button>
        {error && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {t(error)}
          </p>
        )}
        <button type="submit" className={`${primaryButton} mt-3 w-full`} disabled={busy}>
          {t('ldDevSubmit')}
        </button>
      </form>
    </section>
  );
}

function LuckyDraw({
  locale,
  token,
  onLocalSignOut,
  onTokenRejected,
}: {
  locale: Locale;
  token: string;
  onLocalSignOut?: () => void;
  onTokenRejected: () => void;
}) {
  const t = useCallback((key: MessageKey, values?: Record<string, string | number>) => translate(locale, key, values), [locale]);
  const [data, setData] = useState<Data>({ kind: 'loading' });
  const [spinning, setSpinning] = useState(false);
  const [target, setTarget] = useState<number | null>(null);
  const [spinId, setSpinId] = useState(0);
  const [reveal, setReveal] = useState<SpinResult | null>(null);
  const [spinError, setSpinError] = useState<MessageKey | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const revealRef = useRef<HTMLElement>(null);
  const revealHeading = useRef<HTMLHeadingElement>(null);
  const spinButton = useRef<HTMLButtonElement>(null);

  useEffect(() => () => clearTimeout(timer.current), []);

  // On a phone the result sits below the wheel: bring it (the code and its QR) into view and
  // move focus to its heading, so keyboard and screen-reader users land on it too.
  useEffect(() => {
    if (!reveal) return;
    revealRef.current?.scrollIntoView({ block: 'center', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
    revealHeading.current?.focus({ preventScroll: true });
  }, [reveal]);

  // What the screen shows for the token, or null when the token was refused.
  const read = useCallback(async (): Promise<Data | null> => {
    try {
      const me = await fetchMe(token);
      if (!me.customerId) return { kind: 'not-linked' };
      const [campaign, customer] = await Promise.all([fetchCampaignStatus(), fetchCustomerStatus(token, me.customerId)]);
      return { kind: 'ready', me: { ...me, customerId: me.customerId }, campaign, customer };
    } catch (error) {
      if (isFailure(error, 'PROFILE_NOT_FOUND', 'CUSTOMER_NOT_LINKED')) return { kind: 'not-linked' };
      if (isFailure(error, 'LINE_TOKEN_INVALID', 'AUTH_REQUIRED')) return null;
      return { kind: 'failed' };
    }
  }, [token]);
  const show = useCallback((next: Data | null) => (next ? setData(next) : onTokenRejected()), [onTokenRejected]);
  const load = useCallback(() => read().then(show), [read, show]);

  useEffect(() => {
    let live = true;
    void read().then((next) => live && show(next));
    return () => {
      live = false;
    };
  }, [read, show]);

  // The wheel's segments: the prizes still in stock (kept while a spin is turning).
  const liveSegments = useMemo(
    () => (data.kind === 'ready' ? data.campaign.prizeBreakdown.filter((prize) => prize.remaining > 0).map((prize) => ({ name: localizedName(locale, prize.prize_name, prize.prize_name_th) })) : []),
    [data, locale],
  );
  const [spinSegments, setSpinSegments] = useState(liveSegments);
  const segments = spinning ? spinSegments : liveSegments;

  const dateTime = useMemo(
    () => new Intl.DateTimeFormat(locale === 'th' ? 'th-TH' : 'en-GB', { timeZone: VENUE_TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }),
    [locale],
  );

  if (data.kind === 'loading') return <Notice text={t('ldLoading')} />;
  if (data.kind === 'failed') return <LoadError message={t('ldLoadFailed')} retryLabel={t('retry')} onRetry={() => void load()} />;
  if (data.kind === 'not-linked') {
    return (
      <section className={sectionClass} data-testid="ld-not-linked" aria-labelledby="ld-not-linked-heading">
        <h2 id="ld-not-linked-heading" className={sectionHeading}>
          {t('ldNotLinkedHeading')}
        </h2>
        <p className="mt-2 text-slate-700">{t('ldNotLinkedBody')}</p>
        <Link href="/vip/link" className={`${primaryButton} mt-4 w-full`}>
          {t('ldNotLinkedAction')}
        </Link>
        {onLocalSignOut && (
          <button type="button" className={`${secondaryButton} mt-3 w-full`} onClick={onLocalSignOut}>
            {t('ldDevSignOut')}
          </button>
        )}
      </section>
    );
  }

  const { me, campaign, customer } = data;
  const draws = customer.draws_available;
  const campaignOver = !campaign.campaignActive || !customer.campaignActive;
  const allClaimed = !campaignOver && campaign.prizesRemaining === 0;
  const canSpin = !spinning && !campaignOver && !allClaimed && draws > 0;

  async function spin() {
    setSpinSegments(liveSegments);
    setSpinning(true);
    setSpinError(null);
    setReveal(null);
    try {
      const result = await spinWheel(token, me.customerId, me.lineUserId);
      const index = segments.findIndex((segment) => segment.name === localizedName(locale, result.prize, result.prizeTh));
      setTarget(index >= 0 ? index : 0);
      setSpinId((id) => id + 1);
      timer.current = setTimeout(() => {
        setReveal(result);
        setSpinning(false);
        void load();
      }, prefersReducedMotion() ? 0 : SPIN_DURATION_MS);
    } catch (error) {
      setSpinning(false);
      if (isFailure(error, 'LINE_TOKEN_INVALID', 'AUTH_REQUIRED')) {
        onTokenRejected();
        return;
      }
      setSpinError(
        isFailure(error, 'NO_PRIZES_AVAILABLE')
          ? 'ldAllClaimed'
          : isFailure(error, 'CAMPAIGN_NOT_ACTIVE')
            ? 'ldCampaignOver'
            : isFailure(error, 'NO_DRAWS_AVAILABLE')
              ? 'ldNoDraws'
              : isFailure(error, 'RATE_LIMIT_EXCEEDED')
                ? 'ldSpinRateLimited'
                : 'ldSpinFailed',
      );
      void load();
    }
  }


  return (
    <>
      <section className={sectionClass} aria-labelledby="ld-play-heading">
        <div className="flex items-start justify-between gap-3">
          <div>
            <h2 id="ld-play-heading" className={sectionHeading}>
              {t('ldSignedInAs', { name: me.displayName ?? me.lineUserId })}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{t('ldPrizesLeft', { remaining: campaign.prizesRemaining, total: campaign.totalPrizes })}</p>
          </div>
          <div className="shrink-0 rounded-lg bg-turf-100 px-3 py-2 text-center" data-testid="ld-draw-counter">
            <div className="text-3xl font-bold text-turf-900" data-testid="ld-draws" aria-describedby="ld-draws-label">
              {draws}
            </div>
            <div id="ld-draws-label" className="text-xs font-medium text-turf-700">
              {t('ldDrawsLeft')}
            </div>
          </div>
        </div>

        {campaignOver ? (
          <p className="mt-4 rounded-md bg-slate-100 p-4 text-slate-800" data-testid="ld-campaign-over">
            {t('ldCampaignOver')}
          </p>
        ) : allClaimed || segments.length === 0 ? (
          <p className="mt-4 rounded-md bg-slate-100 p-4 text-slate-800" data-testid="ld-all-claimed">
            {t('ldAllClaimed')}
          </p>
        ) : (
          <div className="mt-4">
            <PrizeWheel segments={segments} target={target} spinId={spinId} label={t('ldWheelLabel', { prizes: segments.map((segment) => segment.name).join(', ') })} />
            <button ref={spinButton} type="button" className={`${primaryButton} mt-4 w-full text-lg`} disabled={!canSpin} onClick={() => void spin()}>
              {spinning ? t('ldSpinning') : t('ldSpin')}
            </button>
            {draws === 0 && !spinning && <p className="mt-2 text-sm text-slate-600">{t('ldNoDraws')}</p>}
          </div>
        )}
        {spinError && (
          <p role="alert" className="mt-3 rounded-md bg-red-50 p-3 text-sm text-red-800">
            {t(spinError)}
          </p>
        )}
        {onLocalSignOut && (
          <button type="button" className={`${secondaryButton} mt-4 text-sm`} onClick={onLocalSignOut}>
            {t('ldDevSignOut')}
          </button>
        )}
      </section>

      {/* In the page from the first render, empty until a result: screen readers announce what is put in it. */}
      <p role="status" aria-live="polite" className="sr-only" data-testid="ld-announce">
        {reveal ? `${t('ldYouWon', { prize: localizedName(locale, reveal.prize, reveal.prizeTh) })} ${t('ldCodeLabel')}: ${reveal.redemptionCode}` : ''}
      </p>
      {reveal && (
        <section
          ref={revealRef}
          className="scroll-my-4 rounded-xl bg-amber-50 p-4 text-center shadow-sm ring-2 ring-amber-400 motion-safe:animate-[pulse_1s_ease-in-out_1]"
          aria-labelledby="ld-reveal-heading"
          data-testid="ld-reveal"
        >
          <h2 id="ld-reveal-heading" ref={revealHeading} tabIndex={-1} className="text-xl font-bold text-amber-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-600">
            {t('ldYouWon', { prize: localizedName(locale, reveal.prize, reveal.prizeTh) })}
          </h2>
          <p className="mt-1 text-sm text-amber-900">{localizedName(locale, reveal.prizeDescription, reveal.prizeDescriptionTh)}</p>
          <p className="mt-3 text-sm font-medium text-slate-700">{t('ldCodeLabel')}</p>
          <div className="mt-1" data-testid="ld-reveal-code" data-code={reveal.redemptionCode}>
            <RedemptionQr code={reveal.redemptionCode} label={t('ldQrLabel', { code: reveal.redemptionCode })} />
          </div>
          <p className="mt-2 text-sm text-slate-700">{t('ldShowStaff')}</p>
          <div className="mt-3 flex flex-wrap justify-center gap-2">
            <button
              type="button"
              className={secondaryButton}
              onClick={() => {
                setReveal(null);
                spinButton.current?.focus();
              }}
            >
              {t('ldClose')}
            </button>
          </div>
        </section>
      )}

      <section className={sectionClass} aria-labelledby="ld-won-heading">
        <h2 id="ld-won-heading" className={sectionHeading}>
          {t('ldWonHeading')}
        </h2>
        {customer.prizes.length === 0 ? (
          <p className="mt-2 text-slate-600">{t('ldNoPrizesYet')}</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {customer.prizes.map((prize) => (
              <li
                key={prize.id}
                className="rounded-lg border border-slate-200 p-3"
                data-testid="ld-prize"
                data-code={prize.redemption_code}
                data-redeemed={prize.is_redeemed}
              >
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div>
                    <p className="font-semibold text-slate-900">{localizedName(locale, prize.prize_name, prize.prize_name_th)}</p>
                    <p className="text-sm text-slate-600">{localizedName(locale, prize.prize_description, prize.prize_description_th)}</p>
                  </div>
                  <span
                    className={`rounded-full px-2 py-0.5 text-xs font-semibold ${prize.is_redeemed ? 'bg-slate-200 text-slate-700' : 'bg-amber-100 text-amber-900'}`}
                    data-testid="ld-prize-state"
                  >
                    {prize.is_redeemed ? t('ldRedeemed') : t('ldPending')}
                  </span>
                </div>
                <p className="mt-1 font-mono text-lg tracking-wider text-slate-900">{prize.redemption_code}</p>
                <p className="text-xs text-slate-500">
                  {prize.is_redeemed && prize.redeemed_at
                    ? t('ldRedeemedBy', { time: dateTime.format(new Date(prize.redeemed_at)), staff: prize.redeemed_by_staff_name ?? '' })
                    : t('ldWonOn', { time: dateTime.format(new Date(prize.spin_timestamp)) })}
                </p>
                {!prize.is_redeemed && (
                  <>
                    <p className="mt-1 text-xs text-slate-600">{t('ldShowStaff')}</p>
                    <details className="mt-2">
                      <summary className="cursor-pointer text-sm font-medium text-turf-800">{t('ldShowQr')}</summary>
                      <div className="mt-2">
                        <RedemptionQr code={prize.redemption_code} label={t('ldQrLabel', { code: prize.redemption_code })} className="h-36 w-36" />
                      </div>
                    </details>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

    </>
  );
}
