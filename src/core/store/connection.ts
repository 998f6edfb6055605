import { atom, type ReadableAtom } from 'nanostores';
import type { ConnectionStatus, StatusDetail, Transport, TransportSink } from '../model/types.js';

export interface StoreConnectionOptions {
  transport: Transport | undefined;
  /** A fresh sink for each connection (the old one goes quiet). */
  sink(): TransportSink;
  /** Silences the sinks handed out so far. */
  retire(): void;
  /** A new source starts from no cursor. */
  resetCursor(): void;
  /** Every status change, after `$status` took it. */
  status(status: ConnectionStatus, detail: StatusDetail): void;
  /** The source was swapped. */
  changed(transport: Transport | undefined): void;
}

/** The store's side of its transport: one connection at a time, and its status. */
export function createStoreConnection(options: StoreConnectionOptions) {
  const $status = atom<ConnectionStatus>('idle');
  const $statusDetail = atom<StatusDetail>({});
  let transport = options.transport;
  let disconnect: (() => void) | undefined;

  function setStatus(status: ConnectionStatus, detail: StatusDetail = {}): void {
    $status.set(status);
    $statusDetail.set(detail);
    options.status(status, detail);
  }

  function start(): void {
    if (disconnect || !transport) return;
    const connection = transport;
    setStatus('connecting');
    disconnect = connection.connect(options.sink());
  }

  function stop(): void {
    if (!disconnect) return;
    options.retire();
    const close = disconnect;
    disconnect = undefined;
    close();
    setStatus('idle');
  }

  /** Swaps the source: items are kept, the cursor starts over, and a running store reconnects. */
  function setTransport(next: Transport | undefined): void {
    const wasRunning = disconnect !== undefined;
    stop();
    transport = next;
    options.resetCursor();
    options.changed(next);
    if (wasRunning) start();
  }

  return {
    $status: $status as ReadableAtom<ConnectionStatus>,
    $statusDetail: $statusDetail as ReadableAtom<StatusDetail>,
    setStatus,
    start,
    stop,
    setTransport,
  };
}
