import type { NotificationStore } from '../core/store.js';
import type { Notification as NotificationItem } from '../core/types.js';
import { safeUrl } from '../core/url.js';
import { follow } from '../elements/shared/content.js';

/** Ids remembered so an id is shown at most once as an OS notification (RELIABILITY X3). */
const SHOWN_LIMIT = 5000;

/** The `tag` of the one OS notification that stands for a burst. */
export const DESKTOP_SUMMARY_TAG = 'notif-elements-summary';

export interface DesktopNotificationsOptions {
  /** The title of the one OS notification shown for a burst, e.g. "12 new notifications". */
  summary: (count: number) => string;
  /** Most notifications of one burst shown one by one; a larger burst shows one summary. Default 3. */
  max?: () => number;
}

interface Pending {
  notification: NotificationItem;
  store: NotificationStore;
}

/**
 * Shows new live notifications as operating-system notifications while the
 * page is hidden, when the person opted in to the `desktop` channel for the
 * topic and the browser permission is already `granted`. It never asks for
 * permission: `<notif-preferences>` does that, from a click.
 *
 * A burst (everything offered in one task) larger than `max` becomes one
 * summary notification, and an id is shown at most once (`tag` is the id, so
 * the OS also collapses repeats across tabs). Clicking one focuses the window,
 * marks the notification read and follows its safe `url`.
 */
export class DesktopNotifications {
  readonly #options: DesktopNotificationsOptions;
  readonly #shown = new Set<string>();
  #pending: Pending[] = [];

  constructor(options: DesktopNotificationsOptions) {
    this.#options = options;
  }

  /** Whether the browser can show OS notifications and the person granted it. */
  static get permitted(): boolean {
    return typeof window !== 'undefined' && 'Notification' in window && Notification.permission === 'granted';
  }

  /**
   * Considers a live (not silent) notification. Returns whether it will be
   * shown: the page is hidden, it is unread, the person allows `desktop` for
   * its topic, permission is granted, and its id was not shown before.
   */
  offer(notification: NotificationItem, store: NotificationStore): boolean {
    if (notification.read || document.visibilityState !== 'hidden') return false;
    if (!DesktopNotifications.permitted || !store.allows(notification, 'desktop')) return false;
    if (this.#shown.has(notification.id)) return false;
    this.#shown.add(notification.id);
    if (this.#shown.size > SHOWN_LIMIT) {
      const oldest = this.#shown.values().next().value;
      if (oldest !== undefined) this.#shown.delete(oldest);
    }
    this.#pending.push({ notification, store });
    // The store delivers a burst synchronously; decide once for all of it.
    if (this.#pending.length === 1) queueMicrotask(() => this.#flush());
    return true;
  }

  #flush(): void {
    const pending = this.#pending;
    this.#pending = [];
    const max = Math.max(1, this.#options.max?.() ?? 3);
    if (pending.length > max) {
      this.#show(this.#options.summary(pending.length), { tag: DESKTOP_SUMMARY_TAG }, () => undefined);
      return;
    }
    for (const { notification, store } of pending) {
      const icon = safeUrl(notification.icon);
      const url = safeUrl(notification.url);
      this.#show(
        notification.title,
        { tag: notification.id, ...(notification.body && { body: notification.body }), ...(icon && { icon }) },
        () => {
          store.markRead(notification.id);
          if (url) follow(url);
        },
      );
    }
  }

  #show(title: string, options: NotificationOptions, onClick: () => void): void {
    let shown: Notification;
    try {
      shown = new Notification(title, options);
    } catch {
      // Some browsers (Chrome on Android) only show them through a service worker registration.
      return;
    }
    shown.addEventListener('click', (event) => {
      event.preventDefault();
      window.focus();
      onClick();
      shown.close();
    });
  }
}
