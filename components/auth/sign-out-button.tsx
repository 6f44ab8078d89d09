'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { translate, type Locale } from '@/lib/i18n/messages';

/**
 * Signs the user out on every signed-in screen: NextAuth's sign-out (POST /api/auth/signout
 * with its CSRF token) clears the session cookie, then the browser goes to `callbackUrl`
 * (the home page by default, which anyone may see). `name` says who is signed in, if given.
 */
export function SignOutButton({ locale, name, callbackUrl = '/' }: { locale: Locale; name?: string | null; callbackUrl?: string }) {
  const [leaving, setLeaving] = useState(false);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {name && (
        <span className="text-sm text-slate-600" data-testid="signed-in-as">
          {translate(locale, 'signedInAs', { name })}
        </span>
      )}
      <button
        type="button"
        data-testid="sign-out"
        disabled={leaving}
        onClick={() => {
          setLeaving(true);
          // A failed request leaves the session as it was: the button comes back to try again.
          signOut({ callbackUrl }).catch(() => setLeaving(false));
        }}
        className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:cursor-wait disabled:opacity-60 focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-500"
      >
        {translate(locale, leaving ? 'signingOut' : 'signOut')}
      </button>
    </span>
  );
}
