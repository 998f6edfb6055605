// The one recording sink of the suite: it keeps the resume cursor exactly as the store
// does (it is the store's own sink logic), and hands each message to the test before any
// dedupe. `collect()` connects a transport to one and records what a store would receive.
import type { NotifError } from '../../src/core/model/errors.js';
import type { ConnectionStatus, MessageMeta, StatusDetail, Transport, TransportSink } from '../../src/core/model/types.js';
import { createSinks } from '../../src/core/store/sink.js';
import { decodeMessage } from '../../src/core/wire/decode.js';

export interface Recorder {
  /** A message with data (an SSE event that only moves the cursor is not one). */
  message?(data: unknown, meta: MessageMeta | undefined): void;
  status?(status: ConnectionStatus, detail: StatusDetail | undefined): void;
  error?(error: NotifError): void;
}

/** A sink whose `cursor()` follows the messages as the store's would; what arrives goes to `record`. */
export function recordingSink(record: Recorder = {}): TransportSink {
  const sink = createSinks({
    decode: (data) => decodeMessage(data),
    enqueue: () => {},
    status: (status, detail) => record.status?.(status, detail),
    report: (error) => record.error?.(error),
  }).create();
  return {
    message(data, meta) {
      sink.message(data, meta);
      if (data !== undefined) record.message?.(data, meta);
    },
    cursor: () => sink.cursor(),
    status: (status, detail) => sink.status(status, detail),
    error: (error) => sink.error(error),
  };
}

export interface Collected {
  /** Notification ids in delivery order, duplicates included. */
  ids: string[];
  replays: boolean[];
  statuses: { status: ConnectionStatus; detail: StatusDetail | undefined }[];
  errors: NotifError[];
  lastStatus(): ConnectionStatus | undefined;
  stop(): void;
}

export function collect(transport: Transport): Collected {
  const collected: Omit<Collected, 'stop'> & { stop?: () => void } = {
    ids: [],
    replays: [],
    statuses: [],
    errors: [],
    lastStatus: () => collected.statuses.at(-1)?.status,
  };
  const disconnect = transport.connect(
    recordingSink({
      message(data, meta) {
        const decoded = decodeMessage(data);
        collected.errors.push(...decoded.errors);
        for (const command of decoded.commands) {
          if (command.type === 'notification') {
            collected.ids.push(command.notification.id);
            collected.replays.push(meta?.replay === true);
          }
        }
      },
      status(status, detail) {
        collected.statuses.push({ status, detail });
      },
      error(error) {
        collected.errors.push(error);
      },
    }),
  );
  return Object.assign(collected, { stop: disconnect });
}

/** '1'..'n' as strings, the ids the hub generates. */
export const range = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
