// One client process of the fan-out bench: `count` stores of the built library
// (dist/core.js: createNotificationStore + sse()), each with its own SSE connection, the
// i-th to urls[i % urls.length]. Driven by its parent over IPC:
//   { type: 'connect', urls, headers, count }  -> { type: 'connected', open, ms }
//   { type: 'progress', expected }             -> { type: 'progress', delivered, complete } (cheap: polled while waiting)
//   { type: 'report' }                         -> { type: 'report', latencies, received, errors, cpuMs, rssMB }
//   { type: 'stop' }                           -> exits
// A latency is Date.now() at the store's `notification` event (the notification applied in
// the store) minus the `data.sentAt` the publisher put in it, just before its publish call:
// one machine, one clock.
import { createNotificationStore, sse } from '../dist/core.js';

/** @type {import('../src/headless.js').NotificationStore[]} */
const stores = [];
/** @type {number[]} */
const latencies = [];
/** @type {Map<number, Set<string>>} ids each store got */
const received = new Map();
let errors = 0;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

process.on('message', async (message) => {
  if (message.type === 'connect') {
    const t = performance.now();
    for (let i = 0; i < message.count; i++) {
      const url = message.urls[i % message.urls.length];
      const store = createNotificationStore({ transport: sse(url, { headers: message.headers, backoff: { baseMs: 250, capMs: 2000 } }) });
      const got = new Set();
      received.set(i, got);
      store.on('notification', (n) => {
        if (got.has(n.id)) return;
        got.add(n.id);
        const sentAt = /** @type {{ sentAt?: number }} */ (n.data ?? {}).sentAt;
        if (typeof sentAt === 'number') latencies.push(Date.now() - sentAt);
      });
      store.on('error', () => errors++);
      store.start();
      stores.push(store);
      // A ramp, not 1,000 SYNs at once.
      if (i % 50 === 49) await sleep(20);
    }
    const deadline = Date.now() + 120_000;
    while (stores.some((s) => s.$status.get() !== 'open') && Date.now() < deadline) await sleep(50);
    process.send?.({ type: 'connected', open: stores.filter((s) => s.$status.get() === 'open').length, ms: performance.now() - t });
  } else if (message.type === 'progress') {
    process.send?.({ type: 'progress', delivered: latencies.length, complete: [...received.values()].every((set) => set.size >= message.expected) });
  } else if (message.type === 'report') {
    const cpu = process.cpuUsage();
    process.send?.({
      type: 'report',
      latencies,
      received: [...received.values()].map((set) => set.size),
      errors,
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssMB: process.memoryUsage().rss / 2 ** 20,
    });
  } else if (message.type === 'stop') {
    for (const store of stores) store.stop();
    process.exit(0);
  }
});
process.send?.({ type: 'ready' });
