import type { Preferences } from '../model/types.js';

/** Marks the messages between pages and the notif-elements service worker. */
export const WORKER_PROTOCOL = 'notif-elements/sw';
export const WORKER_VERSION = 1;

/** What the worker tells open pages, without the envelope. */
export type WorkerNews =
  | { type: 'push'; data: string }
  | { type: 'read'; ids: string[] }
  | { type: 'rejected'; code: string; message: string; raw: string }
  | { type: 'subscription-changed' }
  | { type: 'shown'; id: string };

/** What the worker tells open pages. */
export type FromWorker = { ns: typeof WORKER_PROTOCOL; v: number } & WorkerNews;

/** What a page tells the worker. */
export type ToWorker = { ns: typeof WORKER_PROTOCOL; v: number } & (
  | { type: 'preferences'; preferences: Preferences }
  /** What was read through an OS notification while no page was open, asked for on start. */
  | { type: 'take-reads' }
);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isIds = (value: unknown): value is string[] => Array.isArray(value) && value.every((id) => typeof id === 'string');

/** Whether `value` is a message from our worker, checked field by field. */
export function isFromWorker(value: unknown): value is FromWorker {
  if (!isRecord(value) || value.ns !== WORKER_PROTOCOL || value.v !== WORKER_VERSION) return false;
  switch (value.type) {
    case 'push':
      return typeof value.data === 'string';
    case 'read':
      return isIds(value.ids);
    case 'rejected':
      return typeof value.code === 'string' && typeof value.message === 'string';
    case 'subscription-changed':
      return true;
    case 'shown':
      return typeof value.id === 'string';
    default:
      return false;
  }
}

/** Whether `value` is a message from one of our pages. */
export function isToWorker(value: unknown): value is ToWorker {
  if (!isRecord(value) || value.ns !== WORKER_PROTOCOL || value.v !== WORKER_VERSION) return false;
  if (value.type === 'take-reads') return true;
  return value.type === 'preferences' && isRecord(value.preferences);
}
