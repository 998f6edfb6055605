import { NotifError } from '../core/model/errors.js';
import type { ConnectionStatus, MessageMeta, StatusDetail, Transport } from '../core/model/types.js';

/** What an adapter calls with each message from its SDK. */
export type Emit = (data: unknown, meta?: MessageMeta) => void;
/** What an adapter calls when its SDK's connection state changes. */
export type ReportStatus = (status: ConnectionStatus, detail?: StatusDetail) => void;

/**
 * Adapts any SDK (socket.io, Pusher, Ably, Centrifugo, Firebase …) without
 * depending on it: `subscribe` starts listening, calls `emit` per message,
 * optionally `status`, and returns its unsubscribe. The SDK owns reconnection.
 * Status is `open` once `subscribe` returns unless the adapter says otherwise.
 */
export function fromSubscribe(subscribe: (emit: Emit, status: ReportStatus) => (() => void) | void): Transport {
  return {
    connect(sink) {
      let closed = false;
      let reported = false;
      const emit: Emit = (data, meta) => {
        if (!closed) sink.message(data, meta);
      };
      const status: ReportStatus = (value, detail) => {
        reported = true;
        if (!closed) sink.status(value, detail);
      };
      let unsubscribe: (() => void) | void;
      try {
        unsubscribe = subscribe(emit, status);
      } catch (cause) {
        const error = new NotifError('protocol', 'the subscribe adapter threw', { cause });
        sink.error(error);
        sink.status('error', { error });
        return () => {};
      }
      if (!reported) sink.status('open');
      return () => {
        if (closed) return;
        closed = true;
        unsubscribe?.();
      };
    },
  };
}
