// Compile-only: the script of a Vue SFC sees every element in GlobalComponents, with typed props and events.
import 'notif-elements/types/vue';
import type { GlobalComponents } from 'vue';

type Props<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>['$props'];

export const bell: Props<'notif-bell'> = { 'max-count': 9, label: 'Alerts', open: false };
export const feed: Props<'notif-feed'> = {
  filter: 'unread',
  'onnotif-click': (event) => console.log(event.type),
};
export const toaster: Props<'notif-toaster'> = { position: 'top-end', duration: 6000, max: 3 };
export const provider: Props<'notif-provider'> = { src: '/events', transport: 'sse', 'storage-key': 'app' };

// @ts-expect-error max-count is a number
export const wrongBell: Props<'notif-bell'> = { 'max-count': 'nine' };
// @ts-expect-error transport is sse, websocket or poll
export const wrongProvider: Props<'notif-provider'> = { transport: 'pigeon' };
