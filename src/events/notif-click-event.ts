import type { Notification, NotificationAction } from '../core/model/types.js';

/**
 * A person activated a notification (or one of its actions). Cancelable:
 * unless prevented, the element marks it read and follows its safe `url`.
 */
export class NotifClickEvent extends Event {
  static readonly type = 'notif-click';
  readonly notification: Notification;
  /** The action that was activated, when it was an action rather than the item itself. */
  readonly action: NotificationAction | undefined;

  constructor(notification: Notification, action?: NotificationAction) {
    super(NotifClickEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.notification = notification;
    this.action = action;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'notif-click': NotifClickEvent;
  }
}
