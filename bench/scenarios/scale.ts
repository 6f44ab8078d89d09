import type { Dataset } from '../lib/dataset';
import { sampleSql, type SqlWork } from '../lib/sql';
import { percentile, round, type Latency } from '../lib/stats';
import { availabilitySql } from './availability';
import { vipBookingsSql } from './vip-bookings';

/** The SQL work of each scenario measured at both sizes, by scenario id. */
const SCALED_SQL: Record<string, (dataset: Dataset) => SqlWork> = {
  availability: () => availabilitySql(),
  'vip-bookings': (dataset) => vipBookingsSql(dataset.members, 'first'),
  'vip-bookings-deep': (dataset) => vipBookingsSql(dataset.members, 'deep'),
};

const ROUNDS = 6;
const ROUND_SECONDS = 0.5;

export type SqlAtScale = Record<string, { small: Latency; large: Latency }>;

/**
 * SQL alone at both sizes, interleaved: short rounds on one data set, then the other, over
 * and over, so a change in what else the machine is doing weighs on both sides alike.
 */
export async function compareSqlAtScale(small: Dataset, large: Dataset): Promise<SqlAtScale> {
  const comparison: SqlAtScale = {};
  for (const [id, work] of Object.entries(SCALED_SQL)) {
    const samples = { small: [] as number[], large: [] as number[] };
    for (let i = 0; i < ROUNDS; i++) {
      for (const [size, dataset] of [['small', small], ['large', large]] as const) {
        samples[size].push(...(await sampleSql(dataset.connectionString, { clients: 1, durationSeconds: ROUND_SECONDS }, work(dataset))).samples);
      }
    }
    const latency = (values: number[]) => {
      const sorted = values.sort((a, b) => a - b);
      return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)) };
    };
    comparison[id] = { small: latency(samples.small), large: latency(samples.large) };
  }
  return comparison;
}
