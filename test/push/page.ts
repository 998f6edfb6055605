// The page of the Web Push tests and the push bench: a store on merge(sse(hub), webPush(…)) and a
// <notif-preferences> bound to it, driven and read from Node through `window.push`. Bundled by
// push-server.mjs; not a web-test-runner file.
import '../../src/elements/notif-preferences/notif-preferences.define.js';
import { createNotificationStore } from '../../src/core/store/index.js';
import { createToasts } from '../../src/core/toasts.js';
import { merge } from '../../src/transports/merge.js';
import { sse } from '../../src/transports/sse.js';
import { webPush } from '../../src/transports/web-push.js';
import type { Channel, Notification } from '../../src/core/model/types.js';
import { defaultPreferencesStrings } from '../../src/elements/notif-preferences/notif-preferences.js';

const params = new URLSearchParams(location.search);
const channel = params.get('channel') ?? 'push';
const hub = `/hub/${encodeURIComponent(channel)}`;
const topics = (params.get('topics') ?? '').split(',').filter(Boolean);
/** Declared topics whose desktop channel is on by default (as the demo's security alerts). */
const desktopByDefault = (params.get('desktop') ?? '').split(',').filter(Boolean);

const post = async (path: string, body: unknown): Promise<void> => {
  const response = await fetch(`${hub}/push/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
};

const { publicKey } = (await (await fetch(`${hub}/push/key`)).json()) as { publicKey: string };
const subscribes: { subscription: PushSubscriptionJSON; topics: string[] }[] = [];
const unsubscribes: PushSubscriptionJSON[] = [];
const push = webPush({
  serviceWorker: '/notif-sw.js',
  vapidPublicKey: publicKey,
  subscribe: async (details) => {
    subscribes.push(details);
    await post('subscribe', details);
  },
  unsubscribe: async ({ subscription }) => {
    unsubscribes.push(subscription);
    await post('unsubscribe', { subscription });
  },
});
const store = createNotificationStore({
  transport: merge(sse(`${hub}/sse?live=1`), push),
  // The person's choices survive a reload (without it, a reload resets desktop to off and unsubscribes).
  storageKey: `push-test-${channel}`,
  topics: topics.map((id) => ({ id, label: id, ...(desktopByDefault.includes(id) && { defaults: { desktop: true } }) })),
});
const errors: { code: string; message: string }[] = [];
store.on('error', (error) => errors.push({ code: error.code, message: error.message }));
const toasts = createToasts(store);
const toasted: string[] = [];
toasts.$toasts.listen((entries) => {
  for (const entry of entries) if (entry.notification && !toasted.includes(entry.notification.id)) toasted.push(entry.notification.id);
});
/** When each id first reached the store (epoch ms), for the bench. */
const arrivedAt = new Map<string, number>();
store.$items.listen((items: readonly Notification[]) => {
  const now = Date.now();
  for (const n of items) if (!arrivedAt.has(n.id)) arrivedAt.set(n.id, now);
});
// What the worker tells this page about OS notifications it showed.
const shown: string[] = [];
navigator.serviceWorker.addEventListener('message', (event: MessageEvent<{ type?: string; id?: string }>) => {
  if (event.data?.type === 'shown' && typeof event.data.id === 'string') shown.push(event.data.id);
});
const probes: unknown[] = [];
new BroadcastChannel('notif-test-probes').onmessage = (event: MessageEvent) => probes.push(event.data);
const preferences = document.querySelector('notif-preferences');
if (preferences) preferences.store = store;
store.start();

const registration = (): Promise<ServiceWorkerRegistration | undefined> => navigator.serviceWorker.getRegistration('/');

const api = {
  ids: () => store.$items.get().map((n) => n.id),
  item: (id: string) => store.$items.get().find((n) => n.id === id),
  status: () => store.$status.get(),
  cursor: () => store.cursor,
  errors: () => errors,
  toasted: () => toasted,
  shown: () => shown,
  probes: () => probes,
  arrivedAt: (id: string) => arrivedAt.get(id),
  state: () => push.$state.get(),
  subscribes: () => subscribes,
  unsubscribes: () => unsubscribes,
  permission: () => Notification.permission,
  blockedText: () => defaultPreferencesStrings.desktopBlocked,
  setPreference: (topic: string, channel: Channel, on: boolean) => store.setPreference(topic, channel, on),
  /** Registers the worker without subscribing (CDP delivery needs no subscription); resolves once it is active. */
  async register(): Promise<string> {
    await navigator.serviceWorker.register('/notif-sw.js', { scope: '/' });
    const ready = await navigator.serviceWorker.ready;
    return ready.scope;
  },
  async notifications(): Promise<{ title: string; tag: string; body: string; data: unknown }[]> {
    const list = (await (await registration())?.getNotifications()) ?? [];
    return list.map((n) => ({ title: n.title, tag: n.tag, body: n.body, data: n.data as unknown }));
  },
  async subscription(): Promise<PushSubscriptionJSON | null> {
    return (await (await registration())?.pushManager.getSubscription())?.toJSON() ?? null;
  },
};
declare global {
  interface Window {
    push: typeof api;
  }
}
window.push = api;
