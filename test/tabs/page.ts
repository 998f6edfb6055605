// One tab of the multi-tab tests: a store on crossTab(sse(hub)), driven and read from
// Node through `window.tab`. Bundled by tabs-server.mjs; not a web-test-runner file.
//
// Query parameters, applied before the store starts:
//   channel=<name>   the hub channel, and the crossTab name (default `tabs`)
//   solo             no crossTab: the store on sse() alone
//   without=BroadcastChannel | without=locks   removes that API from the page (F43)
//   throw=BroadcastChannel                     its constructor throws, as in an opaque origin
//   hidden           the page starts hidden (see setVisibility)
//   desktop          OS notifications on, through a recording stand-in for `Notification`
import { createNotificationStore } from '../../src/core/store/index.js';
import { showDesktopNotifications } from '../../src/core/desktop.js';
import { createToasts } from '../../src/core/toasts.js';
import { crossTab } from '../../src/transports/cross-tab.js';
import { PROTOCOL, VERSION } from '../../src/transports/cross-tab-protocol.js';
import { sse } from '../../src/transports/sse.js';
import { tap } from '../helpers/tap.js';
import type { Notification } from '../../src/core/model/types.js';

const params = new URLSearchParams(location.search);
const channel = params.get('channel') ?? 'tabs';
const now = (): number => performance.timeOrigin + performance.now();

for (const api of params.getAll('without')) {
  if (api === 'BroadcastChannel') Reflect.deleteProperty(globalThis, 'BroadcastChannel');
  if (api === 'locks') Object.defineProperty(Navigator.prototype, 'locks', { configurable: true, get: () => undefined });
}
if (params.get('throw') === 'BroadcastChannel') {
  globalThis.BroadcastChannel = class {
    constructor() {
      throw new DOMException('BroadcastChannel is not allowed here', 'SecurityError');
    }
  } as unknown as typeof BroadcastChannel;
}

// Headless Chromium pages are always `visible` and no CDP call changes that, so the page's
// visibility is overridden here, before anything reads it; setVisibility fires the real event.
let visibility: DocumentVisibilityState = params.has('hidden') ? 'hidden' : 'visible';
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
Object.defineProperty(document, 'hidden', { configurable: true, get: () => visibility === 'hidden' });

/** The OS notifications this tab showed (through the stand-in below). */
const shownByOs: { title: string; tag: string | undefined }[] = [];
if (params.has('desktop')) {
  globalThis.Notification = class {
    static readonly permission: NotificationPermission = 'granted';
    static requestPermission = async (): Promise<NotificationPermission> => 'granted';
    constructor(title: string, init?: NotificationOptions) {
      shownByOs.push({ title, tag: init?.tag });
    }
    addEventListener(): void {}
    close(): void {}
  } as unknown as typeof Notification;
}

/** Each id of every message crossTab handed this tab's store, in order (welcome replays included). */
const delivered: string[] = [];
const idOf = (data: unknown): string => {
  try {
    const value: unknown = typeof data === 'string' ? JSON.parse(data) : data;
    return typeof value === 'object' && value !== null && 'id' in value ? String(value.id) : '?';
  } catch {
    return '?';
  }
};

const calls: { action: string; ids: string[] }[] = [];
const errors: string[] = [];
const transport = sse(`/hub/${channel}/sse`);
const store = createNotificationStore({
  transport: tap(params.has('solo') ? transport : crossTab(transport, { name: channel }), { message: (data) => delivered.push(idOf(data)) }),
  maxItems: 100_000,
  topics: [{ id: 'default', label: 'Everything', defaults: { desktop: params.has('desktop') } }],
  actions: {
    // ?hang: a server that never answers, so what the person does waits in the outbox.
    markRead: async (ids) => {
      calls.push({ action: 'markRead', ids });
      if (params.has('hang')) await new Promise(() => {});
    },
    markAllRead: async () => void calls.push({ action: 'markAllRead', ids: [] }),
    archive: async (ids) => void calls.push({ action: 'archive', ids }),
  },
});
const toasts = createToasts(store);
const toasted: string[] = [];
toasts.$toasts.listen((entries) => {
  for (const entry of entries) if (entry.notification && !toasted.includes(entry.notification.id)) toasted.push(entry.notification.id);
});
if (params.has('desktop')) showDesktopNotifications(store, { summary: (count) => `${count} new notifications` });
store.on('error', (error) => errors.push(`${error.code}: ${error.message}`));

/** When each id first reached this tab's store, was first seen read, and left the feed (archived). */
const arrivedAt = new Map<string, number>();
const readAt = new Map<string, number>();
const goneAt = new Map<string, number>();
store.$items.listen((items: readonly Notification[]) => {
  const at = now();
  const present = new Set<string>();
  for (const n of items) {
    present.add(n.id);
    if (!arrivedAt.has(n.id)) arrivedAt.set(n.id, at);
    if (n.read && !readAt.has(n.id)) readAt.set(n.id, at);
  }
  for (const id of arrivedAt.keys()) if (!present.has(id) && !goneAt.has(id)) goneAt.set(id, at);
});
/** When each preference value (`topic/channel=enabled`) was first seen here. */
const preferenceAt = new Map<string, number>();
store.$preferences.subscribe((preferences) => {
  for (const [topic, channels] of Object.entries(preferences)) {
    for (const [name, enabled] of Object.entries(channels)) {
      const key = `${topic}/${name}=${String(enabled)}`;
      if (!preferenceAt.has(key)) preferenceAt.set(key, now());
    }
  }
});
/** Every role this tab took, when, the cursor it had then (a new leader connects from it) and how many messages it had had. */
const roles: { role: string; at: number; cursor: string | undefined; delivered: number }[] = [];
store.$role.subscribe((role) => roles.push({ role, at: now(), cursor: store.cursor, delivered: delivered.length }));
/** When $status became `open`, each time. */
const opened: number[] = [];
store.$status.subscribe((status) => {
  if (status === 'open') opened.push(now());
});
store.start();

const timed = (action: () => void): number => {
  const at = now();
  action();
  return at;
};
const api = {
  now,
  ids: () => store.$items.get().map((n) => n.id),
  read: () => store.$items.get().filter((n) => n.read).map((n) => n.id),
  pending: () => [...store.$pendingIds.get()].sort(),
  delivered: () => delivered,
  role: () => store.$role.get(),
  roles: () => roles,
  opened: () => opened,
  status: () => store.$status.get(),
  cursor: () => store.cursor,
  preferences: () => store.$preferences.get(),
  calls: () => calls,
  errors: () => errors,
  toasted: () => toasted,
  shownByOs: () => shownByOs,
  arrivedAt: (id: string) => arrivedAt.get(id),
  readAt: (id: string) => readAt.get(id),
  goneAt: (id: string) => goneAt.get(id),
  preferenceAt: (key: string) => preferenceAt.get(key),
  /** Each action returns when it was made, for latency figures. */
  markRead: (id: string) => timed(() => store.markRead(id)),
  markAllRead: () => timed(() => store.markAllRead()),
  archive: (id: string) => timed(() => store.archive(id)),
  setPreference: (topic: string, enabled: boolean) => timed(() => store.setPreference(topic, 'toast', enabled)),
  setVisibility(state: DocumentVisibilityState) {
    visibility = state;
    document.dispatchEvent(new Event('visibilitychange'));
  },
  /** What marks the library's messages on the channel, and its protocol version. */
  protocol: () => ({ ns: PROTOCOL, v: VERSION }),
  /** Posts `message` on the group's channel, as another app (or library version) of the origin would. */
  postOnChannel(message: unknown) {
    const other = new BroadcastChannel(`notif-elements/${channel}`);
    other.postMessage(message);
    other.close();
  },
  stop: () => store.stop(),
};
declare global {
  interface Window {
    tab: typeof api;
  }
}
window.tab = api;
