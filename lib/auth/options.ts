import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import FacebookProvider from 'next-auth/providers/facebook';
import GoogleProvider from 'next-auth/providers/google';
import LineProvider from 'next-auth/providers/line';
import { z } from 'zod';
import { phoneNumberField } from '../contact/phone';
import { rpc, serviceCaller } from '../db';
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
export function enabledOAuthProviders(env: NodeJS.ProcessEnv = process.env): OAuthProviderId[] {
  const enabled: OAuthProviderId[] = [];
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) enabled.push('google');
  if (env.FACEBOOK_CLIENT_ID && env.FACEBOOK_CLIENT_SECRET) enabled.push('facebook');
  if (env.LINE_CLIENT_ID && env.LINE_CLIENT_SECRET) enabled.push('line');
  return enabled;
}

/**
 * NextAuth with the JWT strategy. The token's `sub` is our profile id. An OAuth sign-in
 * finds its profile by provider and provider account id only; a guest sign-in always
 * creates a new profile. Neither ever lands in a profile because an email or phone matched.
 */
export function authOptions(): NextAuthOptions {
  const env = process.env;
  // NextAuth builds callback URLs from NEXTAUTH_URL; locally, default it to this server's port.
  if (!env.NEXTAUTH_URL && env.NODE_ENV !== 'production') env.NEXTAUTH_URL = `http://localhost:${env.PORT || 3000}`;
  const providers: NextAuthOptions['providers'] = [];
  const oauth = enabledOAuthProviders(env);
  if (oauth.includes('google')) providers.push(GoogleProvider({ clientId: env.GOOGLE_CLIENT_ID!, clientSecret: env.GOOGLE_CLIENT_SECRET! }));
  if (oauth.includes('facebook')) providers.push(FacebookProvider({ clientId: env.FACEBOOK_CLIENT_ID!, clientSecret: env.FACEBOOK_CLIENT_SECRET! }));
  if (oauth.includes('line')) providers.push(LineProvider({ clientId: env.LINE_CLIENT_ID!, clientSecret: env.LINE_CLIENT_SECRET! }));
  providers.push(
    CredentialsProvider({
      id: 'guest',
      name: 'Guest',
      credentials: { name: { label: 'Name' }, email: { label: 'Email' }, phone: { label: 'Phone' } },
      async authorize(credentials) {
        const guest = GuestSignIn.safeParse(credentials);
        if (!guest.success) return null;
        const { profileId } = await rpc(
          'create_guest_profile',
          { p_name: guest.data.name, p_email: guest.data.email, p_phone: guest.data.phone },
          serviceCaller,
        );
        return { id: profileId, name: guest.data.name, email: guest.data.email };
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
        if (account.provider === 'guest') {
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
