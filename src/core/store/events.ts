import { atom, type ReadableAtom } from 'nanostores';
import { createEmitter } from '../emitter.js';
import { NotifError } from '../model/errors.js';
import type { ConnectionStatus, Notification, StatusDetail } from '../model/types.js';
import type { NotificationInfo, StoreEvents } from './api.js';

const messageOf = (thrown: unknown): string => (thrown instanceof Error ? thrown.message : String(thrown));

/**
 * The store's events and its error count. A listener that throws is reported
 * as a `listener` error with what it threw; the others still get the event.
 */
export function createStoreEvents() {
  const $errorCount = atom(0);
  const errors = createEmitter<[NotifError]>((error) => console.error('notif-elements: an error listener threw', error));
  const report = (error: NotifError): void => {
    $errorCount.set($errorCount.get() + 1);
    errors.emit(error);
  };
  const reportListenerError = (cause: unknown): void =>
    report(new NotifError('listener', `a subscriber threw: ${messageOf(cause)}; the others still got the message`, { cause }));
  const notifications = createEmitter<[Notification, NotificationInfo]>(reportListenerError);
  const statuses = createEmitter<[ConnectionStatus, StatusDetail]>(reportListenerError);
  const resyncs = createEmitter<[string | undefined]>(reportListenerError);
  const subscribers: { [K in keyof StoreEvents]: (listener: StoreEvents[K]) => () => void } = {
    notification: notifications.on,
    error: errors.on,
    status: statuses.on,
    resync: resyncs.on,
  };

  function on<K extends keyof StoreEvents>(event: K, listener: StoreEvents[K]): () => void {
    const subscribe = subscribers[event] as ((listener: StoreEvents[K]) => () => void) | undefined;
    if (!subscribe) throw new TypeError(`unknown store event ${String(event)}`);
    return subscribe(listener);
  }

  return { $errorCount: $errorCount as ReadableAtom<number>, report, notifications, statuses, resyncs, on };
}
