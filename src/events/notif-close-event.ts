/** The bell's panel closed. */
export class NotifCloseEvent extends Event {
  static readonly type = 'notif-close';

  constructor() {
    super(NotifCloseEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'notif-close': NotifCloseEvent;
  }
}
