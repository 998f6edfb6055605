import { atom, type ReadableAtom } from 'nanostores';
import { createEmitter } from '../emitter.js';
import { NotifError } from '../model/errors.js';
import type { ConnectionStatus, Notification, StatusDetail } from '../model/types.js';
import type { NotificationInfo, StoreEvents } from './api.js';
import type { Entry, Published } from './collection.js';

const messageOf = (thrown: unknown): string => (thrown instanceof Error ? thrown.message : String(thrown));

// Shared, frozen: a burst of 10,000 must not allocate 10,000 info objects.
const SILENT_INFO: NotificationInfo = Object.freeze({ silent: true });
const LIVE_INFO: NotificationInfo = Object.freeze({ silent: false });

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

  /** Announces what a publish added, each once, silent or live; `holds` leaves out what left before it was seen. */
  function announce(published: Published, holds: (entry: Entry) => boolean): void {
    // Nobody listening (a page with a feed and no toaster): no pass over a burst to announce it.
    if (!notifications.size) return;
    published.added.forEach((entry, i) => {
      // One evicted or removed before it was published was never visible; announcing it would toast a ghost.
      if (holds(entry)) notifications.emit(entry.notification, published.silent[i] ? SILENT_INFO : LIVE_INFO);
    });
  }

  return { $errorCount: $errorCount as ReadableAtom<number>, report, statuses, resyncs, on, announce };
}
