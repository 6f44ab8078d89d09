import { afterEach, describe, expect, it } from 'vitest';
import { POST as devTokenRoute } from '@/app/api/liff/dev-token/route';
import { GET as meRoute } from '@/app/api/liff/me/route';
import { mintDevLineToken } from '@/lib/lucky-draw/dev-token';
import { LOCAL_LIFF_CHANNEL_ID, localLiffChannelSecret } from '@/lib/auth/local-liff-channel';
import { lineTokenSettings } from '@/lib/auth/verify-line-token';
import { call, json } from '../support/http';

const DEMO_LINE_USER = 'U00000000000000000000000000demo01';
const names = ['NODE_ENV', 'DATABASE_URL', 'DEV_TOOLS'] as const;
const saved = names.map((name) => [name, process.env[name]] as const);

afterEach(() => {
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else Object.assign(process.env, { [name]: value });
  }
});

/** A production build (`next start`) as the attacker found it: no LINE channel, no DEV_TOOLS. */
function productionBuild(extra: Record<string, string> = {}) {
  delete process.env.DEV_TOOLS;
  Object.assign(process.env, { NODE_ENV: 'production', ...extra });
}

describe('the LIFF screen’s local sign-in', () => {
  it('on a local setup mints a token that passes the normal verification and names the linked customer', async () => {
    expect(lineTokenSettings().channelId).toBe(LOCAL_LIFF_CHANNEL_ID);
    const minted = await call(devTokenRoute, 'POST', '/api/liff/dev-token', { body: { lineUserId: DEMO_LINE_USER } });
    expect(minted.status).toBe(200);
    const { idToken } = await json<{ idToken: string }>(minted);

    const me = await call(meRoute, 'GET', '/api/liff/me', { headers: { Authorization: `Bearer ${idToken}` } });
    expect(me.status).toBe(200);
    expect(await json(me)).toMatchObject({ lineUserId: DEMO_LINE_USER, customerId: expect.stringMatching(/^[0-9a-f-]{36}$/) });

    const tampered = await call(meRoute, 'GET', '/api/liff/me', { headers: { Authorization: `Bearer ${idToken.slice(0, -3)}abc` } });
    expect(tampered.status).toBe(401);
  });

  it('does not exist in a production build on the embedded database, and there is no local channel there', async () => {
    // The embedded default: no database configured. The route answers before any database call.
    productionBuild({ DATABASE_URL: '' });
    const minted = await call(devTokenRoute, 'POST', '/api/liff/dev-token', { body: { lineUserId: DEMO_LINE_USER } });
    expect(minted.status).toBe(404);
    expect(await json(minted)).toMatchObject({ code: 'NOT_FOUND' });
    expect(lineTokenSettings().channelId).toBeUndefined();
  });

  it('does not exist in a production build on a real database either', async () => {
    productionBuild({ DATABASE_URL: 'postgresql://db.example.com/golf' });
    const minted = await call(devTokenRoute, 'POST', '/api/liff/dev-token', { body: { lineUserId: DEMO_LINE_USER } });
    expect(minted.status).toBe(404);
    expect(lineTokenSettings().channelId).toBeUndefined();
  });

  it('a token minted with the local channel’s secret is refused by a production build without a LINE channel', async () => {
    // The attack: a token signed with the local secret left under DATA_DIR, for a real customer's LINE user.
    const forged = await mintDevLineToken(DEMO_LINE_USER, { channelId: LOCAL_LIFF_CHANNEL_ID, channelSecret: localLiffChannelSecret(), jwksUrl: '' });
    const accepted = await call(meRoute, 'GET', '/api/liff/me', { headers: { Authorization: `Bearer ${forged.idToken}` } });
    expect(accepted.status).toBe(200);

    productionBuild();
    const refused = await call(meRoute, 'GET', '/api/liff/me', { headers: { Authorization: `Bearer ${forged.idToken}` } });
    expect(refused.status).toBe(401);
    expect(await json(refused)).toMatchObject({ code: 'LINE_TOKEN_INVALID' });
  });

  it('comes back in a production build with DEV_TOOLS=1, tokens verified like any other', async () => {
    productionBuild({ DEV_TOOLS: '1' });
    expect(lineTokenSettings().channelId).toBe(LOCAL_LIFF_CHANNEL_ID);
    const minted = await call(devTokenRoute, 'POST', '/api/liff/dev-token', { body: { lineUserId: DEMO_LINE_USER } });
    expect(minted.status).toBe(200);
    const { idToken } = await json<{ idToken: string }>(minted);
    const me = await call(meRoute, 'GET', '/api/liff/me', { headers: { Authorization: `Bearer ${idToken}` } });
    expect(me.status).toBe(200);
    expect(await json(me)).toMatchObject({ lineUserId: DEMO_LINE_USER });
  });

  it('refuses a malformed LINE user id with 400', async () => {
    const response = await call(devTokenRoute, 'POST', '/api/liff/dev-token', { body: { lineUserId: 'x; drop' } });
    expect(response.status).toBe(400);
  });
});
