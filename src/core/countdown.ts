/** Why a countdown is on hold; it runs only while there is none. */
export type PauseReason = 'hover' | 'focus' | 'hidden';

/** A one-shot timer that can be held and resumed with the time it had left. */
export interface Countdown {
  /** Starts over with `ms` (0 = never ends); runs at once unless held. */
  restart(ms: number): void;
  hold(): void;
  release(): void;
  cancel(): void;
}

/**
 * The one timer a toast has: `done` runs once when `ms` of running time have
 * passed. Holding it (hover, focus, a hidden page) keeps what was left.
 */
export function createCountdown(done: () => void): Countdown {
  let remaining = 0;
  let startedAt = 0;
  let held = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stop = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const run = (): void => {
    if (timer !== undefined || held || remaining <= 0) return;
    startedAt = Date.now();
    timer = setTimeout(() => {
      timer = undefined;
      remaining = 0;
      done();
    }, remaining);
  };
  return {
    restart(ms) {
      stop();
      remaining = ms;
      run();
    },
    hold() {
      held = true;
      if (timer === undefined) return;
      stop();
      remaining = Math.max(1, remaining - (Date.now() - startedAt));
    },
    release() {
      held = false;
      run();
    },
    cancel() {
      stop();
      remaining = 0;
    },
  };
}

/** A set of pause reasons: `onChange(true)` when the first arrives, `onChange(false)` when the last goes. */
export function createHolds(onChange: (held: boolean) => void): {
  pause: (reason: PauseReason) => void;
  resume: (reason: PauseReason) => void;
  readonly held: boolean;
} {
  const reasons = new Set<PauseReason>();
  return {
    pause(reason) {
      if (reasons.has(reason)) return;
      reasons.add(reason);
      if (reasons.size === 1) onChange(true);
    },
    resume(reason) {
      if (reasons.delete(reason) && reasons.size === 0) onChange(false);
    },
    get held() {
      return reasons.size > 0;
    },
  };
}

/** Calls `onChange(hidden)` now and whenever the page's visibility changes; returns the unsubscribe. Nothing outside a page. */
export function watchPageVisibility(onChange: (hidden: boolean) => void): () => void {
  if (typeof document === 'undefined') return () => {};
  const check = (): void => onChange(document.visibilityState === 'hidden');
  document.addEventListener('visibilitychange', check);
  check();
  return () => document.removeEventListener('visibilitychange', check);
}
