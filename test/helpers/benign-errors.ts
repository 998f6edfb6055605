// "ResizeObserver loop completed with undelivered notifications" is the browser's
// report that layout took more than one observer pass (the feed measures rows
// as they render). It is not an exception and users never see it, but mocha
// counts every window error as a failure. Swallow exactly that message, nothing else.
window.addEventListener(
  'error',
  (event) => {
    if (event.message.startsWith('ResizeObserver loop')) event.stopImmediatePropagation();
  },
  true,
);
