// `notif-elements`: element classes, events, store, transports and types. No side effects.
export * from './core/index.js';
export { notificationStoreContext } from './context.js';
export { NotifProvider } from './elements/notif-provider/notif-provider.js';
export type { TransportKind } from './elements/notif-provider/notif-provider.js';
export { NotifErrorEvent } from './events/notif-error-event.js';
export { NotifStatusEvent } from './events/notif-status-event.js';
