import type { NotifError } from '../core/model/errors.js';

/** A frame was rejected or the connection failed; `raw` is the offending input, when there is one. */
export class NotifErrorEvent extends Event {
  static readonly type = 'notif-error';
  readonly error: NotifError;
  readonly raw: unknown;

  constructor(error: NotifError) {
    super(NotifErrorEvent.type, { bubbles: true, composed: true });
    this.error = error;
    this.raw = error.raw;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'notif-error': NotifErrorEvent;
  }
}
