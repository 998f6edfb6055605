import type { Notification } from '../core/model/types.js';

/** A request to mark notifications read (one item, or "mark all as read"). Cancelable. */
export class NotifReadEvent extends Event {
  static readonly type = 'notif-read';
  readonly notifications: readonly Notification[];

  constructor(notifications: readonly Notification[]) {
    super(NotifReadEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.notifications = notifications;
  }

  /** The ids to mark read. */
  get ids(): string[] {
    return this.notifications.map((n) => n.id);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'notif-read': NotifReadEvent;
  }
}
