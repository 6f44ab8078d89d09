'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { translate, type Locale } from '@/lib/i18n/messages';

/** Retries one outbox job through POST /api/admin/outbox-jobs/{jobId}/retry (the admin's session cookie), then refreshes the list. */
export function RetryButton({ jobId, locale }: { jobId: string; locale: Locale }) {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const router = useRouter();
  const [state, setState] = useState<'idle' | 'busy' | 'sent' | 'queued' | 'error'>('idle');
  const [detail, setDetail] = useState<string | null>(null);

  async function retry() {
    setState('busy');
    setDetail(null);
    try {
      const response = await fetch(`/api/admin/outbox-jobs/${jobId}/retry`, { method: 'POST', credentials: 'same-origin' });
      const body = (await response.json()) as { status?: string; error?: string };
      if (!response.ok && response.status !== 202) {
        setState('error');
        setDetail(body.error ?? `HTTP ${response.status}`);
        return;
      }
      setState(body.status === 'queued' ? 'queued' : 'sent');
      setDetail(body.error ?? null);
      router.refresh();
    } catch {
      setState('error');
      setDetail(t('aoNetworkError'));
    }
  }

  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={retry}
        disabled={state === 'busy'}
        className="rounded bg-turf-700 px-3 py-1 text-sm font-semibold text-white disabled:opacity-50"
      >
        {t(state === 'busy' ? 'aoRetrying' : 'aoRetry')}
      </button>
      <span role="status" className="text-sm text-slate-600">
        {state === 'sent' ? t('aoDelivered') : state === 'queued' ? `${t('aoFailedAgain')}${detail ? `: ${detail}` : ''}` : state === 'error' ? detail : null}
      </span>
    </span>
  );
}
