'use client';

import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useId, useMemo, useState, useSyncExternalStore, type FormEvent } from 'react';
import { primaryButton, secondaryButton } from '@/components/ui/styles';
import { translate, type Locale, type MessageKey } from '@/lib/i18n/messages';
import { VENUE_TIME_ZONE } from '@/lib/venue/venue-clock';
import { readVipSession, revalidateVipSession, subscribeVipSession, vipSessionSnapshot, writeVipSession, type StoredVipSession } from './vip-session-store';
import { useVipCodeEntry, type CodeNotice } from './use-vip-code-entry';

/**
 * The pages a concierge session changes: the availability, the booking form and the booking's
 * result. Elsewhere (the VIP portal, staff, admin, developer, sign-in, LIFF and 404 pages) the
 * bar would offer something those pages ignore, so it is not shown there.
 */
const BOOKING_PAGES = new Set(['/', '/book', '/book/confirmed']);

/**
 * The concierge VIP session on the booking pages: `?vip=CODE` opens one (and leaves the URL
 * clean), a stored one is re-validated on load, and the bar says whose VIP access this is, what
 * it gives (bookings made through the hotel's concierge) and when it ends, or that this is demo
 * mode. Without a session, a small form takes a code; an unknown code says "not recognised" and
 * offers demo mode rather than switching to it. A named landmark of its own (an aside beside
 * the page's main), so its content is in a region.
 */
export function VipSessionBanner({ locale }: { locale: Locale }) {
  const shown = BOOKING_PAGES.has(usePathname());
  const t = useCallback((key: MessageKey, values?: Record<string, string | number>) => translate(locale, key, values), [locale]);
  // The stored session is the state (the server renders none): every change goes through writeVipSession.
  const snapshot = useSyncExternalStore(subscribeVipSession, vipSessionSnapshot, () => null);
  const session = useMemo(() => (snapshot ? (JSON.parse(snapshot) as StoredVipSession) : null), [snapshot]);
  const { notice, setNotice, unknownCode, open, continueInDemo } = useVipCodeEntry();
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!shown) return;
    const url = new URL(window.location.href);
    const code = url.searchParams.get('vip');
    if (code !== null) {
      url.searchParams.delete('vip');
      window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
      open(code);
      return;
    }
    const stored = readVipSession();
    if (stored) {
      void revalidateVipSession(stored).then((fresh) => {
        writeVipSession(fresh);
        if (!fresh) setNotice('ended');
      });
    }
  }, [open, setNotice, shown]);

  // Time left, and the end of the session while the page is open.
  useEffect(() => {
    if (!session) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (Date.parse(session.expiresAt) <= Date.now()) {
        writeVipSession(null);
        setNotice('ended');
      }
    }, 30_000);
    return () => clearInterval(timer);
  }, [session, setNotice]);

  const end = () => {
    writeVipSession(null);
  };

  if (!shown) return null;

  if (session && !session.isDemo) {
    const minutesLeft = Math.max(0, Math.floor((Date.parse(session.expiresAt) - now) / 60_000));
    const endsAt = new Intl.DateTimeFormat(locale === 'th' ? 'th-TH' : 'en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: VENUE_TIME_ZONE }).format(new Date(session.expiresAt));
    return (
      <aside aria-label={t('vipBarLabel')} data-testid="vip-banner" className="bg-amber-100 text-amber-950">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
          <p role="status">
            <span className="font-semibold">{t('vipActive', { hotel: session.hotelName ?? '', concierge: session.conciergeName ?? '' })}</span>{' '}
            <span data-testid="vip-gives">{t('vipGives', { end: endsAt })}</span> <span>{t('vipTimeLeft', { hours: Math.floor(minutesLeft / 60), minutes: minutesLeft % 60 })}</span>
          </p>
          <button type="button" onClick={end} className={secondaryButton}>
            {t('vipEnd')}
          </button>
        </div>
      </aside>
    );
  }

  return (
    <aside aria-label={t('vipBarLabel')} data-testid="vip-banner" className={session ? 'bg-sky-100 text-sky-950' : 'bg-white text-slate-700 ring-1 ring-slate-200'}>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
        <p role="status" aria-live="polite" className={session && notice === null ? 'font-medium' : undefined} data-testid="vip-session-notice">
          {notice === null ? t(session ? 'vipDemo' : 'vipCodePrompt') : <CodeNoticeText notice={notice} code={unknownCode} t={t} />}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          {notice === 'unknown' && (
            <button type="button" onClick={continueInDemo} className={secondaryButton}>
              {t('vipContinueDemo')}
            </button>
          )}
          {session && notice === null && (
            <button type="button" onClick={end} className={secondaryButton}>
              {t('vipLeaveDemo')}
            </button>
          )}
          <VipCodeForm label={t('vipCodeLabel')} submit={t('vipCodeSubmit')} onSubmit={open} disabled={notice === 'opening'} />
        </div>
      </div>
    </aside>
  );
}

const noticeKey: Record<Exclude<CodeNotice, null>, MessageKey> = {
  opening: 'vipOpening',
  invalid: 'vipCodeInvalid',
  unknown: 'vipCodeUnknown',
  failed: 'vipFailed',
  ended: 'vipEnded',
};

/** The text of a code entry's notice (not the idle prompt). */
export function CodeNoticeText({ notice, code, t }: { notice: Exclude<CodeNotice, null>; code: string | null; t: (key: MessageKey, values?: Record<string, string | number>) => string }) {
  return <>{t(noticeKey[notice], { code: code ?? '' })}</>;
}

/** A concierge code's input and submit button (the banner's, and the demo result's). */
export function VipCodeForm({ label, submit, onSubmit, disabled }: { label: string; submit: string; onSubmit: (code: string) => void; disabled: boolean }) {
  const id = useId();
  const [code, setCode] = useState('');
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim()) onSubmit(code.trim());
  };
  return (
    <form onSubmit={send} className="flex items-center gap-2">
      <label className="sr-only" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        name="vip"
        value={code}
        onChange={(event) => setCode(event.target.value)}
        placeholder={label}
        autoComplete="off"
        maxLength={20}
        className="w-32 rounded-md border border-slate-300 px-2 py-1 text-base uppercase focus:border-turf-500 focus:outline-none focus:ring-2 focus:ring-turf-500"
      />
      <button type="submit" disabled={disabled} className={primaryButton}>
        {submit}
      </button>
    </form>
  );
}
