import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

/**
 * The e2e mailbox: the SMTP stand-in that tests/e2e/global-setup.ts starts for the run (the
 * app's SMTP_URL points at it) writes each message it receives, parsed, as one JSON file in
 * MAILBOX_DIR; test workers, other processes, read them here.
 */

export const SMTP_STAND_IN_PORT = 3190;

/**
 * The venue's first admins (playwright.config.ts lists them all in STAFF_ADMIN_EMAILS), one per
 * spec that signs one in: a new emailed code ends the last one of that address, so two specs
 * in parallel workers signing in the same admin would refuse each other's codes.
 */
export const FIRST_ADMINS = {
  luckyDraw: 'admin@e2e.venue.example',
  daySheet: 'admin-day-sheet@e2e.venue.example',
  frontDesk: 'admin-front-desk@e2e.venue.example',
  accessibility: 'admin-accessibility@e2e.venue.example',
} as const;
export const MAILBOX_DIR = path.resolve(__dirname, '../..', '.data/e2e-mailbox');

export interface Email {
  /** The envelope's recipients (RCPT TO), lower case. */
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Every http(s) link of the message: the HTML's hrefs, then URLs in the text. */
  links: string[];
  /** When the stand-in received it (ms since the epoch). */
  receivedAt: number;
}

function readMailbox(): Email[] {
  let files: string[];
  try {
    files = readdirSync(MAILBOX_DIR).filter((file) => file.endsWith('.json'));
  } catch {
    return [];
  }
  // Names start with the receiving time and a sequence number: sorted, oldest first.
  return files.sort().map((file) => JSON.parse(readFileSync(path.join(MAILBOX_DIR, file), 'utf8')) as Email);
}

/**
 * The newest email to `to` (and whose subject contains or matches `subject`) received at or
 * after `since` (ms since the epoch); waits up to `timeout` ms for one to arrive.
 */
export async function waitForEmail(query: { to: string; subject?: string | RegExp; since?: number; timeout?: number }): Promise<Email> {
  const to = query.to.toLowerCase();
  const matches = (mail: Email) =>
    mail.to.includes(to) &&
    mail.receivedAt >= (query.since ?? 0) &&
    (query.subject === undefined || (typeof query.subject === 'string' ? mail.subject.includes(query.subject) : query.subject.test(mail.subject)));
  let found: Email | undefined;
  await expect
    .poll(
      () => {
        found = readMailbox().filter(matches).at(-1);
        return Boolean(found);
      },
      { message: `an email to ${query.to}${query.subject ? ` about ${String(query.subject)}` : ''}`, timeout: query.timeout ?? 15_000, intervals: [100, 250, 500] },
    )
    .toBe(true);
  return found!;
}

/**
 * Signs `page` in with the code emailed to `email` (the login page's email-code form, the code
 * read from the stand-in as the person reads their inbox); the page then goes on to its
 * callbackUrl.
 */
export async function signInWithEmailCode(page: Page, email: string): Promise<void> {
  const form = page.getByTestId('email-code-sign-in');
  const since = Date.now();
  await form.getByLabel('Email address').fill(email);
  await form.getByRole('button', { name: 'Email me a code' }).click();
  const mail = await waitForEmail({ to: email, subject: 'sign-in code', since });
  const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
  expect(code, mail.text).toMatch(/^\d{6}$/);
  await form.getByLabel('6-digit code').fill(code!);
  await form.getByRole('button', { name: 'Sign in with the code' }).click();
}

/** Opens `path` signed out: sent to /login, signs in by the code emailed to `email`, and lands back on `path`. */
export async function openSignedIn(page: Page, path: string, email: string): Promise<void> {
  await page.goto(path);
  await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('callbackUrl') === path);
  await signInWithEmailCode(page, email);
  await page.waitForURL((url) => url.pathname === path);
}
