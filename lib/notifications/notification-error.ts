export type NotificationChannel = 'email' | 'calendar' | 'line';

/**
 * A side effect that did not happen: the provider refused, failed, timed out or could not
 * be reached, or the provider is only half configured. The outbox records `message` as
 * the attempt's error (it never contains credentials) and retries the job later.
 */
export class NotificationError extends Error {
  readonly channel: NotificationChannel;
  /** The provider's HTTP status (or SMTP reply code), when it answered. */
  readonly status: number | undefined;

  constructor(channel: NotificationChannel, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'NotificationError';
    this.channel = channel;
    this.status = options.status;
  }
}
