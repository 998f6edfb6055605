// Waiting and percentiles for the tests driven from Node (test/tabs, test/push) and their benches.

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` (sync or async) until it returns something truthy; that value. Throws `message()` after `timeout` ms. */
export async function until(check, { timeout = 10_000, every = 20, message = () => 'timed out' } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`${message()} (after ${timeout} ms)`);
    await sleep(every);
  }
}

/** The p-th percentile (nearest rank) of `values`. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
