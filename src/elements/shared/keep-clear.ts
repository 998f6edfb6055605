/**
 * Elements that toasts must never cover: each `<notif-bell>` is here while it
 * is in the page, and the toaster starts its stack below any of them in its way.
 * A set, not a query: a bell may sit in another shadow root than the toaster.
 */
export const keepClear = new Set<Element>();
