import pg from 'pg';
import type { Dataset } from './dataset';
import type { HttpRun } from './http-load';
import type { Caller } from '../../lib/db/caller';
import type { SqlRun } from './sql';

/** What every scenario reports: the HTTP run, the same work as SQL alone, and its invariant. */
export interface ScenarioResult {
  id: string;
  title: string;
  dataset: string;
  bookingsInTable: number;
  http: HttpRun;
  /** The trivial route (bench/lib/targets.ts) under the same load, measured just before this scenario. */
  baseline?: HttpRun;
  sql: SqlRun;
  /** SQL alone ran many clients against the same rows: its latency is mostly lock waits. */
  sqlContended?: boolean;
  invariant: Invariant;
  notes?: Record<string, unknown>;
}

export interface Invariant {
  label: string;
  value: number | string;
  ok: boolean;
  /** A broken correctness invariant (double booking, over-award) fails the whole run. */
  fatal: boolean;
}

export interface BenchContext {
  dataset: Dataset;
  baseUrl: string;
  /** Runs a statement as the superuser on the data set's database. */
  admin<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<T[]>;
  /** One call of a SQL function as `caller` (see callFunction), on the superuser's connection. */
  call(caller: Caller, name: string, args: Record<string, unknown>): Promise<unknown>;
  /** Empties the rate-limit counters, so each run starts with every client's full budget. */
  resetRateLimits(): Promise<void>;
}

/** Responses other than `expected`, by status. */
export function unexpectedStatuses(http: HttpRun, expected: number[]): number {
  return Object.entries(http.statuses).reduce((sum, [status, count]) => sum + (expected.includes(Number(status)) ? 0 : count), 0)
    + http.errors + http.timeouts;
}
