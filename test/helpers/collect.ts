// Connects a transport to a recording sink: what a store would receive, before any dedupe.
import type { NotifError } from '../../src/core/errors.js';
import type { ConnectionStatus, StatusDetail, Transport } from '../../src/core/types.js';
import { decodeMessage } from '../../src/core/wire.js';

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
  const disconnect = transport.connect({
    message(data, meta) {
      const decoded = decodeMessage(data);
      collected.errors.push(...decoded.errors);
      for (const command of decoded.commands) {
        if (command.type === 'notification') {
          collected.ids.push(command.notification.id);
          collected.replays.push(meta?.replay === true);
        }
      }
      return decoded.cursor;
    },
    status(status, detail) {
      collected.statuses.push({ status, detail });
    },
    error(error) {
      collected.errors.push(error);
    },
  });
  return Object.assign(collected, { stop: disconnect });
}

/** '1'..'n' as strings, the ids the hub generates. */
export const range = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
