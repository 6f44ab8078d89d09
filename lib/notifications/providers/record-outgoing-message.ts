import { rpc, serviceCaller } from '@/lib/db';
import type { SqlArgs } from '@/lib/db/functions';
import { developerToolsEnabled } from '@/lib/config/deployment';
import { NotificationError, type NotificationChannel } from '../notification-error';

type OutgoingMessage = SqlArgs<'record_outgoing_messages'>['p_messages'][number];

interface Waiting {
  message: OutgoingMessage;
  recorded: () => void;
  failed: (error: unknown) => void;
}

/** Messages to record with the next write: those of one turn of the event loop. */
let waiting: Waiting[] = [];

/**
 * Without a provider's keys, where developer tools are on (developerToolsEnabled) a side
 * effect is recorded instead of sent: the row shows a developer what would have gone out
 * (see /dev/outbox) and the job succeeds. A production build without DEV_TOOLS=1 never
 * pretends, whatever its database: nobody could read the record, so the job fails, visibly
 * (/admin/outbox), and is retried once the provider is configured.
 *
 * Resolves once the message is written. The messages of one turn of the event loop (a
 * booking's email, calendar event and LINE text, attempted together) share one call.
 */
export async function recordOutgoingMessage(
  channel: NotificationChannel,
  recipient: string,
  subject: string | null,
  body: Record<string, unknown>,
): Promise<void> {
  if (!developerToolsEnabled()) {
    throw new NotificationError(channel, `No ${channel} provider is configured; set its keys (see .env.example)`);
  }
  return new Promise<void>((recorded, failed) => {
    if (waiting.push({ message: { channel, recipient, subject, body }, recorded, failed }) === 1) setImmediate(writeWaiting);
  });
}

function writeWaiting() {
  const batch = waiting;
  waiting = [];
  void write(batch).catch(async (error: unknown) => {
    if (batch.length === 1) return batch[0]!.failed(error);
    // One message the database refuses fails alone: each is written on its own.
    await Promise.all(batch.map((entry) => write([entry]).catch(entry.failed)));
  });
}

async function write(batch: Waiting[]): Promise<void> {
  await rpc('record_outgoing_messages', { p_messages: batch.map((entry) => entry.message) }, serviceCaller);
  for (const entry of batch) entry.recorded();
}
