import { staffSession } from '@/app/staff/staff-session';
import { rpc, serviceCaller } from '@/lib/db';
import { VENUE_TIME_ZONE } from '@/lib/venue/venue-clock';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { currentLocale } from '@/app/_i18n/current-locale';
import { RetryButton } from './retry-button';

export const dynamic = 'force-dynamic';

function formatTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: VENUE_TIME_ZONE }).format(new Date(iso));
}

// GET /admin/outbox – staff admins see undelivered outbox jobs (given up first) and retry them
export default async function AdminOutboxPage() {
  const staff = await staffSession('/admin/outbox');
  // Signed in, admin or not: a way out on either screen.
  const signOut = (
    <div className="mb-4 flex justify-end">
      <SignOutButton locale={await currentLocale()} />
    </div>
  );
  if (staff?.member.role !== 'admin') {
    return (
      <main className="mx-auto max-w-4xl px-4 py-10">
        {signOut}
        <h1 className="text-2xl font-bold text-turf-900">Outbox</h1>
        <p className="mt-4 text-slate-700">Only admins can see the outbox.</p>
      </main>
    );
  }
  const jobs = await rpc('list_undelivered_outbox_jobs', { p_limit: 100 }, serviceCaller);

  return (
    <main className="mx-auto max-w-5xl px-4 py-10">
      {signOut}
      <h1 className="text-2xl font-bold text-turf-900">Outbox: undelivered messages</h1>
      <p className="mt-2 text-slate-600">
        Emails, LINE messages and calendar changes that have not gone out yet. Given-up jobs come first; pending ones are retried
        automatically with back-off. Times are Bangkok time.
      </p>
      {jobs.length === 0 ? (
        <p className="mt-8 rounded border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">Everything has been delivered.</p>
      ) : (
        <table className="mt-8 w-full border-collapse text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300">
              <th className="py-2 pr-3">Status</th>
              <th className="py-2 pr-3">Kind</th>
              <th className="py-2 pr-3">Booking</th>
              <th className="py-2 pr-3">Attempts</th>
              <th className="py-2 pr-3">Next attempt</th>
              <th className="py-2 pr-3">Last error</th>
              <th className="py-2" />
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.id} className="border-b border-slate-200 align-top">
                <td className="py-2 pr-3">
                  <span className={job.status === 'failed' ? 'font-semibold text-red-700' : 'text-slate-700'}>{job.status === 'failed' ? 'given up' : job.status}</span>
                </td>
                <td className="py-2 pr-3 font-mono">{job.kind}</td>
                <td className="py-2 pr-3 font-mono">{job.bookingReference ?? '—'}</td>
                <td className="py-2 pr-3">
                  {job.attempts}/{job.maxAttempts}
                </td>
                <td className="py-2 pr-3">{job.status === 'failed' ? '—' : <time dateTime={job.runAfter}>{formatTime(job.runAfter)}</time>}</td>
                <td className="max-w-xs break-words py-2 pr-3 text-slate-700">{job.lastError ?? '—'}</td>
                <td className="py-2">{job.status === 'running' ? null : <RetryButton jobId={job.id} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
