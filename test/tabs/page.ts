// One tab of the multi-tab tests: a store on crossTab(sse(hub)), driven and read from
// Node through `window.tab`. Bundled by tabs-server.mjs; not a web-test-runner file.
import { createNotificationStore } from '../../src/core/store/index.js';
import { createToasts } from '../../src/core/toasts.js';
import { crossTab } from '../../src/transports/cross-tab.js';
import { sse } from '../../src/transports/sse.js';
import type { Notification } from '../../src/core/model/types.js';

const params = new URLSearchParams(location.search);
const channel = params.get('channel') ?? 'tabs';
const calls: { action: string; ids: string[] }[] = [];
const errors: string[] = [];
const transport = sse(`/hub/${channel}/sse`);
const store = createNotificationStore({
  transport: params.has('solo') ? transport : crossTab(transport, { name: channel }),
  maxItems: 100_000,
  actions: {
    markRead: async (ids) => void calls.push({ action: 'markRead', ids }),
    markAllRead: async () => void calls.push({ action: 'markAllRead', ids: [] }),
    archive: async (ids) => void calls.push({ action: 'archive', ids }),
  },
});
const toasts = createToasts(store);
const toasted: string[] = [];
toasts.$toasts.listen((entries) => {
  for (const entry of entries) if (entry.notification && !toasted.includes(entry.notification.id)) toasted.push(entry.notification.id);
});
store.on('error', (error) => errors.push(`${error.code}: ${error.message}`));
/** When each id first reached this tab's store, for latency figures. */
const arrivedAt = new Map<string, number>();
store.$items.listen((items: readonly Notification[]) => {
  const now = performance.timeOrigin + performance.now();
  for (const n of items) if (!arrivedAt.has(n.id)) arrivedAt.set(n.id, now);
});
store.start();

const api = {
  ids: () => store.$items.get().map((n) => n.id),
  read: () => store.$items.get().filter((n) => n.read).map((n) => n.id),
  role: () => store.$role.get(),
  status: () => store.$status.get(),
  cursor: () => store.cursor,
  preferences: () => store.$preferences.get(),
  calls: () => calls,
  errors: () => errors,
  toasted: () => toasted,
  arrivedAt: (id: string) => arrivedAt.get(id),
  markRead: (id: string) => store.markRead(id),
  markAllRead: () => store.markAllRead(),
  archive: (id: string) => store.archive(id),
  setPreference: (topic: string, enabled: boolean) => store.setPreference(topic, 'toast', enabled),
  stop: () => store.stop(),
};
declare global {
  interface Window {
    tab: typeof api;
  }
}
window.tab = api;
