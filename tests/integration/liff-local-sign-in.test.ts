import { afterEach, describe, expect, it } from 'vitest';
import { POST as devTokenRoute } from '@/app/api/liff/dev-token/route';
import { GET as meRoute } from '@/app/api/liff/me/route';
import { LOCAL_LIFF_CHANNEL_ID } from '@/lib/lucky-draw/local-liff-channel';
import { lineTokenSettings } from '@/lib/lucky-draw/verify-line-token';
import { call, json } from '../support/http';

const DEMO_LINE_USER = 'U00000000000000000000000000demo01';
const saved = { NODE_ENV: process.env.NODE_ENV, DATABASE_URL: process.env.DATABASE_URL };

afterEach(() => {
  Object.assign(process.env, saved);
});

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

  it('does not exist in production on a real database, and there is no local channel there', async () => {
    Object.assign(process.env, { NODE_ENV: 'production', DATABASE_URL: 'postgresql://db.example.com/golf' });
    const minted = await call(devTokenRoute, 'POST', '/api/liff/dev-token', { body: { lineUserId: DEMO_LINE_USER } });
    expect(minted.status).toBe(404);
    expect(lineTokenSettings().channelId).toBeUndefined();
  });

  it('refuses a malformed LINE user id with 400', async () => {
    const response = await call(devTokenRoute, 'POST', '/api/liff/dev-token', { body: { lineUserId: 'x; drop' } });
    expect(response.status).toBe(400);
  });
});
