import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import FacebookProvider from 'next-auth/providers/facebook';
import GoogleProvider from 'next-auth/providers/google';
import LineProvider from 'next-auth/providers/line';
import { z } from 'zod';
import { isProductionBuild } from '../config/deployment';
import { readEnv, type EnvSource } from '../config/env';
import { phoneNumberField } from '../contact/phone';
import { rpc, serviceCaller } from '../db';
import { EmailCodeError, verifyEmailSignInCode } from './email-code';
import { GUEST_INVALID } from './sign-in-errors';
import { authSecret } from './secret';
import { SESSION_MAX_AGE_SECONDS } from './session-token';

export const GuestSignIn = z.object({
  name: z.string().trim().min(1, 'Name is required').max(120),
  email: z.string().trim().email('Email is not valid').max(200),
  // Stored as E.164, as bookings and customer records are, so a guest's profile matches them.
  phone: phoneNumberField('Phone is not valid'),
});

type OAuthProviderId = 'google' | 'facebook' | 'line';

/** The OAuth providers whose keys are configured, in display order. */
export function enabledOAuthProviders(env: EnvSource = process.env): OAuthProviderId[] {
  return (Object.keys(oauthKeys) as OAuthProviderId[]).filter((id) => oauthKeys[id](env) !== null);
}

/** A provider's client id and secret, or null unless both are set. */
const oauthKeys: Record<OAuthProviderId, (env?: EnvSource) => { clientId: string; clientSecret: string } | null> = {
  google: (env) => keyPair(readEnv('GOOGLE_CLIENT_ID', env), readEnv('GOOGLE_CLIENT_SECRET', env)),
  facebook: (env) => keyPair(readEnv('FACEBOOK_CLIENT_ID', env), readEnv('FACEBOOK_CLIENT_SECRET', env)),
  line: (env) => keyPair(readEnv('LINE_CLIENT_ID', env), readEnv('LINE_CLIENT_SECRET', env)),
};
const keyPair = (clientId: string | undefined, clientSecret: string | undefined) => (clientId && clientSecret ? { clientId, clientSecret } : null);

/** Whether an OAuth provider's profile vouches for the email it gave (OpenID Connect `email_verified`). */
function oauthEmailVerified(profile: unknown, email: string | null | undefined): boolean {
  const claims = profile as { email?: unknown; email_verified?: unknown } | undefined;
  return Boolean(email) && claims?.email_verified === true && (claims.email === undefined || String(claims.email).toLowerCase() === email!.toLowerCase());
}

/**
 * NextAuth with the JWT strategy. The token's `sub` is our profile id. An OAuth sign-in
 * finds its profile by provider and provider account id only; a guest sign-in always
 * creates a new profile. Neither ever lands in a profile because an email or phone matched.
 * An emailed-code sign-in (`email-code`) proves the address: its profile is the address's own.
 * The token's `emailVerified` says whether the sign-in proved `email` (verifiedEmailOf).
 */
export function authOptions(): NextAuthOptions {
  // NextAuth reads NEXTAUTH_URL itself to build callback URLs; locally, default it to this server's port.
  if (!readEnv('NEXTAUTH_URL') && !isProductionBuild()) process.env.NEXTAUTH_URL = `http://localhost:${readEnv('PORT')}`;
  const providers: NextAuthOptions['providers'] = [];
  const google = oauthKeys.google();
  const facebook = oauthKeys.facebook();
  const line = oauthKeys.line();
  if (google) providers.push(GoogleProvider(google));
  if (facebook) providers.push(FacebookProvider(facebook));
  if (line) providers.push(LineProvider(line));
  providers.push(
    CredentialsProvider({
      id: 'guest',
      name: 'Guest',
      credentials: { name: { label: 'Name' }, email: { label: 'Email' }, phone: { label: 'Phone' } },
      async authorize(credentials) {
        const guest = GuestSignIn.safeParse(credentials);
        // NextAuth answers the thrown message as `error`: the form marks the fields it names.
        if (!guest.success) throw new Error(`${GUEST_INVALID}${[...new Set(guest.error.issues.map((issue) => String(issue.path[0])))].join(',')}`);
        const { profileId } = await rpc(
          'create_guest_profile',
          { p_name: guest.data.name, p_email: guest.data.email, p_phone: guest.data.phone },
          serviceCaller,
        );
        return { id: profileId, name: guest.data.name, email: guest.data.email };
      },
    }),
    CredentialsProvider({
      id: 'email-code',
      name: 'Email code',
      credentials: { email: { label: 'Email' }, code: { label: 'Code' } },
      async authorize(credentials, request) {
        try {
          const { profileId, email } = await verifyEmailSignInCode(credentials, new Headers(request.headers as Record<string, string>));
          return { id: profileId, email, name: null };
        } catch (error) {
          // NextAuth answers the thrown message as `error`: the form says which problem it was.
          if (error instanceof EmailCodeError) throw new Error(error.failure);
          throw error;
        }
      },
    }),
  );

  return {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    providers,
    pages: { signIn: '/login' },
    callbacks: {
      async jwt({ token, user, account, profile }) {
        if (!account || !user) return token;
        // Verified only when the sign-in proved the address: the emailed code, or an OAuth
        // provider that says so (email_verified). A guest's typed email never is.
        token.emailVerified = account.provider === 'email-code' || (account.provider !== 'guest' && oauthEmailVerified(profile, user.email));
        token.authMethod = account.provider;
        if (account.provider === 'guest' || account.provider === 'email-code') {
          token.sub = user.id;
        } else {
          const { profileId } = await rpc(
            'upsert_oauth_profile',
            {
              p_provider: account.provider as OAuthProviderId,
              p_provider_account_id: account.providerAccountId,
              p_name: user.name ?? null,
              p_email: user.email ?? null,
              p_picture_url: user.image ?? (profile as { picture?: string } | undefined)?.picture ?? null,
            },
            serviceCaller,
          );
          token.sub = profileId;
        }
        token.provider = account.provider;
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
  };
}
