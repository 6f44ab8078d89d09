/**
 * Reads until `done` accepts the answer (at most 5 s), then returns the last answer for the
 * test to assert on: what crosses another connection first (a NOTIFY that drops a cached copy)
 * arrives a moment after the commit.
 */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
