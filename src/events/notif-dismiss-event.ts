import type { Notification } from '../core/model/types.js';

/** How a toast was dismissed. */
export type DismissReason = 'button' | 'timeout' | 'swipe' | 'escape' | 'click';

/** A toast is about to be dismissed. Cancelable: prevent it to keep the toast. */
export class NotifDismissEvent extends Event {
  static readonly type = 'notif-dismiss';
  readonly notification: Notification | undefined;
  readonly reason: DismissReason;

  constructor(notification: Notification | undefined, reason: DismissReason) {
    super(NotifDismissEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.notification = notification;
    this.reason = reason;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'notif-dismiss': NotifDismissEvent;
  }
}
