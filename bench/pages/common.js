/* global requestAnimationFrame */
// Helpers shared by the bench pages (browser side).

/** Resolves in the next animation frame callback, with its timestamp. */
export const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** Resolves after the next frame has been rendered: a task posted from a rAF callback runs after paint. */
export const afterPaint = () =>
  new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(undefined);
      channel.port2.postMessage(0);
    }),
  );
