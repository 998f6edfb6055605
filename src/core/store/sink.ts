import type { NotifError } from '../model/errors.js';
import type { ConnectionStatus, MessageMeta, StatusDetail, TransportSink } from '../model/types.js';
import type { Command, DecodedMessage } from '../wire/decode.js';
import { LIVE, SILENT } from './collection.js';

export interface SinkOptions {
  decode(data: unknown): DecodedMessage;
  enqueue(commands: Command[], flags: number): void;
  status(status: ConnectionStatus, detail?: StatusDetail): void;
  report(error: NotifError): void;
}

/**
 * Where transports deliver, and the resume cursor: the store remembers the
 * cursor of the last message it applied, and a transport reads `cursor()`
 * whenever it (re)connects, so it never decodes the wire format itself. A
 * message's cursor is the transport's own (`meta.id`, the SSE `id:` field;
 * empty clears it), else the message's `eventId` or the id of its last
 * notification. Only the newest sink is heard: one handed to a transport that
 * was since replaced or stopped goes quiet.
 */
export function createSinks(options: SinkOptions) {
  let cursor: string | undefined;
  let generation = 0;

  return {
    get cursor(): string | undefined {
      return cursor;
    },
    /** A new source starts from nothing. */
    resetCursor: (): void => {
      cursor = undefined;
    },
    /** Silences every sink handed out so far. */
    retire: (): void => {
      generation++;
    },
    create: (): TransportSink => {
      const mine = ++generation;
      const current = (): boolean => mine === generation;
      return {
        message(data: unknown, meta?: MessageMeta): void {
          if (!current()) return;
          // An SSE event with an id and no data (or of a type not read) moves the cursor only.
          if (data === undefined) {
            if (meta?.id !== undefined) cursor = meta.id || undefined;
            return;
          }
          const decoded = options.decode(data);
          if (meta?.cursorless) {
            // A Web Push relay: applied like add(), the connection's cursor untouched.
          } else if (meta?.id !== undefined) cursor = meta.id || undefined;
          else if (decoded.cursor !== undefined) cursor = decoded.cursor;
          if (decoded.commands.length) {
            const silent = meta?.replay === true || decoded.replay;
            options.enqueue(decoded.commands, (silent ? SILENT : 0) | LIVE);
          }
        },
        cursor: () => cursor,
        status(status, detail) {
          if (current()) options.status(status, detail);
        },
        error(error) {
          if (current()) options.report(error);
        },
      };
    },
  };
}
