'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { translate, type Locale, type MessageKey } from '@/lib/i18n/messages';

const items: { href: string; label: MessageKey }[] = [
  { href: '/vip', label: 'vipNavOverview' },
  { href: '/vip/bookings', label: 'vipNavBookings' },
  { href: '/vip/packages', label: 'vipNavPackages' },
  { href: '/vip/profile', label: 'vipNavProfile' },
];

/** The portal's sections; the current one is marked for assistive technology too. */
export function VipNav({ locale }: { locale: Locale }) {
  const pathname = usePathname();
  return (
    <nav aria-label={translate(locale, 'vipNavLabel')} className="mb-5">
      <ul className="flex flex-wrap gap-2">
        {items.map((item) => {
          const current = pathname === item.href;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? 'page' : undefined}
                className={`inline-block rounded-md px-3 py-1.5 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-500 ${
                  current ? 'bg-turf-600 text-white' : 'bg-white text-turf-800 ring-1 ring-slate-300 hover:bg-turf-50'
                }`}
              >
                {translate(locale, item.label)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
