// A small fake clock for Date.now, setTimeout and clearTimeout: sinon is not a dependency
// here, and @sinonjs/fake-timers is CommonJS only, which the test runner cannot load.
// Microtasks, animation frames and Lit updates keep running for real.

export function useFakeClock() {
  const saved = [
    [window, 'setTimeout', Object.getOwnPropertyDescriptor(window, 'setTimeout')!],
    [window, 'clearTimeout', Object.getOwnPropertyDescriptor(window, 'clearTimeout')!],
    [Date, 'now', Object.getOwnPropertyDescriptor(Date, 'now')!],
  ] as const;
  let now = Date.now();
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  window.setTimeout = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = nextId++;
    const run = () => (typeof handler === 'function' ? (handler as (...a: unknown[]) => void)(...args) : undefined);
    timers.set(id, { at: now + Math.max(0, Number(ms) || 0), run });
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined) timers.delete(id);
  }) as typeof window.clearTimeout;
  Date.now = () => now;
  return {
    /** Moves time on by `ms`, running every timer that falls due, in order. */
    tick(ms: number): void {
      const end = now + ms;
      for (;;) {
        let due: [number, { at: number; run: () => void }] | undefined;
        for (const entry of timers) if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].run();
      }
      now = end;
    },
    get pending(): number {
      return timers.size;
    },
    restore(): void {
      for (const [target, name, descriptor] of saved) Object.defineProperty(target, name, descriptor);
    },
  };
}

