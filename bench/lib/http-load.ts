import autocannon from 'autocannon';
import { round, type Latency } from './stats';

export interface HttpRun extends Latency {
  requests: number;
  requestsPerSecond: number;
  max: number;
  connections: number;
  /** Responses by HTTP status. */
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
}

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  connections: number;
  /** Run for this many seconds... */
  durationSeconds?: number;
  /** ...or until this many requests were answered. */
  amount?: number;
  /** The n-th request's body and extra headers (n counts from 0 across the run); `connection` is its connection's own record. */
  request?: (n: number, connection: Record<string, unknown>) => { body?: string; headers?: Record<string, string> };
  /** Each response's status and headers, with the record of the connection that sent it (one request in flight per connection). */
  onResponse?: (status: number, headers: Record<string, string>, connection: Record<string, unknown>) => void;
}

/** An autocannon run against the app; latency in milliseconds. */
export async function loadHttp(options: LoadOptions): Promise<HttpRun> {
  const statuses: Record<string, number> = {};
  let n = 0;
  const started = performance.now();
  // autocannon notices that an `amount` is done only on its once-a-second tick: the run's time
  // ends at its last response, or a 6.2 s run would count as 7 s (1,100 VIP requests: 156 req/s whatever the app did).
  let lastResponse = started;
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds ?? 10 }),
    headers: options.method === 'POST' ? { 'content-type': 'application/json' } : {},
    requests: [
      {
        setupRequest: (request, context) => {
          const extra = options.request?.(n++, context as Record<string, unknown>) ?? {};
          return { ...request, ...(extra.body === undefined ? {} : { body: extra.body }), headers: { ...request.headers, ...extra.headers } };
        },
        onResponse: (status, _body, context, headers) => {
          lastResponse = performance.now();
          statuses[status] = (statuses[status] ?? 0) + 1;
          options.onResponse?.(status, (headers ?? {}) as Record<string, string>, context as Record<string, unknown>);
        },
      },
    ],
  });
  const seconds = (lastResponse - started) / 1000 || (performance.now() - started) / 1000;
  return {
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.total / seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    connections: options.connections,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** A distinct client address per request, so per-client rate limits never cut a run short. */
export const clientAddress = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
