import { NotifError } from '../core/model/errors.js';
import type { Transport, TransportSink } from '../core/model/types.js';
import { MAX_FRAME_CHARS } from '../core/model/limits.js';
import { runConnection, type Attempt, type ConnectionOptions } from './connection.js';
import { buildHeaders, endpoint, type HeadersOption } from './headers.js';
import { classifyResponse, networkFailure, type Outcome } from './outcome.js';
import { readText } from './read-body.js';
import { createSseParser } from './sse-parser.js';

export interface SseOptions extends ConnectionOptions {
  /** Send cookies to a cross-origin endpoint. */
  withCredentials?: boolean;
  /** Extra request headers (e.g. `Authorization`), or a function returning fresh ones per attempt. */
  headers?: HeadersOption;
  /** Event types to read. Default: unnamed, `message` and `notification`. */
  events?: string[];
  /** Use the browser's EventSource (no status codes, no headers) instead of fetch. */
  native?: boolean;
  /**
   * With nothing at all received for this long (servers send a `:` comment every
   * 15 s), the connection is taken for half-open and replaced. Default 45000; 0 turns it off.
   */
  silenceTimeoutMs?: number;
}

const DEFAULT_EVENTS = ['message', 'notification'];

const utf8 = new TextEncoder();

// Header values are byte strings: a non-ASCII id (`…`) would make fetch throw, and the
// transport retry forever. Browsers send the id's UTF-8 bytes; so do we.
function toByteString(value: string): string {
  return String.fromCharCode(...utf8.encode(value));
}

/**
 * Server-Sent Events, the default push source. Streams with `fetch`, so it
 * sees status codes (a 401 and a 503 differ) and can send auth headers;
 * resumes with `Last-Event-ID`; honours `retry:` as a floor; stops on 204.
 */
export function sse(url: string | URL, options: SseOptions = {}): Transport {
  return {
    connect(sink) {
      const target = endpoint(url, sink, ['http:', 'https:']);
      if (!target) return () => {};
      return options.native ? connectNative(target, options, sink) : connectFetch(target, options, sink);
    },
  };
}

/** The first answer of an event stream: `undefined` when it is one, else what to do about it. */
function classifyStream(response: Response, options: SseOptions): Outcome | undefined {
  const refused = classifyResponse(response, options.classify, true);
  if (refused) return refused;
  const type = response.headers.get('Content-Type') ?? '';
  if (/^text\/event-stream\s*(;|$)/i.test(type) && response.body) return undefined;
  // A proxy's HTML error page must never be parsed as events; retrying would loop on it.
  const error = new NotifError('content-type', `expected text/event-stream, got "${type || 'nothing'}"`, {
    status: response.status,
  });
  return { kind: 'terminal', status: 'error', error };
}

/** Where a (re)connection resumes: the store's cursor, else the one the app saved. */
function resumeFrom(sink: TransportSink, options: SseOptions): string | undefined {
  return sink.cursor() ?? options.lastEventId;
}

function connectFetch(url: URL, options: SseOptions, sink: TransportSink): () => void {
  const events = new Set(options.events ?? DEFAULT_EVENTS);

  async function open(attempt: Attempt): Promise<Outcome> {
    // The stream's own `id:` fields move it from here on, event by event.
    let lastEventId = resumeFrom(sink, options);
    // No Cache-Control header: `cache: 'no-store'` makes the browser send `no-cache`
    // itself, and a header of ours would cost every cross-origin request a preflight.
    const fixed: Record<string, string> = { Accept: 'text/event-stream' };
    if (lastEventId) fixed['Last-Event-ID'] = toByteString(lastEventId);
    let response: Response;
    try {
      const headers = await buildHeaders(options.headers, attempt.credentials, fixed);
      response = await fetch(url, {
        headers,
        credentials: options.withCredentials ? 'include' : 'same-origin',
        cache: 'no-store',
        signal: attempt.signal,
      });
    } catch (cause) {
      return networkFailure(cause);
    }
    const refused = classifyStream(response, options);
    if (refused || !response.body) {
      response.body?.cancel().catch(() => {});
      return refused ?? { kind: 'retry' };
    }

    attempt.opened();
    const parser = createSseParser(
      {
        event(eventType, data) {
          if (!events.has(eventType)) return;
          attempt.progressed();
          sink.message(data, { id: lastEventId ?? '', replay: attempt.isReplay() });
        },
        // Per the spec the id counts even for an event with no data or of a type not read.
        id(id) {
          lastEventId = id === '' ? undefined : id;
          sink.message(undefined, { id });
        },
        retry(ms) {
          attempt.setRetryFloor(ms);
        },
        activity() {
          attempt.alive();
        },
        overflow(size) {
          sink.error(new NotifError('too-large', `event larger than ${MAX_FRAME_CHARS} characters (${size}+) skipped`));
        },
      },
      MAX_FRAME_CHARS,
    );
    try {
      await readText(response.body, attempt.signal, (text) => parser.feed(text), { keepBOM: true });
    } catch (cause) {
      return networkFailure(cause);
    }
    // The server ended the stream: per the spec that means "reconnect", not "stop".
    return { kind: 'retry' };
  }

  return runConnection(sink, open, options, { cursor: () => resumeFrom(sink, options), silenceMs: options.silenceTimeoutMs ?? 45_000 });
}

/**
 * Why the browser's EventSource gave up (CLOSED: a status other than 200, a
 * wrong content type, a CORS refusal), which it does not say: one plain request
 * asks the server the same question (same URL, cursor included: a server may
 * refuse only an expired cursor), and the answer goes through fetch mode's table.
 */
async function probe(url: URL, options: SseOptions, signal: AbortSignal): Promise<Outcome> {
  try {
    const response = await fetch(url, {
      headers: { Accept: 'text/event-stream' },
      credentials: options.withCredentials ? 'include' : 'same-origin',
      cache: 'no-store',
      signal,
    });
    response.body?.cancel().catch(() => {});
    return classifyStream(response, options) ?? { kind: 'retry', error: new NotifError('network', 'EventSource gave up on a stream the server now serves') };
  } catch (cause) {
    return networkFailure(cause);
  }
}

function connectNative(url: URL, options: SseOptions, sink: TransportSink): () => void {
  const events = options.events ?? DEFAULT_EVENTS;

  function open(attempt: Attempt): Promise<Outcome> {
    return new Promise((resolve) => {
      const target = new URL(url);
      const lastEventId = resumeFrom(sink, options);
      // EventSource cannot set headers; a fresh one resumes through the query instead.
      if (lastEventId) target.searchParams.set('lastEventId', lastEventId);
      const source = new EventSource(target, { withCredentials: options.withCredentials ?? false });
      const onMessage = (event: MessageEvent<unknown>): void => {
        attempt.progressed();
        sink.message(event.data, { id: event.lastEventId, replay: attempt.isReplay() });
      };
      const finish = (outcome: Outcome): void => {
        source.close();
        for (const type of events) source.removeEventListener(type, onMessage);
        resolve(outcome);
      };
      for (const type of events) source.addEventListener(type, onMessage);
      source.onopen = () => attempt.opened();
      // The browser would reconnect by itself at a fixed interval, offline or not; taking over
      // gives it the same backoff, offline pause and resume (through the query) as the others.
      // (It does not expose the server's `retry:` either, so native mode keeps its own backoff.)
      source.onerror = () => {
        if (source.readyState !== EventSource.CLOSED) {
          finish({ kind: 'retry', error: new NotifError('network', 'EventSource lost the connection') });
          return;
        }
        source.close();
        for (const type of events) source.removeEventListener(type, onMessage);
        void probe(target, options, attempt.signal).then(resolve);
      };
      attempt.signal.addEventListener('abort', () => finish({ kind: 'retry' }), { once: true });
    });
  }

  return runConnection(sink, open, options, { cursor: () => resumeFrom(sink, options) });
}
