import { describe, expect, it } from 'vitest';
import { recordOutgoingMessage } from '@/lib/notifications/providers/record-outgoing-message';
import { sql } from '../support/sql';

/**
 * The recording adapters' messages (no provider keys): those of one turn of the event loop are
 * written in one call (migration 20261203110000), each caller resumes once its own is written,
 * and a message the database refuses fails alone.
 */
const recorded = (recipient: string) =>
  sql<{ channel: string; subject: string | null; body: Record<string, unknown> }>(
    'select channel, subject, body from public.dev_outgoing_messages where recipient = $1 order by id', [recipient]);

describe('recorded outgoing messages', () => {
  it('records the messages sent together, in order, each written when its caller resumes', async () => {
    const to = `together-${Date.now()}@example.test`;
    await Promise.all([
      recordOutgoingMessage('email', to, 'Confirmed', { n: 1 }),
      recordOutgoingMessage('calendar', to, null, { n: 2 }),
      recordOutgoingMessage('line', to, null, { n: 3 }),
    ]);
    expect(await recorded(to)).toEqual([
      { channel: 'email', subject: 'Confirmed', body: { n: 1 } },
      { channel: 'calendar', subject: null, body: { n: 2 } },
      { channel: 'line', subject: null, body: { n: 3 } },
    ]);
  });

  it('a message the database refuses fails alone: the others sent with it are recorded', async () => {
    const to = `one-bad-${Date.now()}@example.test`;
    const results = await Promise.allSettled([
      recordOutgoingMessage('email', to, 'Good', { n: 1 }),
      // jsonb cannot hold U+0000.
      recordOutgoingMessage('email', to, 'Bad', { text: 'nul \u0000 here' }),
      recordOutgoingMessage('line', to, null, { n: 3 }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await recorded(to)).map((row) => row.body)).toEqual([{ n: 1 }, { n: 3 }]);
  });
});
