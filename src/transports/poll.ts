import { NotifError } from '../core/model/errors.js';
import type { Transport } from '../core/model/types.js';
import { MAX_FRAME_CHARS } from '../core/model/limits.js';
import { runConnection, scaledMs, type Attempt, type ConnectionOptions } from './connection.js';
import { buildHeaders, endpoint, type HeadersOption } from './headers.js';
import { classifyResponse, networkFailure, type Outcome } from './outcome.js';
import { readText } from './read-body.js';

export interface PollOptions extends ConnectionOptions {
  /** Pause between short-poll requests, in ms. Default 5000. */
  intervalMs?: number;
  /** Long polling: the server holds each request until it has news; the next one goes out at once. */
  long?: boolean;
  headers?: HeadersOption;
  withCredentials?: boolean;
  /** Long poll: a request unanswered this long is abandoned as half-open (the server's hold + 10 s). Default 40000. */
  requestTimeoutMs?: number;
  /** Where an answer's cursor is when it is not in the body (Nchan: the `Etag` header); `undefined` for none. */
  cursor?: (response: Response) => string | undefined;
  /** Each line of an answer is one message (Nchan's answer with several messages pending). */
  lines?: boolean;
  /**
   * Long poll: a request the server holds without sending headers counts as open (Nchan
   * answers only once it has a message); only `requestTimeoutMs` then ends a silent one.
   */
  heldIsOpen?: boolean;
}

/** With `heldIsOpen`, a request still held this long counts as open (a refused one fails sooner). */
const HELD_OPEN_AFTER_MS = 1000;

/** A long-poll server that answers empty at once would otherwise be hammered in a tight loop. */
const LONG_POLL_MIN_GAP_MS = 1000;

class TooLarge extends Error {}

async function readBounded(response: Response, signal: AbortSignal): Promise<string> {
  if (!response.body) return '';
  const parts: string[] = [];
  let size = 0;
  const reading = new AbortController();
  const stop = (): void => reading.abort();
  if (signal.aborted) stop();
  signal.addEventListener('abort', stop, { once: true });
  try {
    await readText(response.body, reading.signal, (text) => {
      size += text.length;
      if (size > MAX_FRAME_CHARS) {
        reading.abort();
        throw new TooLarge();
      }
      parts.push(text);
    });
  } finally {
    signal.removeEventListener('abort', stop);
  }
  return parts.join('');
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Short or long polling with `fetch`: each request carries
 * `lastEventId=<cursor>`; each response body is the default wire format,
 * e.g. `{ "items": [...], "eventId": "42" }`. 204 means "stop".
 */
export function poll(url: string | URL, options: PollOptions = {}): Transport {
  return {
    connect(sink) {
      const found = endpoint(url, sink, ['http:', 'https:']);
      if (!found) return () => {};
      const base = found;
      const resumeFrom = (): string | undefined => sink.cursor() ?? options.lastEventId;

      async function open(attempt: Attempt): Promise<Outcome> {
        while (!attempt.signal.aborted) {
          const target = new URL(base);
          const lastEventId = resumeFrom();
          if (lastEventId) target.searchParams.set('lastEventId', lastEventId);
          const startedAt = Date.now();
          let response: Response;
          let text: string;
          try {
            const headers = await buildHeaders(options.headers, attempt.credentials, { Accept: 'application/json' });
            // A request the server still holds after a moment reached it: open, though no header came.
            const held = options.heldIsOpen ? setTimeout(() => attempt.opened(), scaledMs(options, HELD_OPEN_AFTER_MS)) : undefined;
            try {
              response = await fetch(target, {
                headers,
                credentials: options.withCredentials ? 'include' : 'same-origin',
                cache: 'no-store',
                signal: attempt.signal,
              });
            } finally {
              clearTimeout(held);
            }
            const refused = classifyResponse(response, options.classify);
            if (refused) {
              response.body?.cancel().catch(() => {});
              return refused;
            }
            attempt.opened();
            text = await readBounded(response, attempt.signal);
          } catch (cause) {
            if (!(cause instanceof TooLarge)) return networkFailure(cause);
            // The cursor is in the body we cannot hold, so the next request would get the same
            // answer: a failed attempt, so that the next ones back off instead of hammering.
            const error = new NotifError('too-large', `poll response larger than ${MAX_FRAME_CHARS} characters skipped`);
            sink.error(error);
            return { kind: 'retry', error, unusable: true };
          }
          if (attempt.signal.aborted) break;
          attempt.alive();
          let delivered = false;
          if (text.trim() !== '') {
            const id = options.cursor?.(response);
            const meta = { ...(id !== undefined && { id }), replay: attempt.isReplay() };
            for (const message of options.lines ? text.split('\n').filter((line) => line.trim() !== '') : [text]) {
              sink.message(message, meta);
            }
            delivered = resumeFrom() !== lastEventId;
            if (!delivered && !isJson(text)) {
              // Reported by the store; the same body would come back at once, so back off.
              return { kind: 'retry', error: new NotifError('invalid-json', 'poll response is not JSON'), unusable: true };
            }
            attempt.progressed();
          }
          const elapsed = Date.now() - startedAt;
          const pause = options.long
            ? delivered || elapsed >= scaledMs(options, LONG_POLL_MIN_GAP_MS)
              ? 0
              : scaledMs(options, LONG_POLL_MIN_GAP_MS) - elapsed
            : scaledMs(options, options.intervalMs ?? 5000);
          if (pause > 0) await wait(pause, attempt.signal);
        }
        return { kind: 'retry' };
      }

      const silenceMs = options.long ? (options.requestTimeoutMs ?? 40_000) : undefined;
      return runConnection(sink, open, options, { cursor: resumeFrom, silenceMs });
    },
  };
}
