import type { Transport } from '../core/model/types.js';
import { readNchanFrame } from '../core/wire/nchan.js';
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
 */
export function nchan(url: string | URL, options: NchanOptions): Transport {
  const { via, ...rest } = options;
  const classify = (rest as { classify?: Classify }).classify;
  const retrying: Classify = (end) => classify?.(end) ?? goneMeansRestart(end);
  switch (via) {
    case 'sse':
      return sse(url, { ...(rest as SseOptions), classify: retrying });
    case 'websocket':
      return websocket(url, { protocols: 'ws+meta.nchan', unwrap: readNchanFrame, ...(rest as WebSocketOptions) });
    case 'poll':
      return poll(url, {
        long: true,
        heldIsOpen: true,
        requestTimeoutMs: HELD_POLL_MS,
        lines: true,
        // An Etag is a cursor only on a 200: a refusal carries `0:0`, a 410 the requested one.
        cursor: (response) => (response.status === 200 ? (response.headers.get('Etag')?.replace(/^W\//, '').replace(/"/g, '') ?? undefined) : undefined),
        ...(rest as PollOptions),
        classify: retrying,
      });
  }
}
