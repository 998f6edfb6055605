// The one list of the hub's control actions (`POST <prefix><channel>/control`):
// each action's payload and answer. The hub's handler map (control.js) is typed
// against it, so it must handle exactly these; the browser-side test helpers
// (test/helpers/hub.ts) import the same types. Types only, and no imports, so
// the browser's type check can read this file without Node's types.

/** @typedef {'sse' | 'poll' | 'ws'} Transport */

/**
 * Each action's payload (besides `action`). Bodies arrive as untrusted JSON:
 * the handlers check every field at run time.
 * @typedef {object} ControlActions
 * @property {{ count?: number, frames?: ReadonlyArray<string | object> }} publish
 *   Appends `count` generated notifications, then `frames` (objects are
 *   JSON.stringified, strings sent raw, so they may be malformed on purpose).
 * @property {{ status: number, headers?: Record<string, string>, body?: string | object, times?: number, transports?: readonly Transport[], stall?: boolean }} respond
 *   The next `times` (default 1, -1 = until reset) sse/poll requests or ws
 *   upgrades of `transports` (default all) get this HTTP answer instead of the
 *   stream (an object body is sent as JSON); `stall: true` accepts the
 *   connection and never answers (no headers, no 101), the status is only logged.
 * @property {{}} cut Destroys every open sse / held poll / ws connection now.
 * @property {{ events: number, mode?: 'end-of-frame' | 'mid-frame' }} cutAfter
 *   Each sse/ws connection is destroyed right after writing `events` events
 *   (0 = off); 'mid-frame' (sse only) writes half of the next event first.
 *   Persistent until reset.
 * @property {{ code: number, reason?: string }} closeWs Close frames with this code on open WebSockets.
 * @property {{ ms: number | null }} retry SSE `retry:` sent at connect (null = none).
 * @property {{}} end Ends open SSE responses cleanly.
 * @property {{ limit: number }} history
 *   Keeps only the last `limit` events (a client further behind is told to resync).
 * @property {{ ms: number }} keepalive
 *   SSE connections get a `:` comment every `ms` (0 = off), as real servers do every 15 s.
 * @property {{ binary?: string, raw?: string }} wsSend
 *   To the open WebSockets, outside the history: a binary frame, or raw bytes
 *   written on the socket (a hand-built frame, e.g. text with invalid UTF-8); both base64.
 * @property {{ credentials: boolean }} cors
 *   Credentialed CORS: echo the Origin and allow credentials (cookies) cross-origin.
 * @property {{}} restart
 *   A server restart that lost its state: connections destroyed, a new epoch
 *   (ids `<epoch>:<seq>`), seq from 1, empty history; older cursors get a resync.
 * @property {{}} reset Destroys the channel's connections and forgets everything about it.
 * @property {{ answers: ReadonlyArray<number | { status: number, retryAfter?: number }> }} actionAnswers
 *   The next server actions (POST actions) are answered with these statuses, in
 *   order (then 204 again); `retryAfter` (seconds) adds a Retry-After header.
 */

/**
 * What each action answers with, besides `ok: true`.
 * @typedef {object} ControlResults
 * @property {{ lastSeq: number }} publish
 * @property {{}} respond
 * @property {{}} cut
 * @property {{}} cutAfter
 * @property {{ closed: number }} closeWs
 * @property {{}} retry
 * @property {{ ended: number }} end
 * @property {{}} history
 * @property {{}} keepalive
 * @property {{ sent: number }} wsSend
 * @property {{}} cors
 * @property {{ epoch: number }} restart
 * @property {{}} reset
 * @property {{}} actionAnswers
 */

/** @typedef {keyof ControlActions} ActionName */

/**
 * A control body as a client sends it.
 * @typedef {{ [A in ActionName]: { action: A } & ControlActions[A] }[ActionName]} ControlAction
 */

/** @typedef {ControlResults[ActionName]} ControlResult */

export {};
