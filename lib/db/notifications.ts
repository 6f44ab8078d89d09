import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** What a subscriber of a channel hears. */
export interface ChannelListener {
  /** A NOTIFY payload of the channel. */
  notified(payload: string): void;
  /** Notices may have been missed (the connection was lost, or is new): forget what they would have changed. */
  reset(): void;
}

export interface Subscription {
  /**
   * Whether every notice committed more than `freshMs` ago has reached the listener: the
   * connection delivered a ping this process sent after that, and notices arrive in commit order.
   */
  isCurrent(): boolean;
  close(): Promise<void>;
}

export interface ListenSettings {
  connectionString: string;
  connectTimeoutMs: number;
  queryTimeoutMs: number;
  /** How often the connection is proven: a NOTIFY to this process's own channel. */
  pingMs?: number;
  /** How old the last delivered ping may be for the notices to count as current. */
  freshMs?: number;
}

/**
 * LISTEN on one dedicated connection, with a liveness proof that holds through anything
 * between the app and the server (a pooler that does not deliver notices, a frozen server, a
 * dropped network): every `pingMs` the connection NOTIFYs a channel of this process's own and
 * the subscription is current only while such a ping came back within `freshMs` of being
 * sent. PostgreSQL delivers notices in commit order, so a returned ping proves every notice
 * committed before it was sent has arrived. Lost connections are reopened with backoff;
 * each (re)connection resets the listener.
 */
export function listen(settings: ListenSettings, channel: string, listener: ChannelListener): Subscription {
  const pingMs = settings.pingMs ?? 200;
  const freshMs = settings.freshMs ?? 600;
  const pingChannel = `${channel}_ping_${randomBytes(6).toString('hex')}`;
  let client: pg.Client | null = null;
  let closed = false;
  let connecting = false;
  let retryMs = 250;
  /** performance.now() when the newest ping that came back was sent. */
  let confirmedAt = Number.NEGATIVE_INFINITY;
  const pingsInFlight = new Map<string, number>();
  let pingCount = 0;

  const drop = (target: pg.Client) => {
    if (client !== target) return;
    client = null;
    confirmedAt = Number.NEGATIVE_INFINITY;
    pingsInFlight.clear();
    listener.reset();
    target.end().catch(() => undefined);
    if (!closed) {
      setTimeout(connect, retryMs).unref();
      retryMs = Math.min(retryMs * 2, 4_000);
    }
  };

  async function connect() {
    if (closed || client || connecting) return;
    connecting = true;
    const next = new pg.Client({
      connectionString: settings.connectionString,
      connectionTimeoutMillis: settings.connectTimeoutMs,
      query_timeout: settings.queryTimeoutMs,
      // Named, so operators (and the tests that freeze it) can tell it in pg_stat_activity.
      application_name: `listen ${channel}`,
    });
    next.on('error', () => drop(next));
    next.on('end', () => drop(next));
    next.on('notification', (message) => {
      if (message.channel === channel) listener.notified(message.payload ?? '');
      else if (message.channel === pingChannel) {
        const sentAt = pingsInFlight.get(message.payload ?? '');
        if (sentAt === undefined) return;
        pingsInFlight.delete(message.payload!);
        confirmedAt = Math.max(confirmedAt, sentAt);
        retryMs = 250;
      }
    });
    try {
      await next.connect();
      await next.query(`listen ${pg.escapeIdentifier(channel)}; listen ${pg.escapeIdentifier(pingChannel)}`);
      client = next;
      // Whatever was derived before this connection listened may have missed its notices.
      listener.reset();
      ping();
    } catch {
      next.removeAllListeners('end');
      next.on('error', () => undefined);
      next.end().catch(() => undefined);
      if (!closed) {
        setTimeout(connect, retryMs).unref();
        retryMs = Math.min(retryMs * 2, 4_000);
      }
    } finally {
      connecting = false;
    }
  }

  function ping() {
    const target = client;
    if (!target) return;
    const id = String(++pingCount);
    pingsInFlight.set(id, performance.now());
    // A connection that stopped delivering (pings sent long ago never came back) is replaced.
    const oldest = Math.min(...pingsInFlight.values());
    if (performance.now() - oldest > Math.max(settings.queryTimeoutMs, 5 * freshMs)) {
      drop(target);
      return;
    }
    target.query('select pg_notify($1, $2)', [pingChannel, id]).catch(() => drop(target));
  }

  const timer = setInterval(ping, pingMs);
  timer.unref();
  void connect();

  return {
    isCurrent: () => client !== null && performance.now() - confirmedAt < freshMs,
    async close() {
      closed = true;
      clearInterval(timer);
      const current = client;
      client = null;
      if (current) {
        current.removeAllListeners('end');
        current.on('error', () => undefined);
        await current.end().catch(() => undefined);
      }
    },
  };
}
