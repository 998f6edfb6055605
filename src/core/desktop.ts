import type { Notification as NotificationItem } from './model/types.js';
import { safeUrl } from './model/url.js';
import { openUrl } from './open-url.js';
import type { NotificationStore } from './store/index.js';

/** Ids remembered so an id is shown at most once as an OS notification (RELIABILITY X3). */
const SHOWN_LIMIT = 5000;

/** The `tag` of the one OS notification that stands for a burst. */
export const DESKTOP_SUMMARY_TAG = 'notif-elements-summary';

export interface DesktopOptions {
  /** The title of the one OS notification shown for a burst, e.g. "12 new notifications". */
  summary: (count: number) => string;
  /** Most notifications of one burst shown one by one; a larger burst shows one summary. Default 3. */
  max?: () => number;
}

/** Whether this browser can show OS notifications and the person granted it. */
export function desktopPermitted(): boolean {
  return typeof Notification === 'function' && Notification.permission === 'granted';
}

const pageHidden = (): boolean => typeof document !== 'undefined' && document.visibilityState === 'hidden';

/**
 * Shows the store's new live notifications as operating-system notifications
 * while the page is hidden, when the person opted in to the `desktop` channel
 * for the topic and the browser permission is already `granted`. It never asks
 * for permission: `<notif-preferences>` does that, from a click.
 *
 * A burst (everything announced in one store update) larger than `max` becomes
 * one summary notification, and an id is shown at most once (`tag` is the id, so
 * the OS also collapses repeats across tabs). Clicking one focuses the window,
 * marks the notification read and follows its safe `url`. Returns the unsubscribe.
 */
export function showDesktopNotifications(store: NotificationStore, options: DesktopOptions): () => void {
  const shown = new Set<string>();
  let pending: NotificationItem[] = [];

  function show(title: string, init: NotificationOptions, onClick: () => void): void {
    let notification: Notification;
    try {
      notification = new Notification(title, init);
    } catch {
      // Some browsers (Chrome on Android) only show them through a service worker registration.
      return;
    }
    notification.addEventListener('click', (event) => {
      event.preventDefault();
      window.focus();
      onClick();
      notification.close();
    });
  }

  function flush(): void {
    const burst = pending;
    pending = [];
    const max = Math.max(1, options.max?.() ?? 3);
    if (burst.length > max) {
      show(options.summary(burst.length), { tag: DESKTOP_SUMMARY_TAG }, () => undefined);
      return;
    }
    for (const notification of burst) {
      const icon = safeUrl(notification.icon);
      const url = safeUrl(notification.url);
      const init = { tag: notification.id, ...(notification.body && { body: notification.body }), ...(icon && { icon }) };
      show(notification.title, init, () => {
        store.markRead(notification.id);
        if (url) openUrl(url);
      });
    }
  }

  // With crossTab(), once per browser: the leader shows it, and only while no tab is visible.
  const nobodyLooking = (): boolean => {
    const tabs = store.tabs;
    if (!tabs || tabs.role() === 'solo') return pageHidden();
    return tabs.role() === 'leader' && !tabs.anyVisible();
  };

  return store.on('notification', (notification, info) => {
    // With Web Push subscribed, the worker shows them (once per browser): not this page too.
    if (store.push?.state() === 'subscribed') return;
    if (info.silent || notification.read || !nobodyLooking()) return;
    if (!desktopPermitted() || !store.allows(notification, 'desktop') || shown.has(notification.id)) return;
    shown.add(notification.id);
    if (shown.size > SHOWN_LIMIT) shown.delete(shown.values().next().value as string);
    pending.push(notification);
    // The store announces a burst synchronously; decide once for all of it.
    if (pending.length === 1) queueMicrotask(flush);
  });
}
