import { staffSession } from '@/app/staff/staff-session';
import { rpc, serviceCaller } from '@/lib/db';
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
            // Wider than a phone: the table scrolls in its own box, which the keyboard can reach.
            <div tabIndex={0} role="region" aria-label={t('aoTitle')} className="mt-8 overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-500">
              <table className="w-full border-collapse text-left text-sm">
                <thead>
                  <tr className="border-b border-slate-300">
                    <th className="py-2 pr-3">{t('aoStatus')}</th>
                    <th className="py-2 pr-3">{t('aoKind')}</th>
                    <th className="py-2 pr-3">{t('aoBooking')}</th>
                    <th className="py-2 pr-3">{t('aoAttempts')}</th>
                    <th className="py-2 pr-3">{t('aoNextAttempt')}</th>
                    <th className="py-2 pr-3">{t('aoLastError')}</th>
                    <th className="py-2">
                      <span className="sr-only">{t('aoAction')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {jobs.map((job) => (
                    <tr key={job.id} className="border-b border-slate-200 align-top">
                      <td className="py-2 pr-3">
                        <span className={job.status === 'failed' ? 'font-semibold text-red-700' : 'text-slate-700'}>{t(statusKeys[job.status])}</span>
                      </td>
                      <td className="py-2 pr-3 font-mono">{job.kind}</td>
                      <td className="py-2 pr-3 font-mono">{job.bookingReference ?? '—'}</td>
                      <td className="py-2 pr-3">
                        {job.attempts}/{job.maxAttempts}
                      </td>
                      <td className="py-2 pr-3">{job.status === 'failed' ? '—' : <time dateTime={job.runAfter}>{formatTime(job.runAfter, locale)}</time>}</td>
                      <td className="max-w-xs break-words py-2 pr-3 text-slate-700">{job.lastError ?? '—'}</td>
                      <td className="py-2">{job.status === 'running' ? null : <RetryButton jobId={job.id} locale={locale} />}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </StaffFrame>
  );
}
