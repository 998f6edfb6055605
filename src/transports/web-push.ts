import { atom, type ReadableAtom } from 'nanostores';
import { NotifError } from '../core/model/errors.js';
import type { Preferences, PushControl, PushState, Transport } from '../core/model/types.js';
import { isFromWorker, WORKER_PROTOCOL, WORKER_VERSION, type ToWorker } from '../core/wire/worker.js';

export interface WebPushOptions {
  /** The worker script's URL (registered on first opt-in, with `scope`), or a registration of your own. */
  serviceWorker: string | URL | ServiceWorkerRegistration;
  /** The application server's VAPID public key, base64url. */
  vapidPublicKey: string;
  /** Tells your server about the subscription and the topics with `desktop` on; called again when they change. */
  subscribe(details: { subscription: PushSubscriptionJSON; topics: string[] }): Promise<void> | void;
  /** Tells your server the person turned the last desktop topic off. */
  unsubscribe?(details: { subscription: PushSubscriptionJSON }): Promise<void> | void;
  /** The worker's scope when `serviceWorker` is a URL. Default `/`. */
  scope?: string;
  /** `module` registers the worker as an ES module. Default `classic` (the prebuilt `dist/notif-sw.js`). */
  type?: WorkerType;
}

/** `pushManager.subscribe()` can hang forever where no push service answers: it is given this long. */
const SUBSCRIBE_TIMEOUT_MS = 20_000;

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const sameKey = (key: ArrayBuffer | null | undefined, expected: Uint8Array): boolean =>
  !!key && key.byteLength === expected.length && new Uint8Array(key).every((byte, i) => byte === expected[i]);

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error instanceof Error ? error : new Error(String(error)))),
    );
  });
}

const supported = (): boolean =>
  typeof navigator !== 'undefined' && 'serviceWorker' in navigator && typeof PushManager === 'function' && typeof Notification === 'function';

/** The topics a person turned `desktop` on for. */
const desktopTopics = (preferences: Preferences): string[] =>
  Object.entries(preferences)
    .filter(([, channels]) => channels.desktop)
    .map(([topic]) => topic)
    .sort();

/**
 * Web Push: notifications that reach the person when no page is open. A
 * transport (what the worker relays to open pages enters the store like
 * `add()`: deduped by id, the cursor of the connection untouched), usually
 * beside a live one: `merge(sse('/events'), webPush({ … }))`. Opt-in only: it
 * follows the store's `desktop` preferences, so turning the first one on (in
 * `<notif-preferences>`, which asks the browser's permission from that click)
 * registers the worker, subscribes with `userVisibleOnly` and calls `subscribe`;
 * later changes call it again; turning the last one off unsubscribes and calls
 * `unsubscribe`. `enable()` does the same from a click of your own. Nothing is
 * requested on page load. `$state`: `unsupported` | `default` | `denied` |
 * `subscribing` | `subscribed` | `error`.
 */
export function webPush(options: WebPushOptions): Transport & {
  readonly $state: ReadableAtom<PushState>;
  enable(): Promise<PushState>;
  disable(): Promise<void>;
  readonly push: PushControl;
} {
  const $state = atom<PushState>(!supported() ? 'unsupported' : Notification.permission === 'denied' ? 'denied' : 'default');
  const key = keyBytes(options.vapidPublicKey);
  const readers = new Set<(ids: string[]) => void>();
  const enablers = new Set<() => void>();
  const scope = options.scope ?? '/';
  let topics: string[] = [];
  /** The person's preferences, as last followed: a worker registered later gets them then. */
  let preferences: Preferences | undefined;
  /** What the server was last told: the endpoint and topics. */
  let reported: { endpoint: string; topics: string } | undefined;
  /** One subscription change at a time, in order. */
  let queue: Promise<unknown> = Promise.resolve();
  let report: ((error: NotifError) => void) | undefined;

  const setState = (state: PushState): void => $state.set(state);
  const fail = (cause: unknown): void => {
    setState('error');
    report?.(new NotifError('network', `web push: ${cause instanceof Error ? cause.message : String(cause)}`, { cause }));
  };

  /** The worker's registration if there is one yet (the app's own, or the one on `scope`): never registers. */
  const existingRegistration = async (): Promise<ServiceWorkerRegistration | undefined> =>
    typeof options.serviceWorker === 'object' && 'pushManager' in options.serviceWorker
      ? options.serviceWorker
      : navigator.serviceWorker.getRegistration(scope);

  async function registration(): Promise<ServiceWorkerRegistration> {
    const worker = options.serviceWorker;
    if (typeof worker === 'object' && 'pushManager' in worker) return worker;
    const existing = await navigator.serviceWorker.getRegistration(scope);
    if (existing) return existing;
    await navigator.serviceWorker.register(worker, { scope, type: options.type ?? 'classic' });
    return navigator.serviceWorker.ready;
  }

  /** The worker shows OS notifications by the person's preferences: it gets them on every change. */
  async function tellWorker(message: ToWorker): Promise<void> {
    const existing = await existingRegistration();
    (existing?.active ?? navigator.serviceWorker.controller)?.postMessage(message);
  }

  async function subscribeNow(): Promise<void> {
    if (!topics.length || Notification.permission !== 'granted') return;
    const registered = await registration();
    // The first opt-in registers the worker after follow() told it the preferences (there was no worker yet).
    if (preferences) await tellWorker({ ns: WORKER_PROTOCOL, v: WORKER_VERSION, type: 'preferences', preferences });
    let subscription = await registered.pushManager.getSubscription();
    // Subscribed with another VAPID key (the server changed it): replaced, and reported.
    if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
      await subscription.unsubscribe();
      subscription = null;
    }
    if (!subscription) {
      setState('subscribing');
      subscription = await withTimeout(registered.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }), SUBSCRIBE_TIMEOUT_MS, 'pushManager.subscribe()');
    }
    const now = { endpoint: subscription.endpoint, topics: topics.join(' ') };
    if (reported?.endpoint !== now.endpoint || reported.topics !== now.topics) {
      await options.subscribe({ subscription: subscription.toJSON(), topics: [...topics] });
      reported = now;
    }
    setState('subscribed');
  }

  async function unsubscribeNow(): Promise<void> {
    const existing = await existingRegistration();
    const subscription = await existing?.pushManager.getSubscription();
    reported = undefined;
    if (subscription) {
      const json = subscription.toJSON();
      await subscription.unsubscribe();
      await options.unsubscribe?.({ subscription: json });
    }
    setState(Notification.permission === 'denied' ? 'denied' : 'default');
  }

  const run = (step: () => Promise<void>): Promise<void> => {
    const next = queue.then(step).catch(fail);
    queue = next;
    return next;
  };

  const push: PushControl = {
    state: () => $state.get(),
    onState: (listener) => $state.listen(listener),
    onRead(listener) {
      readers.add(listener);
      return () => readers.delete(listener);
    },
    onEnable(listener) {
      enablers.add(listener);
      return () => enablers.delete(listener);
    },
    follow(next) {
      if (!supported()) return;
      preferences = next;
      const before = topics;
      topics = desktopTopics(next);
      void tellWorker({ ns: WORKER_PROTOCOL, v: WORKER_VERSION, type: 'preferences', preferences: next }).catch(() => {});
      if (Notification.permission === 'denied') setState('denied');
      if (topics.length) void run(subscribeNow);
      // Only the person turning the last one off unsubscribes: a page that starts with none on (no
      // storageKey, so its choices were not kept) must not drop a subscription it did not make.
      else if (before.length) void run(unsubscribeNow);
    },
  };

  return {
    $state,
    push,
    /** From a click: asks the browser's permission (at once, inside the gesture), then subscribes. */
    enable() {
      if (!supported()) return Promise.resolve($state.get());
      // Synchronous, so the request carries the person's click.
      const asked = Notification.permission === 'default' ? Notification.requestPermission() : Promise.resolve(Notification.permission);
      return asked.then((permission) => {
        if (permission !== 'granted') {
          setState(permission === 'denied' ? 'denied' : 'default');
          return $state.get();
        }
        // The store turns the default topic's desktop on when none is (follow() then subscribes it).
        for (const enabled of enablers) enabled();
        if (!topics.length) topics = ['default'];
        return run(subscribeNow).then(() => $state.get());
      });
    },
    disable() {
      topics = [];
      return supported() ? run(unsubscribeNow) : Promise.resolve();
    },
    connect(sink) {
      report = (error) => sink.error(error);
      if (!supported()) {
        sink.status('open');
        return () => {};
      }
      const onMessage = (event: MessageEvent<unknown>): void => {
        const message = event.data;
        if (!isFromWorker(message)) return;
        if (message.type === 'push') sink.message(message.data, { cursorless: true });
        else if (message.type === 'rejected') sink.error(new NotifError(message.code as NotifError['code'], `web push: ${message.message}`, { raw: message.raw }));
        else if (message.type === 'read') for (const read of readers) read(message.ids);
        else if (message.type === 'subscription-changed') {
          reported = undefined;
          void run(subscribeNow);
        }
      };
      navigator.serviceWorker.addEventListener('message', onMessage);
      // The person answered a prompt or changed the site's settings (a query, never a request).
      const watch = new AbortController();
      void navigator.permissions
        ?.query({ name: 'notifications' })
        .then((status) => {
          status.addEventListener(
            'change',
            () => {
              if (Notification.permission === 'denied') setState('denied');
              else if ($state.get() === 'denied') {
                setState('default');
                if (topics.length) void run(subscribeNow);
              }
            },
            { signal: watch.signal },
          );
        })
        .catch(() => {});
      // What was read through an OS notification while no page was open.
      void tellWorker({ ns: WORKER_PROTOCOL, v: WORKER_VERSION, type: 'take-reads' }).catch(() => {});
      // Already subscribed on an earlier visit: say so (no request).
      void existingRegistration()
        .then((existing) => existing?.pushManager.getSubscription())
        .then((subscription) => {
          if (subscription && $state.get() === 'default') setState('subscribed');
        })
        .catch(() => {});
      sink.status('open');
      return () => {
        navigator.serviceWorker.removeEventListener('message', onMessage);
        watch.abort();
        report = undefined;
      };
    },
  };
}
