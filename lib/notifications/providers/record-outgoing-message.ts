import { rpc, serviceCaller } from '@/lib/db';
import { developerToolsEnabled } from '@/lib/config/deployment';
import { NotificationError, type NotificationChannel } from '../notification-error';

/**
 * Without a provider's keys, where developer tools are on (developerToolsEnabled) a side
 * effect is recorded instead of sent: the row shows a developer what would have gone out
 * (see /dev/outbox) and the job succeeds. A production build without DEV_TOOLS=1 never
 * pretends, whatever its database: nobody could read the record, so the job fails, visibly
 * (/admin/outbox), and is retried once the provider is configured.
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
  await rpc('record_outgoing_message', { p_channel: channel, p_recipient: recipient, p_subject: subject, p_body: body }, serviceCaller);
}
