import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { startSmtpStandIn } from '../support/provider-stand-ins';
import { MAILBOX_DIR, SMTP_STAND_IN_PORT, type Email } from './mailbox';

/**
 * Starts the SMTP stand-in the e2e app sends its emails to (playwright.config.ts sets the
 * webServer's SMTP_URL to its port) for the whole run, and empties the mailbox the tests read
 * (tests/e2e/mailbox.ts). Returns the teardown.
 */
export default async function globalSetup() {
  rmSync(MAILBOX_DIR, { recursive: true, force: true });
  mkdirSync(MAILBOX_DIR, { recursive: true });
  let sequence = 0;
  const smtp = await startSmtpStandIn({
    port: SMTP_STAND_IN_PORT,
    onMail: (mail) => {
      const receivedAt = Date.now();
      const name = `${receivedAt}-${String(++sequence).padStart(6, '0')}`;
      void simpleParser(mail.raw).then((parsed) => {
        const html = typeof parsed.html === 'string' ? parsed.html : '';
        const text = parsed.text ?? '';
        const hrefs = [...html.matchAll(/href="(https?:[^"]+)"/g)].map((match) => match[1]!.replace(/&amp;/g, '&'));
        const inText = text.match(/https?:\/\/[^\s<>")]+/g) ?? [];
        const email: Email = { to: mail.to.map((address) => address.toLowerCase()), subject: parsed.subject ?? '', text, html, links: [...new Set([...hrefs, ...inText])], receivedAt };
        // Written whole, then renamed: a reader never sees half a file.
        const file = path.join(MAILBOX_DIR, `${name}.json`);
        writeFileSync(`${file}.tmp`, JSON.stringify(email));
        renameSync(`${file}.tmp`, file);
      });
    },
  }).catch((error: unknown) => {
    throw new Error(`The e2e SMTP stand-in could not listen on 127.0.0.1:${SMTP_STAND_IN_PORT} (another run still going?): ${String(error)}`);
  });
  return () => smtp.close();
}
