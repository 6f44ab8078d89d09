import { StaffFrame } from '@/components/staff/staff-frame';
import { StaffTeam } from '@/components/staff/staff-team';
import { currentLocale } from '@/app/_i18n/current-locale';
import { titled } from '@/app/_i18n/page-metadata';
import { staffSession } from '@/app/staff/staff-session';
import type { StaffAuditEntry } from '@/lib/db/functions';
import { translate, type Locale } from '@/lib/i18n/messages';
import { listStaffAudit } from '@/lib/staff/list-staff-audit';
import { listStaffMembers } from '@/lib/staff/list-staff-members';
import { VENUE_TIME_ZONE } from '@/lib/venue/venue-clock';
import type { z } from 'zod';

export const dynamic = 'force-dynamic';

export const generateMetadata = titled('stTeamTitle');

/** What one audit row says happened, in the visitor's language. */
function changeText(locale: Locale, entry: z.infer<typeof StaffAuditEntry>): string {
  const role = (value: string | undefined) => translate(locale, value === 'admin' ? 'stRoleAdmin' : 'stRoleStaff');
  switch (entry.action) {
    case 'bootstrapped':
      return translate(locale, 'stActionBootstrapped');
    case 'migrated':
      return translate(locale, 'stActionMigrated');
    case 'invited':
      return translate(locale, 'stActionInvited', { role: role(entry.after?.role) });
    case 'removed':
      return translate(locale, 'stActionRemoved');
    case 'changed': {
      const parts = [];
      if (entry.before?.role !== entry.after?.role) parts.push(`${role(entry.before?.role)} → ${role(entry.after?.role)}`);
      if (entry.before?.displayName !== entry.after?.displayName) parts.push(`${entry.before?.displayName} → ${entry.after?.displayName}`);
      return translate(locale, 'stActionChanged', { change: parts.join(', ') });
    }
  }
}

// GET /staff/team – admins add, promote, demote and remove staff accounts, and see who changed what
export default async function StaffTeamPage() {
  const locale = await currentLocale();
  const staff = await staffSession('/staff/team');
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  if (staff?.member.role !== 'admin') {
    return (
      <StaffFrame locale={locale} member={staff?.member ?? null} title={t('stTeamTitle')}>
        <p className="mt-4 text-slate-700">{t('stOnlyAdmins')}</p>
      </StaffFrame>
    );
  }
  const [{ members }, { entries }] = await Promise.all([listStaffMembers(staff), listStaffAudit(staff, 30)]);
  const when = new Intl.DateTimeFormat(locale === 'th' ? 'th-TH' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: VENUE_TIME_ZONE });
  return (
    <StaffFrame locale={locale} member={staff.member} title={t('stTeamTitle')}>
      <StaffTeam locale={locale} members={members} selfId={staff.member.id} />
      <section className="mt-6 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6" aria-labelledby="staff-audit-heading">
        <h2 id="staff-audit-heading" className="text-lg font-semibold text-turf-900">
          {t('stAuditHeading')}
        </h2>
        {entries.length === 0 ? (
          <p className="mt-3 text-slate-600">{t('stAuditEmpty')}</p>
        ) : (
          // Wider than a phone: the table scrolls in its own box, which the keyboard reaches (a group, not another landmark).
          <div tabIndex={0} role="group" aria-labelledby="staff-audit-heading" className="mt-3 overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-500">
            <table className="w-full border-collapse text-left text-sm" data-testid="staff-audit">
              <thead>
                <tr className="border-b border-slate-300">
                  <th className="py-2 pr-3">{t('stAuditWhen')}</th>
                  <th className="py-2 pr-3">{t('stAuditAccount')}</th>
                  <th className="py-2 pr-3">{t('stAuditWhat')}</th>
                  <th className="py-2">{t('stAuditBy')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id} className="border-b border-slate-200 align-top">
                    <td className="py-2 pr-3 whitespace-nowrap">
                      <time dateTime={entry.at}>{when.format(new Date(entry.at))}</time>
                    </td>
                    <td className="py-2 pr-3 break-all">{entry.memberEmail}</td>
                    <td className="py-2 pr-3">{changeText(locale, entry)}</td>
                    <td className="py-2 break-all">{entry.actorEmail ?? t('stAuditDeployment')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </StaffFrame>
  );
}
