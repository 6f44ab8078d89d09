import { describe, expect, it } from 'vitest';
import { hashManageToken, issueManageLink } from '@/lib/bookings/manage-links';
import { insertBooking, venueDate } from '../support/factories';
import { sql } from '../support/sql';

/** The token a manage link carries in its fragment. */
const tokenOf = (url: string) => new URL(url).hash.replace(/^#t=/, '');

describe('issueManageLink', () => {
  it('gives every call its own link on the public base URL; the database keeps only SHA-256 hashes', async () => {
    const bookingId = await insertBooking({ bay: 'Bay 2', date: venueDate(5), startTime: '12:00' });
    const first = await issueManageLink(bookingId);
    const second = await issueManageLink(bookingId);
    expect(first).toMatch(/^http:\/\/localhost:3000\/book\/manage#t=[0-9a-f]{64}$/);
    expect(second).not.toBe(first);
    const stored = await sql<{ token_hash: string }>('select token_hash from public.booking_manage_tokens where booking_id = $1 order by created_at', [bookingId]);
    expect(stored.map((row) => row.token_hash).sort()).toEqual([hashManageToken(tokenOf(first!)), hashManageToken(tokenOf(second!))].sort());
    // No raw token anywhere in the table.
    const raw = await sql('select 1 from public.booking_manage_tokens where token_hash in ($1, $2)', [tokenOf(first!), tokenOf(second!)]);
    expect(raw).toEqual([]);
  });

  it('follows PUBLIC_BASE_URL', async () => {
    const bookingId = await insertBooking({ bay: 'Bay 2', date: venueDate(6), startTime: '12:00' });
    const saved = process.env.PUBLIC_BASE_URL;
    process.env.PUBLIC_BASE_URL = 'https://book.golfbay.test/';
    try {
      expect(await issueManageLink(bookingId)).toMatch(/^https:\/\/book\.golfbay\.test\/book\/manage#t=[0-9a-f]{64}$/);
    } finally {
      if (saved === undefined) delete process.env.PUBLIC_BASE_URL;
      else process.env.PUBLIC_BASE_URL = saved;
    }
  });

  it('is null for a cancelled booking, one that is over, and an unknown one', async () => {
    const cancelled = await insertBooking({ bay: 'Bay 2', date: venueDate(7), startTime: '12:00', status: 'cancelled' });
    const over = await insertBooking({ bay: 'Bay 2', date: venueDate(-1), startTime: '12:00' });
    expect(await issueManageLink(cancelled)).toBeNull();
    expect(await issueManageLink(over)).toBeNull();
    expect(await issueManageLink(crypto.randomUUID())).toBeNull();
    const rows = await sql('select 1 from public.booking_manage_tokens where booking_id = any($1::uuid[])', [[cancelled, over]]);
    expect(rows).toEqual([]);
  });
});
