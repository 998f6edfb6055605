import type { Notification } from '../../core/model/types.js';
import { startOfDay } from '../../i18n/format.js';

/** What the feed lays out: a day's heading, or a notification. */
export type Row = { kind: 'day'; key: string; label: string } | { kind: 'item'; key: string; notification: Notification };

const DAY = 24 * 3600_000;

/** Whether `after` holds all of `before`, in order, from `offset` on. */
function holds(after: readonly Notification[], before: readonly Notification[], offset: number): boolean {
  if (after[offset] !== before[0]) return false;
  for (let i = 1; i < before.length; i++) if (after[offset + i] !== before[i]) return false;
  return true;
}

/** `after` is `before` with notifications added on top or at the bottom (how many), or neither. */
export function growth(before: readonly Notification[], after: readonly Notification[]): { where: 'top' | 'bottom'; added: number } | undefined {
  const added = after.length - before.length;
  if (added < 0 || !before.length) return undefined;
  if (holds(after, before, added)) return { where: 'top', added };
  if (holds(after, before, 0)) return { where: 'bottom', added };
  return undefined;
}

/**
 * Rows for notifications (newest first): each day opens with its heading (`dayLabel` of its
 * local midnight), unless it is the day of `after`, the row above.
 */
export function buildRows(notifications: readonly Notification[], after: Notification | undefined, dayLabel: (day: number) => string): Row[] {
  const rows: Row[] = [];
  let dayEnd = after ? startOfDay(after.createdAt) + DAY : Number.POSITIVE_INFINITY;
  for (const notification of notifications) {
    // Items are newest first, so a new day starts only when one falls before the current day.
    if (notification.createdAt < dayEnd - DAY || dayEnd === Number.POSITIVE_INFINITY) {
      const start = startOfDay(notification.createdAt);
      if (start + DAY !== dayEnd) {
        dayEnd = start + DAY;
        rows.push({ kind: 'day', key: `day:${start}`, label: dayLabel(start) });
      }
    }
    rows.push({ kind: 'item', key: notification.id, notification });
  }
  return rows;
}
