// `notif-elements/core`: the store, the transports and the types. No Lit, no DOM elements.
export { createNotificationStore } from './store.js';
export type {
  HistoryState,
  NotificationInfo,
  NotificationStore,
  NotificationStoreOptions,
  StoreEvents,
} from './store.js';
export { normalize, LIMITS } from './normalize.js';
export type { NormalizeResult } from './normalize.js';
export { decodeMessage, MAX_FRAME_CHARS } from './wire.js';
export type { Command, DecodedMessage, ParseFn } from './wire.js';
export { safeUrl, isExternalUrl } from './url.js';
export { NotifError } from './errors.js';
export type { NotifErrorCode } from './errors.js';
export { CHANNELS, CHANNEL_DEFAULTS, DEFAULT_TOPIC } from './preferences.js';
export type * from './types.js';

export { sse } from '../transports/sse.js';
export type { SseOptions } from '../transports/sse.js';
export { websocket } from '../transports/websocket.js';
export type { WebSocketOptions } from '../transports/websocket.js';
export { poll } from '../transports/poll.js';
export type { PollOptions } from '../transports/poll.js';
export { fromSubscribe } from '../transports/from-subscribe.js';
export type { Emit, ReportStatus } from '../transports/from-subscribe.js';
export type { ConnectionOptions } from '../transports/connection.js';
export type { Classify, ConnectionEnd, OutcomeKind } from '../transports/outcome.js';
export type { BackoffOptions } from '../transports/backoff.js';
export type { HeadersOption } from '../transports/headers.js';
