import { messagingApi } from '@line/bot-sdk';
import { NotificationError } from './notification-error';
import { recordOutgoingMessage } from './record-outgoing-message';
import { envValue, timeoutMs } from './settings';
import { LINE_TEXT_LIMIT } from './compose-review-request';

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
  const token = envValue('LINE_CHANNEL_ACCESS_TOKEN');
  if (!token) {
    await recordOutgoingMessage('line', to, what, { to, retryKey, messages: [message], text: message.text });
    return { delivered: true };
  }
  const client = new messagingApi.MessagingApiClient({ channelAccessToken: token, baseURL: envValue('LINE_API_BASE_URL') ?? 'https://api.line.me' });
  let timer: NodeJS.Timeout | undefined;
  const ms = timeoutMs('LINE_TIMEOUT_MS');
  try {
    await Promise.race([
      client.pushMessage({ to, messages: [message] }, retryKey),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
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
  } finally {
    clearTimeout(timer);
  }
}
