import { NotifError } from '../core/errors.js';
import { retryAfterMs } from './backoff.js';

/** How a connection ended, which decides what the reconnect loop does next. */
export type Outcome =
  /** Try again after a backoff delay (never sooner than `floorMs`). */
  | { kind: 'retry'; error?: NotifError; floorMs?: number }
  /** Stop for good: `closed` when the server said so, `error` when it refused. */
  | { kind: 'terminal'; status: 'closed' | 'error'; error?: NotifError; reason?: string }
  /** 401/403: ask `refreshCredentials()` once, then stop. */
  | { kind: 'auth'; error: NotifError };

const RETRIABLE_STATUSES = new Set([408, 425, 429]);

/**
 * The HTTP outcome table shared by SSE and polling: `undefined` for a usable
 * 2xx response, else what to do about it. 204 is the server's "stop".
 */
export function classifyResponse(response: Response): Outcome | undefined {
  const status = response.status;
  if (status === 204) {
    return { kind: 'terminal', status: 'closed', reason: 'server-stop' };
  }
  if (status >= 200 && status < 300) return undefined;
  const message = `HTTP ${status} from ${response.url || 'the server'}`;
  if (status === 401 || status === 403) {
    return { kind: 'auth', error: new NotifError('auth', message, { status }) };
  }
  if (RETRIABLE_STATUSES.has(status) || status >= 500) {
    const floorMs = retryAfterMs(response.headers.get('Retry-After'));
    const error = new NotifError('http', message, { status });
    return floorMs === undefined ? { kind: 'retry', error } : { kind: 'retry', error, floorMs };
  }
  return { kind: 'terminal', status: 'error', error: new NotifError('http', message, { status }) };
}

export const networkFailure = (cause: unknown): Outcome => ({
  kind: 'retry',
  error: new NotifError('network', 'the connection failed', { cause }),
});
