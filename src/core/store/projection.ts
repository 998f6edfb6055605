import { atom, computed, type ReadableAtom } from 'nanostores';
import type { Notification, Preferences } from '../model/types.js';
import { allows } from '../preferences.js';
import type { Entry } from './collection.js';

/**
 * What the views read: `$items` (newest first, archived and opted-out topics
 * left out) and `$unreadCount`, counted as the items are built so a burst adds
 * to the count instead of recounting 10,000.
 */
export function createProjection($preferences: ReadableAtom<Preferences>) {
  const $items = atom<Notification[]>([]);
  // publish() alone sets $items: the count of the items published is always at hand.
  let counted: { items: Notification[]; unread: number } = { items: $items.get(), unread: 0 };
  const $unreadCount = computed($items, () => counted.unread);

  return {
    $items: $items as ReadableAtom<Notification[]>,
    $unreadCount,
    /**
     * Sets $items from `sorted` (all of it), or, given `appended` (added entries that all
     * went on top or at the bottom), from the $items already published: then only those
     * are filtered and counted, and the rest is joined on natively. A burst of 10,000 is
     * published three times, add(100,000) about ten times; each full pass was a JS loop
     * over every item, in the task that re-renders the views.
     */
    publish(sorted: readonly Entry[], appended?: { entries: readonly Entry[]; where: 'top' | 'bottom' }): void {
      const preferences = $preferences.get();
      const items: Notification[] = [];
      let unread = 0;
      for (const entry of appended?.entries ?? sorted) {
        const notification = entry.notification;
        if (!notification.archived && allows(preferences, notification, 'feed')) {
          items.push(notification);
          if (!notification.read) unread++;
        }
      }
      if (!appended) counted = { items, unread };
      else {
        const joined = appended.where === 'top' ? items.concat(counted.items) : counted.items.concat(items);
        counted = { items: joined, unread: unread + counted.unread };
      }
      $items.set(counted.items);
    },
  };
}
