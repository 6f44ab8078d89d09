import { notFound } from 'next/navigation';
import { rpc, serviceCaller } from '@/lib/db';
import type { SqlResult } from '@/lib/db/functions';
import { developerToolsEnabled } from '@/lib/config/deployment';
import { translate, type Locale, type MessageKey } from '@/lib/i18n/messages';
import { currentLocale } from '@/app/_i18n/current-locale';
import { VENUE_TIME_ZONE } from '@/lib/venue/venue-clock';
import { titled } from '@/app/_i18n/page-metadata';

export const dynamic = 'force-dynamic';

const outboxMetadata = titled('devToolsOutbox');
// Without the developer tools the page is a 404, and its tab title must not name it either.
export const generateMetadata = async () => (developerToolsEnabled() ? outboxMetadata() : {});

type RecordedMessage = SqlResult<'list_outgoing_messages'>[number];

const channelLabels: Record<RecordedMessage['channel'], MessageKey> = { email: 'doEmail', calendar: 'doCalendar', line: 'doLine' };
const channelColours: Record<RecordedMessage['channel'], string> = {
  email: 'bg-sky-100 text-sky-900',
  calendar: 'bg-amber-100 text-amber-900',
  line: 'bg-green-100 text-green-900',
};

function formatTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'th' ? 'th-TH' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: VENUE_TIME_ZONE }).format(new Date(iso));
}

/** The readable part of a message: an email's or LINE message's text, else nothing. */
function readableText(message: RecordedMessage): string | null {
  const text = message.body.text;
  return typeof text === 'string' ? text : null;
}

// GET /dev/outbox – what the app would have sent without provider keys (developer tools only)
export default async function DevOutboxPage() {
  // Emailed link codes and phone numbers: a production build without DEV_TOOLS=1 has no such page.
  if (!developerToolsEnabled()) notFound();
  const messages = await rpc('list_outgoing_messages', { p_limit: 50 }, serviceCaller);
  const locale = await currentLocale();
  const t = (key: MessageKey, values?: Record<string, string | number>) => translate(locale, key, values);

  return (
    <main className="mx-auto max-w-4xl px-4 py-10">
      <h1 className="text-2xl font-bold text-turf-900">{t('devToolsOutbox')}</h1>
      <p className="mt-2 text-slate-600">{t('doIntro')}</p>

      {messages.length === 0 ? (
        <p className="mt-8 rounded border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">{t('doEmpty')}</p>
      ) : (
        <ol className="mt-8 space-y-6">
          {messages.map((message) => {
            const text = readableText(message);
            const html = message.channel === 'email' && typeof message.body.html === 'string' ? message.body.html : null;
            return (
              <li key={message.id} className="rounded border border-slate-200 bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                  <span className={`rounded px-2 py-0.5 text-xs font-semibold ${channelColours[message.channel]}`}>{t(channelLabels[message.channel])}</span>
                  <span className="font-medium">{message.subject ?? t('doNoSubject')}</span>
                  <time dateTime={message.createdAt} className="ml-auto text-sm text-slate-500">
                    {formatTime(message.createdAt, locale)}
                  </time>
                </div>
                <p className="mt-1 text-sm text-slate-600">
                  {t('doTo')} <span className="font-mono">{message.recipient}</span>
                </p>
                {text !== null && <pre className="mt-3 whitespace-pre-wrap break-words rounded bg-slate-50 p-3 text-sm">{text}</pre>}
                {html !== null && (
                  <details className="mt-3">
                    <summary className="cursor-pointer text-sm text-turf-700">{t('doAsHtml')}</summary>
                    {/* An empty sandbox: no scripts, no same-origin access. */}
                    <iframe title={t('doEmailFrame', { id: message.id })} sandbox="" srcDoc={html} className="mt-2 h-96 w-full rounded border border-slate-200 bg-white" />
                  </details>
                )}
                <details className="mt-3" open={text === null}>
                  <summary className="cursor-pointer text-sm text-turf-700">{t('doEverything')}</summary>
                  {/* Wrapped, never a scroll box of its own: the page scrolls it, keyboard included. */}
                  <pre className="mt-2 whitespace-pre-wrap break-words rounded bg-slate-50 p-3 text-xs">
                    {JSON.stringify(message.body, null, 2)}
                  </pre>
                </details>
              </li>
            );
          })}
        </ol>
      )}
    </main>
  );
}
