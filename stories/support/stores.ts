// Stores for the stories. Static states are plain stores filled with `add()`; states that
// only a connection can produce (loading, offline, error) and live streams use a
// `fromSubscribe` transport, started and stopped through Storybook hooks, so every timer
// ends when the story unmounts (Storybook runs hook cleanups on every story change).
import { useEffect, useMemo } from 'storybook/preview-api';
import {
  createNotificationStore,
  fromSubscribe,
  NotifError,
  type ConnectionStatus,
  type NotificationStore,
  type NotificationStoreOptions,
  type StatusDetail,
} from '../../src/index.js';
import { nextLiveNotification, TOPICS, type SampleNotification } from './samples.js';

/** A store holding `items`, with the sample topics unless `options` says otherwise. */
export function staticStore(items: SampleNotification[] = [], options: NotificationStoreOptions = {}): NotificationStore {
  const store = createNotificationStore({ topics: TOPICS, ...options });
  if (items.length) store.add(items);
  return store;
}

/**
 * A store whose transport reports `status` (and `detail`) as soon as it connects, after a
 * silent snapshot of `items`: how a real transport puts the elements in the
 * loading (`connecting`), `offline` or `error` state.
 */
export function statusStore(
  status: ConnectionStatus,
  detail: StatusDetail = {},
  items: SampleNotification[] = [],
  options: NotificationStoreOptions = {},
): NotificationStore {
  return createNotificationStore({
    topics: TOPICS,
    ...options,
    transport: fromSubscribe((emit, report) => {
      if (items.length) emit({ type: 'snapshot', items });
      report(status, detail);
    }),
  });
}

/** The `error` status a transport reports for a 401 it could not recover from. */
export function authError(): StatusDetail {
  return { error: new NotifError('auth', 'the server answered 401 Unauthorized') };
}

export interface LiveOptions {
  /** Notifications already there when the story opens (a silent snapshot). */
  seed?: SampleNotification[];
  /** Milliseconds between live notifications. */
  intervalMs?: number;
  /** How many arrive together each time (more than the toaster's free slots shows a summary). */
  burst?: number;
  /** Milliseconds before the first live notification (default: one interval). */
  firstAfterMs?: number;
  /** Report a dropping connection: open for three ticks, then reconnecting, offline twice, reconnecting, and again. */
  flaky?: boolean;
  /** Stop after this many live notifications (e.g. a toaster story that only needs a few). */
  limit?: number;
  /** What each live notification is; defaults to the realistic stream of samples. */
  next?: () => SampleNotification;
}

/**
 * A store fed by an in-browser push source: `fromSubscribe` with a timer that emits
 * realistic notifications, as an SDK callback would. The timer runs only between
 * `store.start()` and `store.stop()` (the transport's unsubscribe clears it).
 */
export function liveStore(options: LiveOptions = {}, storeOptions: NotificationStoreOptions = {}): NotificationStore {
  const { seed = [], intervalMs = 4000, burst = 1, firstAfterMs = intervalMs, flaky = false, limit = Infinity } = options;
  const next = options.next ?? ((): SampleNotification => nextLiveNotification());
  return createNotificationStore({
    topics: TOPICS,
    ...storeOptions,
    transport: fromSubscribe((emit, status) => {
      if (seed.length) emit({ type: 'snapshot', items: seed });
      // Open for a while, then down for a while: what a train tunnel does to a connection.
      const cycle: ConnectionStatus[] = ['open', 'open', 'open', 'reconnecting', 'offline', 'offline', 'reconnecting'];
      let sent = 0;
      let tick = 0;
      let interval: ReturnType<typeof setInterval> | undefined;
      const fire = (): void => {
        if (flaky) {
          const current = cycle[tick % cycle.length] ?? 'open';
          status(current, current === 'reconnecting' ? { retryInMs: intervalMs } : {});
          tick++;
          // Nothing arrives while the connection is down.
          if (current !== 'open') return;
        }
        const count = Math.min(burst, limit - sent);
        if (count > 0) {
          sent += count;
          emit(Array.from({ length: count }, next));
        }
        if (sent >= limit) clearInterval(interval);
      };
      const first = setTimeout(() => {
        fire();
        if (sent < limit) interval = setInterval(fire, intervalMs);
      }, firstAfterMs);
      return () => {
        clearTimeout(first);
        clearInterval(interval);
      };
    }),
  });
}

/**
 * Creates a store once per story (again only when `deps` change) and keeps it connected
 * while the story is shown: `store.start()` after render, `store.stop()` on unmount.
 * Use it inside a story's `render`; Storybook hooks work there in every renderer.
 */
export function useConnectedStore(create: () => NotificationStore, deps: unknown[] = []): NotificationStore {
  const store = useMemo(create, deps);
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  return store;
}
