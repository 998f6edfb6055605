import { NotifError } from '../model/errors.js';
import { MAX_FRAME_CHARS } from '../model/limits.js';
import { isRecord, normalize } from '../model/normalize.js';
import type { Notification } from '../model/types.js';


/** What one message asks the store to do. */
export type Command =
  | { type: 'notification'; notification: Notification }
  | { type: 'read'; ids: string[] }
  | { type: 'remove'; ids: string[] }
  | { type: 'snapshot'; items: Notification[] }
  /** The server cannot resume from the client's cursor: what was missed must be fetched again. */
  | { type: 'resync'; reason?: string };

/** Maps a server's own format onto the default wire format. */
export type ParseFn = (data: unknown) => unknown;

export interface DecodedMessage {
  commands: Command[];
  /** One per rejected item; the valid ones in the same message still apply. */
  errors: NotifError[];
  /** The top-level `eventId`, else the id of the last notification in the message. */
  cursor?: string;
  /** The message said `"replay": true`. */
  replay: boolean;
}

const IGNORED_TYPES = new Set(['ping', 'pong', 'heartbeat']);

function readIds(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  // Array.from, unlike map, visits holes: a sparse list is rejected like any bad id.
  const ids = Array.from(value, idValue);
  return ids.every((id): id is string => id !== undefined) ? ids : undefined;
}

/** A non-empty string, or a finite number as its string form. */
function idValue(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * Turns one message from a transport (JSON text or a decoded value) into store
 * commands. Never throws: what cannot be used is returned as errors, and the
 * rest of the message still applies.
 */
export function decodeMessage(data: unknown, parse?: ParseFn, receivedAt: number = Date.now()): DecodedMessage {
  const out: DecodedMessage = { commands: [], errors: [], replay: false };
  let value = data;
  if (typeof data === 'string') {
    if (data.length > MAX_FRAME_CHARS) {
      out.errors.push(new NotifError('too-large', `message larger than ${MAX_FRAME_CHARS} characters`, { raw: data }));
      return out;
    }
    try {
      value = JSON.parse(data);
    } catch {
      // A custom parser may read a non-JSON format; without one this is a bad frame.
      if (!parse) {
        out.errors.push(new NotifError('invalid-json', 'message is not valid JSON', { raw: data }));
        return out;
      }
    }
  }
  if (parse) {
    try {
      value = parse(value);
    } catch (cause) {
      out.errors.push(new NotifError('invalid-command', 'parse() threw on a message', { raw: data, cause }));
      return out;
    }
  }

  /** The notification, or `undefined` once its rejection is reported. */
  const valid = (raw: unknown): Notification | undefined => {
    const result = normalize(raw, receivedAt);
    if (result.ok) return result.notification;
    out.errors.push(result.error);
    return undefined;
  };
  const addNotification = (raw: unknown): void => {
    const notification = valid(raw);
    if (notification) out.commands.push({ type: 'notification', notification });
  };

  const decodeOne = (item: unknown): void => {
    if (!isRecord(item) || item.type === undefined) {
      addNotification(item);
      return;
    }
    switch (item.type) {
      case 'notification': {
        const { type: _type, ...fields } = item;
        addNotification(fields);
        return;
      }
      case 'read':
      case 'remove': {
        const type = item.type === 'read' ? 'read' : 'remove';
        const ids = readIds(item.ids);
        if (ids) out.commands.push({ type, ids });
        else out.errors.push(new NotifError('invalid-command', `${type}: ids must be an array of ids`, { raw: item }));
        return;
      }
      case 'snapshot': {
        if (!Array.isArray(item.items)) {
          out.errors.push(new NotifError('invalid-command', 'snapshot: items must be an array', { raw: item }));
          return;
        }
        // Array.from, unlike map, visits holes too: each one is reported like any bad item.
        const items = Array.from(item.items, valid).filter((n) => n !== undefined);
        out.commands.push({ type: 'snapshot', items });
        return;
      }
      case 'resync':
        out.commands.push(typeof item.reason === 'string' ? { type: 'resync', reason: item.reason } : { type: 'resync' });
        return;
      default:
        if (typeof item.type === 'string' && IGNORED_TYPES.has(item.type)) return;
        out.errors.push(
          new NotifError('invalid-command', `unknown message type ${JSON.stringify(item.type)}`, { raw: item }),
        );
    }
  };

  if (Array.isArray(value)) {
    value.forEach(decodeOne);
  } else if (isRecord(value) && value.type === undefined && Array.isArray(value.items)) {
    // A poll response: `{ items: [...], eventId }`.
    value.items.forEach(decodeOne);
  } else {
    decodeOne(value);
  }

  if (isRecord(value)) {
    out.replay = value.replay === true;
    out.cursor = idValue(value.eventId);
  }
  if (out.cursor === undefined) {
    for (let i = out.commands.length - 1; i >= 0; i--) {
      const command = out.commands[i];
      if (command?.type === 'notification') {
        out.cursor = command.notification.id;
        break;
      }
    }
  }
  return out;
}
