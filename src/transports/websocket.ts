import { NotifError } from '../core/model/errors.js';
import type { Transport, TransportSink } from '../core/model/types.js';
import { MAX_FRAME_CHARS } from '../core/model/limits.js';
import { runConnection, scaledMs, type Attempt, type ConnectionOptions } from './connection.js';
import { endpoint } from './headers.js';
import { overridden, type Outcome } from './outcome.js';

export interface WebSocketOptions extends ConnectionOptions {
  protocols?: string | string[];
  /** How often the client sends `ping`, in ms. Default 25000; 0 turns the heartbeat off. */
  heartbeatMs?: number;
  /** With no inbound frame for this long, the socket is replaced. Default 35000. */
  timeoutMs?: number;
  /** The heartbeat message. Default `{"type":"ping"}`. */
  ping?: unknown;
  /**
   * Reads an envelope around each text frame: the message and its resume cursor (Nchan's
   * `ws+meta.nchan` puts `id:` headers before the payload). `undefined` skips the frame as
   * malformed. Without it a frame is the message, and its cursor comes from its content.
   */
  unwrap?: (frame: string) => { data: string; id?: string } | undefined;
}

/** Close codes that mean "do not come back": the server or the browser judged the protocol broken. */
const TERMINAL_CLOSE_CODES = new Set([1002, 1003, 1007, 1008, 1009, 1010]);

/** Messages `send()` keeps while the socket is down; past it the oldest are dropped and reported. */
const OUTGOING_LIMIT = 100;

function encode(message: unknown): string {
  return typeof message === 'string' ? message : JSON.stringify(message);
}

function websocketUrl(base: URL, lastEventId: string | undefined): URL {
  const target = new URL(base);
  if (target.protocol === 'http:') target.protocol = 'ws:';
  else if (target.protocol === 'https:') target.protocol = 'wss:';
  if (lastEventId) target.searchParams.set('lastEventId', lastEventId);
  return target;
}

/**
 * WebSocket push source: reconnects with backoff and resumes by adding
 * `lastEventId=<cursor>` to the URL; a heartbeat finds half-open sockets;
 * `send()` queues while disconnected (bounded) and flushes in order on open.
 */
export function websocket(url: string | URL, options: WebSocketOptions = {}): Transport {
  let socket: WebSocket | undefined;
  let activeSink: TransportSink | undefined;
  const outgoing: string[] = [];

  const flush = (): void => {
    while (socket?.readyState === WebSocket.OPEN && outgoing.length) socket.send(outgoing.shift() as string);
  };

  return {
    send(message) {
      outgoing.push(encode(message));
      if (outgoing.length > OUTGOING_LIMIT) {
        outgoing.shift();
        activeSink?.error(new NotifError('protocol', `outgoing queue full (${OUTGOING_LIMIT}); dropped the oldest message`));
      }
      flush();
    },
    connect(sink) {
      const found = endpoint(url, sink, ['ws:', 'wss:', 'http:', 'https:']);
      if (!found) return () => {};
      const base = found;
      const resumeFrom = (): string | undefined => sink.cursor() ?? options.lastEventId;
      activeSink = sink;

      function open(attempt: Attempt): Promise<Outcome> {
        return new Promise((resolve) => {
          const ws = new WebSocket(websocketUrl(base, resumeFrom()), options.protocols);
          let heartbeat: ReturnType<typeof setInterval> | undefined;

          const finish = (outcome: Outcome): void => {
            clearInterval(heartbeat);
            ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
            if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN) ws.close(1000);
            if (socket === ws) socket = undefined;
            resolve(outcome);
          };
          ws.onopen = () => {
            socket = ws;
            attempt.opened();
            const every = scaledMs(options, options.heartbeatMs ?? 25_000);
            if (every > 0) heartbeat = setInterval(() => ws.send(encode(options.ping ?? { type: 'ping' })), every);
            flush();
          };
          ws.onmessage = (event: MessageEvent<unknown>) => {
            attempt.alive();
            attempt.progressed();
            if (typeof event.data !== 'string') {
              sink.error(new NotifError('protocol', 'binary frame where text was expected; skipped'));
              return;
            }
            if (event.data.length > MAX_FRAME_CHARS) {
              sink.error(new NotifError('too-large', `frame larger than ${MAX_FRAME_CHARS} characters skipped`));
              return;
            }
            if (!options.unwrap) {
              sink.message(event.data, { replay: attempt.isReplay() });
              return;
            }
            const unwrapped = options.unwrap(event.data);
            if (!unwrapped) {
              sink.error(new NotifError('protocol', 'a frame without the expected envelope was skipped', { raw: event.data }));
              return;
            }
            sink.message(unwrapped.data, { ...(unwrapped.id !== undefined && { id: unwrapped.id }), replay: attempt.isReplay() });
          };
          ws.onclose = (event) => {
            const reason = event.reason ? `: ${event.reason}` : '';
            const error = new NotifError('network', `socket closed with code ${event.code}${reason}`, { status: event.code });
            const custom = options.classify?.({ closeCode: event.code, reason: event.reason });
            if (custom) {
              const retrying = typeof custom === 'object' || custom === 'retry' || custom === 'immediate';
              finish(overridden(custom, new NotifError(retrying ? 'network' : 'protocol', error.message, { status: event.code })));
            } else if (TERMINAL_CLOSE_CODES.has(event.code)) {
              finish({ kind: 'terminal', status: 'error', error: new NotifError('protocol', error.message, { status: event.code }) });
            } else {
              finish({ kind: 'retry', error });
            }
          };
          attempt.signal.addEventListener('abort', () => finish({ kind: 'retry' }), { once: true });
        });
      }

      const stop = runConnection(sink, open, options, { cursor: resumeFrom, silenceMs: options.timeoutMs ?? 35_000 });
      return () => {
        if (activeSink === sink) activeSink = undefined;
        stop();
      };
    },
  };
}
