import { NotifError } from './errors.js';
import { LIMITS } from './limits.js';
import type { Notification, NotificationAction, Priority } from './types.js';
import { safeUrl } from './url.js';

export type NormalizeResult =
  | { ok: true; notification: Notification }
  | { ok: false; error: NotifError };

const PRIORITIES = new Set<string>(['low', 'normal', 'high', 'urgent']);

// ISO 8601 date or date-time; Date.parse alone accepts "1", "May 5" and other
// guesses that would silently misplace a notification in the feed.
const ISO_8601 =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

class Rejection extends Error {}

function reject(message: string): never {
  throw new Rejection(message);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Cuts by code points so a surrogate pair is never split. */
function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

function readId(value: unknown, field: string): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value !== '' && value.length <= LIMITS.idChars) return value;
  return reject(`${field} must be a non-empty string (≤ ${LIMITS.idChars} chars) or a finite number`);
}

/** A field that may be absent (`undefined` or `null`); present, it must be of `type`. */
function readOptional(raw: Record<string, unknown>, field: string, type: 'boolean'): boolean | undefined;
function readOptional(raw: Record<string, unknown>, field: string, type: 'string'): string | undefined;
function readOptional(raw: Record<string, unknown>, field: string, type: 'string' | 'boolean'): unknown {
  const value = raw[field];
  if (value === undefined || value === null) return undefined;
  return typeof value === type ? value : reject(`${field} must be a ${type}`);
}

function readOptionalText(raw: Record<string, unknown>, field: string, max: number): string | undefined {
  const value = readOptional(raw, field, 'string');
  return value === undefined ? undefined : cap(value, max);
}

function readCreatedAt(value: unknown, receivedAt: number): number {
  if (value === undefined || value === null) return receivedAt;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : reject('createdAt must be a finite number');
  }
  if (typeof value === 'string' && ISO_8601.test(value)) {
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return ms;
  }
  return reject('createdAt must be an ISO 8601 string or epoch milliseconds');
}

function readActions(value: unknown): NotificationAction[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return reject('actions must be an array');
  const actions: NotificationAction[] = [];
  for (const item of value) {
    if (actions.length === LIMITS.actions) break;
    if (!isRecord(item) || typeof item.label !== 'string' || item.label === '') continue;
    if (typeof item.id !== 'string' && typeof item.id !== 'number') continue;
    const action: NotificationAction = {
      id: String(item.id),
      label: cap(item.label, LIMITS.actionLabelChars),
    };
    const url = safeUrl(item.url);
    if (url !== undefined) action.url = url;
    actions.push(action);
  }
  return actions.length > 0 ? actions : undefined;
}

const utf8 = new TextEncoder();

// The cap is in UTF-8 bytes (UTF-16 length would let up to 3× that through). A JSON
// character is at most 6 bytes (`\u001f`), so a payload whose characters are few
// enough is under the cap whatever they are. Flat fields are counted without
// serialising: a burst of 10,000 (or `add()` of 100,000) must not stringify each
// one. Only nested values are stringified, and only a payload near the cap exactly.
function payloadSize(raw: Record<string, unknown>): number {
  let chars = 2;
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    chars += key.length + 4;
    if (typeof value === 'string') chars += value.length;
    else if (typeof value === 'number' || typeof value === 'boolean') chars += 24;
    else if (typeof value === 'object' || typeof value === 'bigint') chars += serialise(value).length;
  }
  if (chars * 6 <= LIMITS.payloadBytes) return chars;
  const json = serialise(raw);
  return json.length > LIMITS.payloadBytes ? json.length : utf8.encode(json).length;
}

function serialise(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return reject('the notification is not JSON-serialisable');
  }
}

/**
 * Validates one notification from the wire (or from `store.add`). Never throws:
 * a bad one comes back as `{ ok: false, error }` with a message that says what
 * was wrong. Unsafe URLs are dropped from the notification, not fatal to it.
 */
export function normalize(raw: unknown, receivedAt: number = Date.now()): NormalizeResult {
  try {
    if (!isRecord(raw)) reject('a notification must be a JSON object');
    if (payloadSize(raw) > LIMITS.payloadBytes) {
      return {
        ok: false,
        error: new NotifError('too-large', `notification larger than ${LIMITS.payloadBytes} bytes`, {
          raw: summarise(raw),
        }),
      };
    }
    const title = raw.title;
    if (typeof title !== 'string' || title.trim() === '') reject('title must be a non-empty string');
    const notification: Notification = {
      id: readId(raw.id, 'id'),
      title: cap(title, LIMITS.titleChars),
      createdAt: readCreatedAt(raw.createdAt, receivedAt),
      read: readOptional(raw, 'read', 'boolean') ?? false,
      seen: readOptional(raw, 'seen', 'boolean') ?? false,
      archived: readOptional(raw, 'archived', 'boolean') ?? false,
    };
    const body = readOptionalText(raw, 'body', LIMITS.bodyChars);
    if (body !== undefined) notification.body = body;
    const topic = readOptionalText(raw, 'topic', 64);
    if (topic !== undefined && topic !== '') notification.topic = topic;
    // An unknown level from a newer server degrades to the default instead of losing the notification.
    const priority = readOptional(raw, 'priority', 'string');
    if (priority !== undefined && PRIORITIES.has(priority)) notification.priority = priority as Priority;
    const url = safeUrl(raw.url);
    if (url !== undefined) notification.url = url;
    const icon = safeUrl(raw.icon);
    if (icon !== undefined) notification.icon = icon;
    const actions = readActions(raw.actions);
    if (actions !== undefined) notification.actions = actions;
    if (raw.data !== undefined && raw.data !== null) {
      if (!isRecord(raw.data)) reject('data must be an object');
      notification.data = raw.data;
    }
    return { ok: true, notification };
  } catch (cause) {
    if (!(cause instanceof Rejection)) throw cause;
    return {
      ok: false,
      error: new NotifError('invalid-notification', `invalid notification: ${cause.message}`, {
        raw: isRecord(raw) ? summarise(raw) : raw,
      }),
    };
  }
}

// A report needs enough to find the culprit, not the whole payload.
function summarise(raw: Record<string, unknown>): unknown {
  return { id: raw.id, title: typeof raw.title === 'string' ? cap(raw.title, 80) : raw.title };
}
