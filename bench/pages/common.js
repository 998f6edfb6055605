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

/**
 * When the last script file of a bundle (its entry and every chunk it imports, all under
 * `dir`) finished downloading, and their bytes: a code-split bundle fetches chunks after
 * parsing its entry, so "after fetch" starts when the last one is in.
 */
export function bundleFetched(dir, fallback) {
  const files = performance.getEntriesByType('resource').filter((entry) => entry.name.startsWith(dir));
  return {
    fetched: files.length ? Math.max(...files.map((entry) => entry.responseEnd)) : fallback,
    files: files.length,
    bytes: files.reduce((sum, entry) => sum + entry.encodedBodySize, 0),
  };
}
