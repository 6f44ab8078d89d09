import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as inviteRoute } from '@/app/api/staff/members/route';
import { processOutbox } from '@/lib/outbox/process-outbox';
import { randomSuffix } from '../support/factories';
import { call } from '../support/http';
import { startSmtpStandIn, unusedPort, type SmtpStandIn } from '../support/provider-stand-ins';
import { sql } from '../support/sql';
import { createStaffMember, type StaffFixture } from '../support/staff';

/**
 * Issue 16: an admin's invitation on /staff/team emails the new staff member through the outbox
 * (sign-in link, role, both languages), read here from a local SMTP stand-in; a refused
 * delivery is retried like every outbox email.
 */

let smtp: SmtpStandIn;
let admin: StaffFixture;
const savedEnv = { ...process.env };

beforeAll(async () => {
  smtp = await startSmtpStandIn();
  Object.assign(process.env, { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, EMAIL_FROM: 'Golf Bay Bangkok <bookings@golfbay.test>', PUBLIC_BASE_URL: 'https://book.golfbay.test' });
  admin = await createStaffMember('admin', 'Nok (admin)');
});
afterAll(async () => {
  process.env = savedEnv;
  await smtp.close();
});

const invite = (body: unknown, headers = admin.headers) => call(inviteRoute, 'POST', '/api/staff/members', { headers, body });
const newEmail = () => `new-desk-${randomSuffix()}@venue.example`;

async function mailTo(email: string) {
  const mail = smtp.mails.filter((received) => received.to.includes(email)).at(-1);
  expect(mail, `an email to ${email}`).toBeDefined();
  return simpleParser(mail!.raw);
}

describe('the invitation email of a new staff account', () => {
  it('goes out at once with the sign-in link, the role and who invited, in English and Thai under the venue name', async () => {
    const email = newEmail();
    const response = await invite({ email, role: 'admin', displayName: 'Ploy' });
    expect(response.status).toBe(201);
    const mail = await mailTo(email);
    expect(mail.subject).toContain('You have a staff account at');
    expect(mail.subject).toContain('คุณมีบัญชีพนักงานที่');
    expect(mail.from?.text).toContain('bookings@golfbay.test');
    const text = mail.text ?? '';
    expect(text).toContain('Hello Ploy');
    expect(text).toContain('Nok (admin) added you to');
    expect(text).toContain('as Admin.');
    expect(text).toContain('add, change and remove staff accounts');
    expect(text).toContain(`(${email})`);
    expect(text).toContain('https://book.golfbay.test/login?callbackUrl=/staff');
    expect(text).toContain('ในบทบาทผู้ดูแลระบบ');
    // The venue's name from venue settings, as every other email names it.
    const [venue] = await sql<{ venue_name: string }>('select venue_name from public.venue_settings');
    expect(mail.subject).toContain(venue!.venue_name);
    const [job] = await sql<{ status: string; attempts: number }>(
      `select status, attempts from public.outbox_jobs where kind = 'staff_invitation_email' and payload->>'email' = $1`,
      [email],
    );
    expect(job).toEqual({ status: 'succeeded', attempts: 1 });
  });

  it('a refused delivery does not fail the invitation; the outbox retries it and it arrives once', async () => {
    const email = newEmail();
    process.env.SMTP_URL = `smtp://127.0.0.1:${await unusedPort()}`;
    try {
      const response = await invite({ email, role: 'staff', displayName: 'Som' });
      expect(response.status).toBe(201);
    } finally {
      process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
    }
    const [failed] = await sql<{ id: string; status: string; attempts: number; last_error: string | null }>(
      `select id, status, attempts, last_error from public.outbox_jobs where kind = 'staff_invitation_email' and payload->>'email' = $1`,
      [email],
    );
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.any(String) });
    expect(smtp.mails.filter((received) => received.to.includes(email))).toHaveLength(0);

    // Due again (its back-off passed): the next outbox run delivers it.
    await sql('update public.outbox_jobs set run_after = now() where id = $1', [failed!.id]);
    await processOutbox();
    expect((await mailTo(email)).text).toContain('as Staff.');
    expect(smtp.mails.filter((received) => received.to.includes(email))).toHaveLength(1);
    const [done] = await sql<{ status: string; attempts: number }>('select status, attempts from public.outbox_jobs where id = $1', [failed!.id]);
    expect(done).toEqual({ status: 'succeeded', attempts: 2 });
  });

  it('is not sent when the invitation is refused (an active account, or not an admin)', async () => {
    const desk = await createStaffMember('staff');
    const email = newEmail();
    expect((await invite({ email, role: 'staff', displayName: 'Som' }, desk.headers)).status).toBe(403);
    expect((await invite({ email: desk.email, role: 'staff', displayName: 'Som' })).status).toBe(409);
    const jobs = await sql(`select 1 from public.outbox_jobs where kind = 'staff_invitation_email' and payload->>'email' = any($1::text[])`, [[email, desk.email]]);
    expect(jobs).toHaveLength(0);
  });
});
