'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { callApi } from '@/components/api/client-fetch';
import { inputClass, labelClass, sectionClass, sectionHeading } from '@/components/ui/form-styles';
import { primaryButton, secondaryButton } from '@/components/ui/styles';
import type { StaffMember } from '@/lib/db/functions';
import { translate, type Locale, type MessageKey } from '@/lib/i18n/messages';

const failureMessage = (code: string | null): MessageKey => {
  if (code === 'STAFF_MEMBER_EXISTS') return 'stErrExists';
  if (code === 'LAST_ADMIN') return 'stErrLastAdmin';
  if (code === 'VALIDATION_ERROR') return 'stErrInvalid';
  return 'stErrFailed';
};

/**
 * An admin's staff page: add an account by email (role staff or admin), make someone admin or
 * staff, remove them. Each action is one call of /api/staff/members, then the server's list
 * (and its audit) is read again.
 */
export function StaffTeam({ locale, members, selfId }: { locale: Locale; members: StaffMember[]; selfId: string }) {
  const t = (key: MessageKey, values?: Record<string, string | number>) => translate(locale, key, values);
  const router = useRouter();
  const id = useId();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<'staff' | 'admin'>('staff');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<MessageKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function act(key: string, request: () => ReturnType<typeof callApi>, done?: string) {
    setBusy(key);
    setError(null);
    setNotice(null);
    const result = await request();
    setBusy(null);
    if (!result.ok) {
      setError(failureMessage(result.code));
      return false;
    }
    if (done) setNotice(done);
    router.refresh();
    return true;
  }

  async function invite(event: FormEvent) {
    event.preventDefault();
    if (!email.trim() || !displayName.trim()) {
      setError('stErrInvalid');
      return;
    }
    const added = await act('invite', () => callApi('/api/staff/members', { method: 'POST', body: { email, role, displayName } }), t('stInvited', { email: email.trim().toLowerCase() }));
    if (added) {
      setEmail('');
      setDisplayName('');
      setRole('staff');
    }
  }

  return (
    <div className="mt-4 space-y-6">
      <p className="text-slate-700">{t('stTeamIntro')}</p>
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

      <section className={sectionClass} aria-labelledby={`${id}-invite`}>
        <h2 id={`${id}-invite`} className={sectionHeading}>
          {t('stInviteHeading')}
        </h2>
        <form onSubmit={invite} noValidate className="mt-3 grid gap-3 sm:grid-cols-[2fr_2fr_1fr_auto] sm:items-end">
          <div>
            <label className={labelClass} htmlFor={`${id}-email`}>
              {t('stEmail')}
            </label>
            <input id={`${id}-email`} type="email" autoComplete="off" className={inputClass} value={email} onChange={(e) => setEmail(e.target.value)} maxLength={200} />
          </div>
          <div>
            <label className={labelClass} htmlFor={`${id}-name`}>
              {t('stName')}
            </label>
            <input id={`${id}-name`} type="text" autoComplete="off" className={inputClass} value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={80} />
          </div>
          <div>
            <label className={labelClass} htmlFor={`${id}-role`}>
              {t('stRole')}
            </label>
            <select id={`${id}-role`} className={inputClass} value={role} onChange={(e) => setRole(e.target.value === 'admin' ? 'admin' : 'staff')}>
              <option value="staff">{t('stRoleStaff')}</option>
              <option value="admin">{t('stRoleAdmin')}</option>
            </select>
          </div>
          <button type="submit" className={primaryButton} disabled={busy !== null}>
            {busy === 'invite' ? t('stAdding') : t('stInvite')}
          </button>
        </form>
      </section>

      <section className={sectionClass} aria-labelledby={`${id}-members`}>
        <h2 id={`${id}-members`} className={sectionHeading}>
          {t('stMembersHeading')}
        </h2>
        <ul className="mt-3 divide-y divide-slate-200">
          {members.map((member) => (
            <li key={member.id} className="flex flex-wrap items-center justify-between gap-2 py-3" data-testid="staff-member" data-email={member.email}>
              <div>
                <p className="font-medium text-slate-900">
                  {member.displayName}
                  {member.id === selfId && <span className="text-slate-500"> ({t('stYou')})</span>}
                </p>
                <p className="text-sm text-slate-600">
                  {member.email} · <span data-testid="staff-role">{t(member.role === 'admin' ? 'stRoleAdmin' : 'stRoleStaff')}</span>
                </p>
              </div>
              <div className="flex flex-wrap gap-2">
                <button
                  type="button"
                  className={secondaryButton}
                  disabled={busy !== null}
                  onClick={() => act(`role-${member.id}`, () => callApi(`/api/staff/members/${member.id}`, { method: 'PATCH', body: { role: member.role === 'admin' ? 'staff' : 'admin' } }))}
                >
                  {busy === `role-${member.id}` ? t('stSaving') : t(member.role === 'admin' ? 'stMakeStaff' : 'stMakeAdmin')}
                </button>
                <button
                  type="button"
                  className={`${secondaryButton} text-red-700`}
                  disabled={busy !== null}
                  onClick={() => {
                    if (window.confirm(t('stRemoveConfirm', { email: member.email }))) void act(`remove-${member.id}`, () => callApi(`/api/staff/members/${member.id}`, { method: 'DELETE' }));
                  }}
                >
                  {busy === `remove-${member.id}` ? t('stSaving') : t('stRemove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
