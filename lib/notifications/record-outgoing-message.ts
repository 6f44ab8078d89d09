import { rpc, serviceCaller } from '@/lib/db';
import { isLocalSetup } from '../config/deployment';
import { NotificationError, type NotificationChannel } from './notification-error';

/**
 * Without a provider's keys, a local setup records a side effect instead of sending it: the
 * row shows a developer what would have gone out (see /dev/outbox) and the job succeeds.
 * A production deployment on a real database never pretends: the job fails, visibly, and
 * is retried once the provider is configured.
 */
export async function recordOutgoingMessage(
  channel: NotificationChannel,
  recipient: string,
  subject: string | null,
  body: Record<string, unknown>,
): Promise<void> {
  if (!isLocalSetup()) {
    throw new NotificationError(channel, `No ${channel} provider is configured; set its keys (see .env.example)`);
  }
  await rpc('record_outgoing_message', { p_channel: channel, p_recipient: recipient, p_subject: subject, p_body: body }, serviceCaller);
}
