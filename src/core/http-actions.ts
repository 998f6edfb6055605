import { NotifError } from './model/errors.js';
import type { ServerActions } from './model/types.js';

export interface HttpActionsOptions {
  /** Extra request headers (e.g. `Authorization`), or a function returning fresh ones per call. */
  headers?: Record<string, string> | (() => Record<string, string>);
  /** Send cookies to a cross-origin endpoint. */
  withCredentials?: boolean;
}

/** A refusal or an overload as the outbox reads it: the status, and a `Retry-After` in seconds. */
class ActionError extends NotifError {
  readonly retryAfter?: number;
  constructor(status: number, retryAfter: string | null) {
    super('http', `the server answered ${status}`, { status });
    const seconds = retryAfter === null ? NaN : Number(retryAfter);
    if (Number.isFinite(seconds)) this.retryAfter = seconds;
  }
}

/**
 * The store's `actions` as HTTP calls: each is a `POST` to `url` with a JSON body
 * in the wire format's words, `{ "type": "read", "ids": [...] }`, `{ "type":
 * "read-all" }` or `{ "type": "archive", "ids": [...] }`. A 2xx confirms it; any
 * other status rejects with an error carrying it (`status`, and `retryAfter` from
 * `Retry-After`), so the outbox retries a 5xx or 429 and undoes a 4xx; a network
 * failure rejects as is and is retried.
 */
export function httpActions(url: string | URL, options: HttpActionsOptions = {}): Required<ServerActions> {
  async function send(body: { type: string; ids?: string[] }): Promise<void> {
    const extra = typeof options.headers === 'function' ? options.headers() : options.headers;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...extra },
      body: JSON.stringify(body),
      credentials: options.withCredentials ? 'include' : 'same-origin',
    });
    if (!response.ok) throw new ActionError(response.status, response.headers.get('Retry-After'));
  }
  return {
    markRead: (ids) => send({ type: 'read', ids }),
    markAllRead: () => send({ type: 'read-all' }),
    archive: (ids) => send({ type: 'archive', ids }),
  };
}
