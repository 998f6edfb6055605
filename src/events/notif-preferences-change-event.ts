import type { Channel } from '../core/model/types.js';

/** A person asked to turn a topic × channel on or off. Cancelable: prevent it to veto the change. */
export class NotifPreferencesChangeEvent extends Event {
  static readonly type = 'notif-preferences-change';
  readonly topic: string;
  readonly channel: Channel;
  readonly enabled: boolean;

  constructor(topic: string, channel: Channel, enabled: boolean) {
    super(NotifPreferencesChangeEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.topic = topic;
    this.channel = channel;
    this.enabled = enabled;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'notif-preferences-change': NotifPreferencesChangeEvent;
  }
}
