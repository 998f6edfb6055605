// A transport that passes everything on unchanged and shows the test what the transport
// handed the store, before the store's dedupe. Only type imports: the tab pages bundle it.
import type { ConnectionStatus, MessageMeta, StatusDetail, Transport } from '../../src/core/model/types.js';

export interface Tap {
  /** A message with data (an SSE event that only moves the cursor is not one). */
  message?(data: unknown, meta: MessageMeta | undefined): void;
  status?(status: ConnectionStatus, detail: StatusDetail | undefined): void;
}

/** `transport` as it is (its `tabs`, `send`, `push` included), with what it delivers shown to `tap` first. */
export function tap<T extends Transport>(transport: T, tap: Tap): T {
  return {
    ...transport,
    connect(sink) {
      return transport.connect({
        message(data, meta) {
          if (data !== undefined) tap.message?.(data, meta);
          sink.message(data, meta);
        },
        cursor: () => sink.cursor(),
        status(status, detail) {
          tap.status?.(status, detail);
          sink.status(status, detail);
        },
        error: (error) => sink.error(error),
      });
    },
  };
}
