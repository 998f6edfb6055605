// Desktop notification permission cannot be set from a page: only the person (or the
// browser's settings) can grant or deny it. The preferences stories that show "granted",
// "denied" or "no Notification API" replace what the page sees, for that story only, from
// `beforeEach`, and put the real one back in the cleanup Storybook runs when the story closes.
// Those stories render in their own frame on the docs page, so one stub never leaks into
// another story shown beside it.

/** Makes `Notification.permission` read `value` until the returned function restores it. */
export function stubPermission(value: NotificationPermission): () => void {
  const target = globalThis.Notification as typeof Notification | undefined;
  if (typeof target !== 'function') return () => undefined;
  const original = Object.getOwnPropertyDescriptor(target, 'permission');
  Object.defineProperty(target, 'permission', { configurable: true, enumerable: true, get: () => value });
  return () => {
    if (original) Object.defineProperty(target, 'permission', original);
    else Reflect.deleteProperty(target, 'permission');
  };
}

/** Hides the Notification API, as in a browser without it, until the returned function restores it. */
export function stubNoNotificationApi(): () => void {
  const original = Object.getOwnPropertyDescriptor(globalThis, 'Notification');
  Object.defineProperty(globalThis, 'Notification', { configurable: true, writable: true, value: undefined });
  return () => {
    if (original) Object.defineProperty(globalThis, 'Notification', original);
  };
}
