import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How long a toast stays when nothing says otherwise. */
export const DEFAULT_TOAST_DURATION = 6000;

/** The shortest time a toast may stay before it expires, long enough to read (RELIABILITY S8). */
export const MIN_TOAST_DURATION = 4000;

/**
 * The time a toast stays, in ms: `0` means it stays until dismissed; any other
 * positive value is raised to `MIN_TOAST_DURATION`; a negative or non-numeric
 * value gives `fallback` as is.
 */
export function toastDuration(value: unknown, fallback = DEFAULT_TOAST_DURATION): number {
  const ms = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(ms) || ms < 0) return fallback;
  return ms === 0 ? 0 : Math.max(MIN_TOAST_DURATION, ms);
}

/** Why expiry is on hold; timers run only while there is none. */
export type PauseReason = 'hover' | 'focus' | 'hidden';

export interface ToastQueueOptions<T> {
  /** The identity of an item; setting an item with a known key replaces it in place. */
  key: (item: T) => string;
  /** Called once when an item's time is up. The item stays until `remove()` is called. */
  onExpire: (item: T) => void;
}

interface Entry<T> {
  item: T;
  /** 0 = no expiry. */
  duration: number;
  remaining: number;
  startedAt: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  expired: boolean;
}

/**
 * The one place toast expiry timers live: an ordered list of visible toasts
 * (newest first), each with at most one timer. All timers pause together while
 * the pointer is over the stack, focus is inside it, or the page is hidden, and
 * resume with the time they had left. The host re-renders when the list
 * changes; it decides what to do when an item expires (usually: dismiss it).
 */
export class ToastQueue<T> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: ToastQueueOptions<T>;
  #entries: Entry<T>[] = [];
  readonly #pauses = new Set<PauseReason>();
  #connected = false;

  constructor(host: ReactiveControllerHost, options: ToastQueueOptions<T>) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The visible items, newest first. */
  get items(): readonly T[] {
    return this.#entries.map((entry) => entry.item);
  }

  /** Whether expiry is on hold. */
  get paused(): boolean {
    return this.#pauses.size > 0;
  }

  get(key: string): T | undefined {
    return this.#find(key)?.item;
  }

  /**
   * Shows `item` for `duration` ms (0 = until removed): a new key goes first
   * (newest), a known key is replaced in place and its time starts over.
   */
  set(item: T, duration: number): void {
    const key = this.#options.key(item);
    let entry = this.#find(key);
    if (entry) {
      this.#stop(entry);
      entry.item = item;
    } else {
      entry = { item, duration, remaining: duration, startedAt: 0, timer: undefined, expired: false };
      this.#entries = [entry, ...this.#entries];
    }
    entry.duration = duration;
    entry.remaining = duration;
    entry.expired = false;
    this.#run(entry);
    this.#host.requestUpdate();
  }

  /** Replaces an item's data without touching its timer. Returns false for an unknown key. */
  update(item: T): boolean {
    const entry = this.#find(this.#options.key(item));
    if (!entry) return false;
    entry.item = item;
    this.#host.requestUpdate();
    return true;
  }

  /** Removes an item and its timer. Returns false for an unknown key. */
  remove(key: string): boolean {
    const entry = this.#find(key);
    if (!entry) return false;
    this.#stop(entry);
    this.#entries = this.#entries.filter((e) => e !== entry);
    this.#host.requestUpdate();
    return true;
  }

  /** Removes every item and timer. */
  clear(): void {
    if (!this.#entries.length) return;
    for (const entry of this.#entries) this.#stop(entry);
    this.#entries = [];
    this.#host.requestUpdate();
  }

  /** Puts every timer on hold for `reason`, keeping the time each had left. */
  pause(reason: PauseReason): void {
    if (this.#pauses.has(reason)) return;
    const wasRunning = !this.paused;
    this.#pauses.add(reason);
    if (wasRunning) for (const entry of this.#entries) this.#hold(entry);
  }

  /** Lifts the hold for `reason`; timers run again once no reason is left. */
  resume(reason: PauseReason): void {
    if (!this.#pauses.delete(reason) || this.paused) return;
    for (const entry of this.#entries) this.#run(entry);
  }

  hostConnected(): void {
    this.#connected = true;
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#onVisibility();
    for (const entry of this.#entries) this.#run(entry);
  }

  hostDisconnected(): void {
    this.#connected = false;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    for (const entry of this.#entries) this.#hold(entry);
  }

  #find(key: string): Entry<T> | undefined {
    return this.#entries.find((entry) => this.#options.key(entry.item) === key);
  }

  // A toast that arrives while the page is hidden is still there when the person comes back.
  readonly #onVisibility = (): void => {
    if (document.visibilityState === 'hidden') this.pause('hidden');
    else this.resume('hidden');
  };

  #run(entry: Entry<T>): void {
    if (entry.timer !== undefined || entry.expired || entry.duration === 0) return;
    if (this.paused || !this.#connected) return;
    entry.startedAt = Date.now();
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      entry.expired = true;
      entry.remaining = 0;
      this.#options.onExpire(entry.item);
    }, entry.remaining);
  }

  #hold(entry: Entry<T>): void {
    if (entry.timer === undefined) return;
    this.#stop(entry);
    entry.remaining = Math.max(0, entry.remaining - (Date.now() - entry.startedAt));
  }

  #stop(entry: Entry<T>): void {
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.timer = undefined;
  }
}
