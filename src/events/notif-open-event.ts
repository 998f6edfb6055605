/** The bell's panel opened. */
export class NotifOpenEvent extends Event {
  static readonly type = 'notif-open';

  constructor() {
    super(NotifOpenEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'notif-open': NotifOpenEvent;
  }
}
