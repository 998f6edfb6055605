// Compile-only checks of the public store, toast and event types, as an app imports them
// from the built package. `@ts-expect-error` marks what must not compile.
import {
  createNotificationStore,
  createToasts,
  fromSubscribe,
  sse,
  type ConnectionStatus,
  type Notification,
  type NotifError,
  type NotifErrorCode,
  type ToastEntry,
  type TransportSink,
} from 'notif-elements/core';
import type { NotifClickEvent, NotifErrorEvent, NotifReadEvent } from 'notif-elements';

const store = createNotificationStore({ transport: sse('/events'), maxItems: 100, storageKey: 'app' });
const items: Notification[] = store.$items.get();
const unread: number = store.$unreadCount.get();
const status: ConnectionStatus = store.$status.get();
store.on('notification', (n, info) => {
  const title: string = n.title;
  const silent: boolean = info.silent;
  void [title, silent];
});
store.on('error', (error: NotifError) => {
  const code: NotifErrorCode = error.code;
  void code;
});
// @ts-expect-error: no such event
store.on('message', () => {});
// @ts-expect-error: ids are strings
store.markRead(42);
store.setPreference('billing', 'toast', false);
// @ts-expect-error: the channels are feed, toast and desktop
store.setPreference('billing', 'sms', false);

const toasts = createToasts(store, { max: 3, duration: 6000 });
const entries: readonly ToastEntry[] = toasts.$toasts.get();
for (const entry of entries) {
  if (entry.notification) void entry.notification.id;
  else void (entry.count satisfies number);
}
toasts.pause('hover');
// @ts-expect-error: pause reasons are hover, focus and hidden
toasts.pause('scroll');

// A transport reads the store's cursor on (re)connect and never decodes.
const resume = (sink: TransportSink): string | undefined => sink.cursor();
const adapter = fromSubscribe((emit, report) => {
  emit('{"id":"1","title":"hi"}', { replay: true });
  report('open');
  return () => {};
});
void [items, unread, status, resume, adapter];

document.addEventListener('notif-click', (event: NotifClickEvent) => void event.notification.url);
document.addEventListener('notif-read', (event: NotifReadEvent) => void event.notifications.length);
document.addEventListener('notif-error', (event: NotifErrorEvent) => void event.error.code);
// @ts-expect-error: a notif-click event has no error field
document.addEventListener('notif-click', (event) => void event.error);
