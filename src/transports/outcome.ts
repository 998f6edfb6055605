import { NotifError } from '../core/model/errors.js';
import { retryAfterMs } from '../core/backoff.js';

/** How a connection ended, which decides what the reconnect loop does next. */
export type Outcome =
  /**
   * Try again after a backoff delay (never sooner than `floorMs`), or at once when
   * `immediate`. `unusable`: the answer itself was bad, so however long it took to
   * read, the attempt does not count as a healthy connection that resets the backoff.
   */
  | { kind: 'retry'; error?: NotifError; floorMs?: number; immediate?: boolean; unusable?: boolean }
  /** Stop for good: `closed` when the server said so, `error` when it refused. */
  | { kind: 'terminal'; status: 'closed' | 'error'; error?: NotifError; reason?: string }
  /** 401/403: ask `refreshCredentials()` once, then stop. */
  | { kind: 'auth'; error: NotifError };

const RETRIABLE_STATUSES = new Set([408, 425, 429]);

/** What to do about a connection's end, as an app's own table says it. */
export type OutcomeKind = 'retry' | 'immediate' | 'terminal' | 'auth';

/**
 * How a connection ended, for an app's `classify` option: an HTTP status (SSE,
 * poll) or a WebSocket close code and reason.
 */
export interface ConnectionEnd {
  status?: number;
  closeCode?: number;
  reason?: string;
}

/**
 * Overrides the default outcome table; return `undefined` to keep the default,
 * or `{ retryAfterMs }` to retry no sooner than that (e.g. Pusher's 4100–4199: ≥ 1 s).
 */
export type Classify = (end: ConnectionEnd) => OutcomeKind | { retryAfterMs: number } | undefined;

/** The outcome an app's table asked for, carrying the error the default one would have. */
export function overridden(kind: OutcomeKind | { retryAfterMs: number }, error: NotifError): Outcome {
  if (typeof kind === 'object') return { kind: 'retry', error, floorMs: Math.max(0, kind.retryAfterMs) };
  switch (kind) {
    case 'retry':
      return { kind: 'retry', error };
    case 'immediate':
      return { kind: 'retry', error, immediate: true };
    case 'terminal':
      return { kind: 'terminal', status: 'error', error };
    case 'auth':
      return { kind: 'auth', error };
  }
}

/**
 * The HTTP outcome table shared by SSE and polling: `undefined` for a usable
 * response, else what to do about it. 204 is the server's "stop"; with
 * `only200` (an event stream, per the spec) any other 2xx is refused too.
 * `classify` may override any status but a usable one.
 */
export function classifyResponse(response: Response, classify?: Classify, only200 = false): Outcome | undefined {
  const status = response.status;
  const custom = status === 200 ? undefined : classify?.({ status });
  const auth = status === 401 || status === 403;
  const error = (): NotifError =>
    new NotifError(auth ? 'auth' : 'http', `HTTP ${status} from ${response.url || 'the server'}`, { status });
  if (custom) return overridden(custom, error());
  if (status === 204) {
    return { kind: 'terminal', status: 'closed', reason: 'server-stop' };
  }
  if (status >= 200 && status < 300 && (!only200 || status === 200)) return undefined;
  if (auth) return { kind: 'auth', error: error() };
  if (RETRIABLE_STATUSES.has(status) || status >= 500) {
    const floorMs = retryAfterMs(response.headers.get('Retry-After'));
    return floorMs === undefined ? { kind: 'retry', error: error() } : { kind: 'retry', error: error(), floorMs };
  }
  return { kind: 'terminal', status: 'error', error: error() };
}

export const networkFailure = (cause: unknown): Outcome => ({
  kind: 'retry',
  error: new NotifError('network', 'the connection failed', { cause }),
});
