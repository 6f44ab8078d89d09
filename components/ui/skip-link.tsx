'use client';

import { usePathname } from 'next/navigation';

/**
 * Pages whose main content is `<main id="main" tabIndex={-1}>`: on these the skip link is the
 * first thing Tab reaches (before the site-wide banners), and jumps past them and the header.
 * A page joins by giving its main that id and adding its path here (a link to a missing
 * target would be a dead skip link).
 */
const PAGES_WITH_MAIN = new Set(['/']);

/** "Skip to main content", shown only while it has the keyboard focus. */
export function SkipLink({ label }: { label: string }) {
  const pathname = usePathname();
  if (!PAGES_WITH_MAIN.has(pathname)) return null;
  return (
    <a
      href="#main"
      className="sr-only rounded-md bg-white px-4 py-2 font-medium text-turf-900 shadow ring-2 ring-turf-600 focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50"
    >
      {label}
    </a>
  );
}
