// `notif-elements`: element classes, events, store, transports and types. No side effects.
export * from './core/index.js';
export { notificationStoreContext } from './context.js';
export { NotifProvider } from './elements/notif-provider/notif-provider.js';
export type { TransportKind } from './elements/notif-provider/notif-provider.js';
export { NotifBell, defaultBellStrings } from './elements/notif-bell/notif-bell.js';
export type { BellStrings } from './elements/notif-bell/notif-bell.js';
export { NotifFeed, defaultFeedStrings } from './elements/notif-feed/notif-feed.js';
export type { FeedStrings, RenderItem } from './elements/notif-feed/notif-feed.js';
export { NotifClickEvent } from './events/notif-click-event.js';
export { NotifReadEvent } from './events/notif-read-event.js';
export { NotifOpenEvent } from './events/notif-open-event.js';
export { NotifCloseEvent } from './events/notif-close-event.js';
export { NotifDismissEvent } from './events/notif-dismiss-event.js';
export type { DismissReason } from './events/notif-dismiss-event.js';
export { NotifPreferencesChangeEvent } from './events/notif-preferences-change-event.js';
export { NotifErrorEvent } from './events/notif-error-event.js';
export { NotifStatusEvent } from './events/notif-status-event.js';
