import { atom, type ReadableAtom } from 'nanostores';
import { createCountdown, createHolds, watchPageVisibility, type Countdown, type PauseReason } from './countdown.js';
import type { NotificationStore } from './store/index.js';
import type { Notification } from './model/types.js';

export type { PauseReason } from './countdown.js';

/** How long a toast stays when nothing says otherwise. */
export const DEFAULT_TOAST_DURATION = 6000;
/** The shortest time a toast may stay before it expires, long enough to read (RELIABILITY S8). */
export const MIN_TOAST_DURATION = 4000;
/** How many toasts show at once by default (RELIABILITY S8, R20). */
export const DEFAULT_MAX_TOASTS = 3;
/** Notification ids remembered as toasted, so a re-sent id never toasts again (R14). */
const TOASTED_LIMIT = 5000;

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

/** One visible toast: a notification, or the summary that stands for `count` of them. */
export type ToastEntry =
  | { readonly key: string; readonly notification: Notification; readonly count?: undefined }
  | { readonly key: string; readonly notification?: undefined; readonly count: number };

export interface ToastsOptions {
  /** Most toasts visible at once, the summary included. Default 3. */
  max?: number;
  /** Milliseconds each toast stays (at least 4000; 0 keeps them). Default 6000. */
  duration?: number;
  /**
   * A toast's time is up. Without it the toast is dismissed; a view that lets
   * the app veto (a cancelable event) passes this and calls `dismiss` itself.
   */
  onExpire?: (entry: ToastEntry) => void;
  /**
   * The ids already toasted. A view that moves to another store passes the same
   * set to the new `createToasts`, so an id still toasts once.
   */
  toasted?: Set<string>;
}

export interface Toasts {
  /** The visible toasts, newest first. */
  readonly $toasts: ReadableAtom<readonly ToastEntry[]>;
  /** Removes a toast now (its notification stays in the feed). */
  dismiss(key: string): void;
  /** Holds every toast's time for `reason`, keeping what each had left. */
  pause(reason: PauseReason): void;
  /** Lifts the hold for `reason`; time runs again once no reason is left. */
  resume(reason: PauseReason): void;
  /** Changes `max` or `duration` for the toasts that come next. */
  configure(options: Pick<ToastsOptions, 'max' | 'duration'>): void;
  /** Stops listening to the store and clears every timer. */
  destroy(): void;
}

interface Shown {
  entry: ToastEntry;
  countdown: Countdown;
}

const isUrgent = (notification: Notification): boolean => notification.priority === 'urgent';
const pageHidden = (): boolean => typeof document !== 'undefined' && document.visibilityState === 'hidden';
const keyOf = (id: string): string => `n:${id}`;

/**
 * Which notifications become toasts, and for how long: the policy every view
 * of toasts shares (the toaster, an app's own UI). A notification is admitted
 * when it arrives live (not a snapshot, history page or resume backlog), is
 * unread, its topic allows toasts, and its id was never toasted. What arrives
 * together (one store update) is placed together: when it outnumbers the free
 * slots, the newest fill all but one and a summary ("N new notifications")
 * takes the last. An `urgent` notification always gets a toast of its own: it
 * takes the place of the oldest other toast, or waits for a free slot when
 * every visible toast is urgent. A toast whose notification is read elsewhere
 * goes; one updated by the server shows the update. Every toast's time is held
 * while the page is hidden, and for the reasons a view gives (hover, focus).
 * With `crossTab()`, a tab toasts only while it is visible.
 */
export function createToasts(store: NotificationStore, options: ToastsOptions = {}): Toasts {
  let max = DEFAULT_MAX_TOASTS;
  let duration = DEFAULT_TOAST_DURATION;
  const configure = (next: Pick<ToastsOptions, 'max' | 'duration'>): void => {
    if (next.max !== undefined) max = Number.isFinite(next.max) && next.max >= 1 ? Math.floor(next.max) : DEFAULT_MAX_TOASTS;
    if (next.duration !== undefined) duration = toastDuration(next.duration);
  };
  configure(options);

  const $toasts = atom<readonly ToastEntry[]>([]);
  let shown: Shown[] = [];
  /** Urgent notifications that found every slot taken by other urgent ones. */
  const waiting: Notification[] = [];
  const toasted = options.toasted ?? new Set<string>();
  let arrived: Notification[] = [];
  let summaries = 0;

  const holds = createHolds((held) => {
    for (const toast of shown) {
      if (held) toast.countdown.hold();
      else toast.countdown.release();
    }
  });

  const publish = (): void => $toasts.set(shown.map((toast) => toast.entry));

  function expire(key: string): void {
    const toast = shown.find((t) => t.entry.key === key);
    if (!toast) return;
    if (options.onExpire) options.onExpire(toast.entry);
    else dismiss(key);
  }

  /** Shows `entry` first (newest), or in place of the toast with its key; its time starts over. */
  function show(entry: ToastEntry): void {
    let toast = shown.find((t) => t.entry.key === entry.key);
    if (toast) toast.entry = entry;
    else {
      toast = { entry, countdown: createCountdown(() => expire(entry.key)) };
      shown = [toast, ...shown];
    }
    if (holds.held) toast.countdown.hold();
    toast.countdown.restart(duration);
  }

  function remove(toast: Shown): void {
    toast.countdown.cancel();
    shown = shown.filter((t) => t !== toast);
  }

  /** The oldest toast of a notification that is not urgent. */
  const lastNonUrgent = (): Shown | undefined => shown.findLast((t) => t.entry.notification && !isUrgent(t.entry.notification));

  /** Makes room for an urgent toast: the oldest non-urgent toast goes, the summary last. */
  function displaceForUrgent(): boolean {
    const victim = lastNonUrgent() ?? shown.find((t) => !t.entry.notification);
    if (!victim) return false;
    remove(victim);
    return true;
  }

  function place(fresh: Notification[]): void {
    for (const notification of fresh.filter(isUrgent)) {
      if (shown.length < max || displaceForUrgent()) show({ key: keyOf(notification.id), notification });
      else waiting.push(notification);
    }
    const normal = fresh.filter((n) => !isUrgent(n));
    if (!normal.length) return;
    const summary = shown.find((t) => !t.entry.notification);
    let free = max - shown.length;
    if (!summary && normal.length > free) {
      // Full and no summary yet: the oldest toasts make room (they stay in the feed).
      for (let oldest = lastNonUrgent(); free < 1 && oldest; oldest = lastNonUrgent()) {
        remove(oldest);
        free++;
      }
    }
    free = Math.max(0, free);
    if (normal.length <= free) {
      for (const notification of normal) show({ key: keyOf(notification.id), notification });
      return;
    }
    // Too many for the free slots: the newest fill all but the summary's slot.
    const slots = Math.max(0, summary ? free : free - 1);
    const individual = slots ? normal.slice(-slots) : [];
    const rest = normal.length - individual.length;
    if (summary?.entry.count !== undefined) show({ key: summary.entry.key, count: summary.entry.count + rest });
    else if (free >= 1) show({ key: `summary:${++summaries}`, count: rest });
    for (const notification of individual) show({ key: keyOf(notification.id), notification });
  }

  function dismiss(key: string): void {
    const toast = shown.find((t) => t.entry.key === key);
    if (!toast) return;
    remove(toast);
    const next = waiting.shift();
    if (next) show({ key: keyOf(next.id), notification: next });
    publish();
  }

  function admit(notification: Notification): void {
    if (toasted.has(notification.id) || !store.allows(notification, 'toast')) return;
    // With crossTab(), only a visible tab toasts: a hidden one leaves it to the others (or the OS).
    const role = store.tabs?.role();
    if (role && role !== 'solo' && pageHidden()) return;
    toasted.add(notification.id);
    if (toasted.size > TOASTED_LIMIT) toasted.delete(toasted.values().next().value as string);
    arrived.push(notification);
    // The store announces a burst synchronously, in one update: count all of it, then decide once.
    if (arrived.length === 1) {
      queueMicrotask(() => {
        const fresh = arrived;
        arrived = [];
        place(fresh);
        publish();
      });
    }
  }

  // A toast whose notification was read elsewhere (feed, another tab) goes; an updated one refreshes.
  function follow(items: readonly Notification[]): void {
    let changed = false;
    for (const toast of shown) {
      const current = toast.entry.notification;
      if (!current) continue;
      const now = items.find((n) => n.id === current.id);
      if (!now || now === current) continue;
      changed = true;
      if (now.read) remove(toast);
      else toast.entry = { key: toast.entry.key, notification: now };
    }
    if (changed) publish();
  }

  const unsubscribe = [
    store.on('notification', (notification, info) => {
      if (!info.silent && !notification.read) admit(notification);
    }),
    // Only while toasts are shown: a feed of 100,000 updates often and usually has none.
    store.$items.listen((items) => {
      if (shown.length) follow(items);
    }),
    // A toast that arrives while the page is hidden is still there when the person comes back.
    watchPageVisibility((hidden) => (hidden ? holds.pause('hidden') : holds.resume('hidden'))),
  ];

  return {
    $toasts,
    dismiss,
    pause: holds.pause,
    resume: holds.resume,
    configure,
    destroy() {
      for (const stop of unsubscribe) stop();
      for (const toast of shown) toast.countdown.cancel();
      shown = [];
      waiting.length = 0;
      publish();
    },
  };
}
