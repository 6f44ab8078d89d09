import { messagingApi } from '@line/bot-sdk';
import { withTimeout } from '@/lib/timers/with-timeout';
import { NotificationError } from '../notification-error';
import { readEnv } from '@/lib/config/env';
import { recordOutgoingMessage } from './record-outgoing-message';

/** LINE text messages hold at most 5,000 characters. */
export const LINE_TEXT_LIMIT = 5_000;

/**
 * Pushes one text message to a LINE user or group with the Messaging API, with
 * `X-Line-Retry-Key` = `retryKey` (LINE answers a repeat of an accepted key with 409, which
 * counts as delivered). Without LINE_CHANNEL_ACCESS_TOKEN the message is recorded instead.
 *
 * Throws NotificationError when LINE did not accept it (error status, no answer within
 * LINE_TIMEOUT_MS, unreachable).
 */
export async function pushLineText(to: string, text: string, retryKey: string, what: string): Promise<{ delivered: true }> {
  const message = { type: 'text' as const, text: text.slice(0, LINE_TEXT_LIMIT) };
  const token = readEnv('LINE_CHANNEL_ACCESS_TOKEN');
  if (!token) {
    await recordOutgoingMessage('line', to, what, { to, retryKey, messages: [message], text: message.text });
    return { delivered: true };
  }
  const client = new messagingApi.MessagingApiClient({ channelAccessToken: token, baseURL: readEnv('LINE_API_BASE_URL') ?? 'https://api.line.me' });
  try {
    // The SDK's fetch takes no abort signal, so a late push may still land: the retry key
    // makes the retry of such an attempt harmless.
    await withTimeout(client.pushMessage({ to, messages: [message] }, retryKey), readEnv('LINE_TIMEOUT_MS'));
    return { delivered: true };
  } catch (error) {
    const status = (error as { status?: unknown } | null)?.status;
    if (status === 409) return { delivered: true };
    const body = (error as { body?: unknown } | null)?.body;
    const detail = typeof body === 'string' && body ? ` ${body.slice(0, 500)}` : '';
    const code = typeof status === 'number' ? status : undefined;
    throw new NotificationError('line', `${what} not sent${code ? ` (HTTP ${code})` : ''}: ${error instanceof Error ? error.message : String(error)}${detail}`, {
      status: code,
      cause: error,
    });
  }
}
