import type { ReactNode } from 'react';
import { staffSession } from '@/app/staff/staff-session';
import { rpc, serviceCaller } from '@/lib/db';
import type { SqlResult } from '@/lib/db/functions';
import { VENUE_TIME_ZONE } from '@/lib/venue/venue-clock';
import { StaffFrame } from '@/components/staff/staff-frame';
import { translate, type Locale, type MessageKey } from '@/lib/i18n/messages';
import { currentLocale } from '@/app/_i18n/current-locale';
import { titled } from '@/app/_i18n/page-metadata';
import { RetryButton } from './retry-button';

export const dynamic = 'force-dynamic';

export const generateMetadata = titled('stNavOutbox');

function formatTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'th' ? 'th-TH' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: VENUE_TIME_ZONE }).format(new Date(iso));
}

const statusKeys: Record<'pending' | 'running' | 'failed', MessageKey> = { pending: 'aoPending', running: 'aoRunning', failed: 'aoFailed' };

type OutboxJob = SqlResult<'list_undelivered_outbox_jobs'>[number];

/** What the outbox shows of a job, label by label: the table's columns and the phone card's rows. */
function jobFields(job: OutboxJob, locale: Locale): { label: MessageKey; value: ReactNode; className?: string }[] {
  return [
    {
      label: 'aoStatus',
      value: <span className={job.status === 'failed' ? 'font-semibold text-red-700' : 'text-slate-700'}>{translate(locale, statusKeys[job.status])}</span>,
    },
    { label: 'aoKind', value: job.kind, className: 'font-mono' },
    { label: 'aoBooking', value: job.bookingReference ?? '—', className: 'font-mono' },
    { label: 'aoAttempts', value: `${job.attempts}/${job.maxAttempts}` },
    { label: 'aoNextAttempt', value: job.status === 'failed' ? '—' : <time dateTime={job.runAfter}>{formatTime(job.runAfter, locale)}</time> },
    { label: 'aoLastError', value: job.lastError ?? '—', className: 'max-w-xs break-words text-slate-700' },
  ];
}

// GET /admin/outbox – staff admins see undelivered outbox jobs (given up first) and retry them
export default async function AdminOutboxPage() {
  const staff = await staffSession('/admin/outbox');
  const locale = await currentLocale();
  const t = (key: MessageKey) => translate(locale, key);
  const isAdmin = staff?.member.role === 'admin';
  const jobs = isAdmin ? await rpc('list_undelivered_outbox_jobs', { p_limit: 100 }, serviceCaller) : [];

  // The staff screens' frame: who is signed in with a way out, the language, the other screens.
  return (
    <StaffFrame locale={locale} member={staff?.member ?? null} title={t(isAdmin ? 'aoTitle' : 'stNavOutbox')}>
      {!isAdmin ? (
        <p className="mt-4 text-slate-700">{t('aoAdminsOnly')}</p>
      ) : (
        <>
          <p className="mt-2 text-slate-600">{t('aoIntro')}</p>
          {jobs.length === 0 ? (
            <p className="mt-8 rounded border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">{t('aoEmpty')}</p>
          ) : (
            <>
              {/* On a phone each job is a card of label and value; wider, one table. Both from jobFields. */}
              <ul className="mt-6 space-y-3 sm:hidden" aria-label={t('aoTitle')}>
                {jobs.map((job) => (
                  <li key={job.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
                    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
                      {jobFields(job, locale).map((field) => (
                        <div key={field.label} className="contents">
                          <dt className="text-slate-600">{t(field.label)}</dt>
                          <dd className={`min-w-0 break-words ${field.className ?? ''}`}>{field.value}</dd>
                        </div>
                      ))}
                    </dl>
                    {job.status !== 'running' && (
                      <div className="mt-3">
                        <RetryButton jobId={job.id} locale={locale} />
                      </div>
                    )}
                  </li>
                ))}
              </ul>
              <table className="mt-8 hidden w-full border-collapse text-left text-sm sm:table">
                <thead>
                  <tr className="border-b border-slate-300">
                    {jobFields(jobs[0]!, locale).map((field) => (
                      <th key={field.label} className="py-2 pr-3">
                        {t(field.label)}
                      </th>
                    ))}
                    <th className="py-2">
                      <span className="sr-only">{t('aoAction')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {jobs.map((job) => (
                    <tr key={job.id} className="border-b border-slate-200 align-top">
                      {jobFields(job, locale).map((field) => (
                        <td key={field.label} className={`py-2 pr-3 ${field.className ?? ''}`}>
                          {field.value}
                        </td>
                      ))}
                      <td className="py-2">{job.status === 'running' ? null : <RetryButton jobId={job.id} locale={locale} />}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </StaffFrame>
  );
}
