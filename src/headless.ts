// `notif-elements/core`: the store, the toast policy, the transports and the types. No Lit, no DOM elements.
// The one file that joins core and transports: nothing under core/ imports a transport.
export { createNotificationStore } from './core/store/index.js';
export type {
  HistoryState,
  NotificationInfo,
  NotificationStore,
  NotificationStoreOptions,
  StoreEvents,
} from './core/store/index.js';
export { normalize } from './core/model/normalize.js';
export type { NormalizeResult } from './core/model/normalize.js';
export { LIMITS, MAX_FRAME_CHARS } from './core/model/limits.js';
export { decodeMessage } from './core/wire/decode.js';
export { readNchanFrame } from './core/wire/nchan.js';
export type { Command, DecodedMessage, ParseFn } from './core/wire/decode.js';
export { safeUrl, isExternalUrl } from './core/model/url.js';
export { NotifError } from './core/model/errors.js';
export type { NotifErrorCode } from './core/model/errors.js';
export { CHANNELS, CHANNEL_DEFAULTS, DEFAULT_TOPIC } from './core/preferences.js';
export { unreadBadge } from './core/badge.js';
export type { UnreadBadgeOptions } from './core/badge.js';
export { httpActions } from './core/http-actions.js';
export type { HttpActionsOptions } from './core/http-actions.js';
export { createToasts, toastDuration, DEFAULT_MAX_TOASTS, DEFAULT_TOAST_DURATION, MIN_TOAST_DURATION } from './core/toasts.js';
export type { PauseReason, ToastEntry, Toasts, ToastsOptions } from './core/toasts.js';
export type * from './core/model/types.js';

export { sse } from './transports/sse.js';
export type { SseOptions } from './transports/sse.js';
export { websocket } from './transports/websocket.js';
export type { WebSocketOptions } from './transports/websocket.js';
export { poll } from './transports/poll.js';
export type { PollOptions } from './transports/poll.js';
export { fromSubscribe } from './transports/from-subscribe.js';
export { crossTab } from './transports/cross-tab.js';
export { nchan } from './transports/nchan.js';
export { merge } from './transports/merge.js';
export { webPush } from './transports/web-push.js';
export type { WebPushOptions } from './transports/web-push.js';
export type { NchanOptions } from './transports/nchan.js';
export type { CrossTabOptions } from './transports/cross-tab.js';
export type { Emit, ReportStatus } from './transports/from-subscribe.js';
export type { ConnectionOptions } from './transports/connection.js';
export type { Classify, ConnectionEnd, OutcomeKind } from './transports/outcome.js';
export type { BackoffOptions } from './core/backoff.js';
export type { HeadersOption } from './transports/headers.js';
