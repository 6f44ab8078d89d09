/** Nearest-rank percentile of ascending samples. */
export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]! : Number.NaN;

/** Two decimals, for reports. */
export const round = (value: number) => Math.round(value * 100) / 100;

export interface Latency {
  p50: number;
  p99: number;
}
