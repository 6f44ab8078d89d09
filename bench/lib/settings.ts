/** Knobs of `npm run bench`, from the environment (documented in .env.example). */
const number = (name: string, fallback: number) => {
  const value = Number(process.env[name] || fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

export const settings = {
  port: number('BENCH_PORT', 3200),
  /** Seconds of each timed HTTP run, and of the warm-up before it. */
  durationSeconds: number('BENCH_DURATION', 10),
  warmupSeconds: number('BENCH_WARMUP', 2),
  /** Concurrent HTTP connections of autocannon. */
  connections: number('BENCH_CONNECTIONS', 50),
  /** Seconds and clients of each SQL-alone run: one client by default, calls back to back, so latency is service time. */
  sqlDurationSeconds: number('BENCH_SQL_DURATION', 3),
  sqlClients: number('BENCH_SQL_CLIENTS', 1),
  /** Bookings in the table for the scale comparison: the small data set runs every scenario. */
  smallBookings: number('BENCH_SMALL_BOOKINGS', 10_000),
  largeBookings: number('BENCH_LARGE_BOOKINGS', 1_000_000),
  /** Requests aimed at one slot in the single-slot burst before it moves to the next slot. */
  burstSize: number('BENCH_BURST_SIZE', 100),
  /** Concurrent clients of the SQL-alone burst and spin runs, where contention is the point. */
  pool: number('BENCH_POOL', 20),
  /** Lucky draw: prizes in stock and customers with one draw each (more customers than prizes). */
  prizes: number('BENCH_PRIZES', 1000),
  customers: number('BENCH_CUSTOMERS', 1300),
  /** Comma-separated scenario names to run only those (the report file is then left alone). */
  only: (process.env.BENCH_ONLY || '').split(',').map((name) => name.trim()).filter(Boolean),
};

/** The latency ratio (large over small data set) the scale section must stay within. */
export const SCALE_LIMIT = 1.5;
