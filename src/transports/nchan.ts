import type { Transport, TransportSink } from '../core/model/types.js';
import { NCHAN_PONG, nchanIdBefore, readNchanFrame } from '../core/wire/nchan.js';
import type { Classify } from './outcome.js';
import { poll, type PollOptions } from './poll.js';
import { sse, type SseOptions } from './sse.js';
import { websocket, type WebSocketOptions } from './websocket.js';

export type NchanOptions =
  | ({ via: 'sse' } & SseOptions)
  | ({ via: 'websocket' } & WebSocketOptions)
  | ({ via: 'poll' } & PollOptions);

/** Nchan answers 410 to every subscriber on a restart (and a reload): come back, it is not "gone for good". */
const goneMeansRestart: Classify = ({ status }) => (status === 410 ? 'retry' : undefined);

/** A held long poll is abandoned (and asked again, from the same cursor) after this long without an answer. */
const HELD_POLL_MS = 40_000;

/** What the store is told when Nchan no longer buffers the cursor: it loads `history` again. */
const EVICTED = { type: 'resync', reason: 'cursor-evicted' } as const;

/** The `ws+meta.nchan` frame, or the bare heartbeat reply (a message the store ignores), else a bad frame. */
const unwrapFrame = (frame: string): { data: string; id?: string } | undefined =>
  readNchanFrame(frame) ?? (frame === NCHAN_PONG ? { data: frame } : undefined);

/**
 * nginx with the Nchan module, configured as `deploy/nchan/` ships it: `url` is
 * the subscriber location (`/sub/<channel>`) for every `via`, and the other
 * options go to the underlying factory.
 * - `sse`: `sse()` as is; Nchan's ids resume through `Last-Event-ID` on any node.
 * - `websocket`: the `ws+meta.nchan` subprotocol, whose frames carry their id, so a
 *   reconnect resumes exactly; the default heartbeat, which the config answers.
 * - `poll`: long polling with the cursor from each answer's `Etag`, several messages
 *   one per line, a held request (Nchan sends no headers until it has a message) open
 *   until it answers, and a 410 (every restart) retried.
 *
 * Nchan sends no signal when a cursor is older than its buffer (it replays what it
 * still has), so a reconnection resumes from just before the cursor: the message at
 * the cursor comes back first while it is buffered (and is dropped here), and when
 * something else comes first the store resyncs through its `history` option. A poll
 * can check this only for a cursor it received itself (its answers carry no id per
 * message); after a reload it resumes from the saved cursor unchecked.
 */
export function nchan(url: string | URL, options: NchanOptions): Transport {
  const { via, lastEventId, ...rest } = options;
  const classify = (rest as { classify?: Classify }).classify;
  const retrying: Classify = (end) => classify?.(end) ?? goneMeansRestart(end);
  let inner: Transport;
  switch (via) {
    case 'sse':
      inner = sse(url, { ...(rest as SseOptions), classify: retrying });
      break;
    case 'websocket':
      inner = websocket(url, { protocols: 'ws+meta.nchan', unwrap: unwrapFrame, ...(rest as WebSocketOptions) });
      break;
    case 'poll':
      inner = poll(url, {
        long: true,
        heldIsOpen: true,
        requestTimeoutMs: HELD_POLL_MS,
        lines: true,
        // An Etag is a cursor only on a 200: a refusal carries `0:0`, a 410 the requested one.
        cursor: (response) => (response.status === 200 ? (response.headers.get('Etag')?.replace(/^W\//, '').replace(/"/g, '') ?? undefined) : undefined),
        ...(rest as PollOptions),
        classify: retrying,
      });
      break;
  }
  // A long poll's lines all carry the answer's last id: its echo is recognised by content.
  const byContent = via === 'poll';
  // The newest message with an id passed to a store (kept across connects: a stopped store starts again from it).
  let newest: { id: string; data: unknown } | undefined;

  return {
    ...(inner.send && { send: inner.send.bind(inner) }),
    connect(sink: TransportSink) {
      // Whether the next (re)connection still has to check its first message.
      let resuming = true;
      // The cursor whose message must come back first.
      let expected: string | undefined;
      return inner.connect({
        cursor() {
          const cursor = sink.cursor() ?? lastEventId;
          if (!resuming || cursor === undefined || (byContent && newest?.id !== cursor)) return cursor;
          const before = nchanIdBefore(cursor);
          if (before !== undefined) expected = cursor;
          return before ?? cursor;
        },
        message(data, meta) {
          if (meta?.id !== undefined && !meta.cursorless) {
            if (expected !== undefined) {
              const echo = byContent ? data === newest?.data : meta.id === expected;
              // (an SSE event's id arrives alone first, then with its data)
              if (echo) {
                if (data !== undefined) expected = undefined;
                if (data !== undefined) resuming = false;
                return;
              }
              expected = undefined;
              sink.message(EVICTED);
            }
            if (data !== undefined) {
              resuming = false;
              newest = { id: meta.id, data };
            }
          }
          sink.message(data, meta);
        },
        status(status, detail) {
          // Every attempt after a failure or a stop resumes anew.
          if (status !== 'open') {
            resuming = true;
            expected = undefined;
          }
          sink.status(status, detail);
        },
        error: (error) => sink.error(error),
      });
    },
  };
}
