import type { ConnectionStatus, StatusDetail } from '../core/model/types.js';

/** The connection status changed (`connecting`, `open`, `reconnecting`, `offline`, `error`, `closed` …). */
export class NotifStatusEvent extends Event {
  static readonly type = 'notif-status';
  readonly status: ConnectionStatus;
  readonly detail: StatusDetail;

  constructor(status: ConnectionStatus, detail: StatusDetail) {
    super(NotifStatusEvent.type, { bubbles: true, composed: true });
    this.status = status;
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'notif-status': NotifStatusEvent;
  }
}
