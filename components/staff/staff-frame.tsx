import Link from 'next/link';
import type { ReactNode } from 'react';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { LanguageToggle } from '@/components/i18n/language-toggle';
import { translate, type Locale } from '@/lib/i18n/messages';
import type { StaffMember } from '@/lib/db/functions';

/**
 * The frame of every staff screen: who is signed in with a way out, and the screens their role
 * opens (an admin also manages accounts and sees the undelivered messages). Without a staff
 * account (`member` null) it says so instead of the screen.
 */
export function StaffFrame({ locale, member, title, children }: { locale: Locale; member: StaffMember | null; title: string; children: ReactNode }) {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const links = member ? [{ href: '/staff', label: t('stNavDaySheet') }, { href: '/staff/redeem', label: t('stNavRedeem') }, ...(member.role === 'admin' ? [{ href: '/staff/team', label: t('stNavTeam') }, { href: '/admin/outbox', label: t('stNavOutbox') }] : [])] : [];
  return (
    <main className="mx-auto max-w-4xl px-4 py-6 sm:py-10">
      <header className="mb-6 flex flex-wrap items-center justify-between gap-3">
        <nav aria-label={t('stNavLabel')} className="flex flex-wrap gap-3 text-sm">
          {links.map((link) => (
            <Link key={link.href} href={link.href} className="font-medium text-turf-700 underline-offset-2 hover:underline">
              {link.label}
            </Link>
          ))}
        </nav>
        <div className="flex flex-wrap items-center gap-2">
          <LanguageToggle locale={locale} />
          <SignOutButton locale={locale} name={member ? `${member.displayName} (${translate(locale, member.role === 'admin' ? 'stRoleAdmin' : 'stRoleStaff')})` : null} />
        </div>
      </header>
      <h1 className="text-2xl font-bold text-turf-900">{title}</h1>
      {member ? children : <p className="mt-4 text-slate-700">{t('stNotStaff')}</p>}
    </main>
  );
}
