import { encode } from 'next-auth/jwt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authSecret } from '@/lib/auth/secret';
import { issueSessionToken, profileIdOf } from '@/lib/auth/session-token';

/**
 * Decoded session tokens are kept per process (lib/auth/session-token.ts), so a member's
 * requests skip NextAuth's key derivation and decryption; a kept decode must never let through
 * what decoding would refuse: an expired token, a token under another secret, a made-up one.
 */
const bearer = (token: string) => new Request('http://localhost:3000/api/vip/bookings', { headers: { authorization: `Bearer ${token}` } });
const profile = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const saved = process.env.NEXTAUTH_SECRET;
const restoreSecret = () => {
  if (saved === undefined) delete process.env.NEXTAUTH_SECRET;
  else process.env.NEXTAUTH_SECRET = saved;
};

afterEach(() => {
  vi.useRealTimers();
  restoreSecret();
});

describe('kept session decodes', () => {
  it('answers each token with its own profile, again and again', async () => {
    const [a, b] = await Promise.all([issueSessionToken(profile(1)), issueSessionToken(profile(2))]);
    for (let i = 0; i < 3; i++) {
      expect(await profileIdOf(bearer(a))).toBe(profile(1));
      expect(await profileIdOf(bearer(b))).toBe(profile(2));
    }
  });

  it('refuses a token once it expired, though its decode was kept', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const token = await encode({ token: { sub: profile(3) }, secret: authSecret(), maxAge: 60 });
    expect(await profileIdOf(bearer(token))).toBe(profile(3));
    vi.setSystemTime(Date.now() + 30_000);
    expect(await profileIdOf(bearer(token))).toBe(profile(3));
    // Past exp and NextAuth's 15 s of clock tolerance.
    vi.setSystemTime(Date.now() + 60_000);
    expect(await profileIdOf(bearer(token))).toBeNull();
  });

  it('refuses a kept token under another secret, and never keeps a made-up or tampered one', async () => {
    const token = await issueSessionToken(profile(4));
    expect(await profileIdOf(bearer(token))).toBe(profile(4));
    process.env.NEXTAUTH_SECRET = 'another-secret-of-the-right-length-0123456789';
    expect(await profileIdOf(bearer(token))).toBeNull();
    restoreSecret();
    const tampered = `${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    for (let i = 0; i < 2; i++) {
      expect(await profileIdOf(bearer(tampered))).toBeNull();
      expect(await profileIdOf(bearer('not-a-token'))).toBeNull();
    }
    expect(await profileIdOf(bearer(token))).toBe(profile(4));
  });
});
