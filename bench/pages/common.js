/* global requestAnimationFrame, EventSource */
// Helpers shared by the bench pages (browser side).

// The first user-timing mark of a page costs ~2 ms: every bench page pays it here, at load,
// not inside the window bench/trace.mjs reads between its bench:window-start and -end marks.
performance.mark('bench:loaded');

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

/**
 * Scrolls `list` from top to bottom in `scrollMs`, one step per animation frame, as far as it
 * reaches at each frame (a list that grows while scrolled is followed). Returns the rAF deltas
 * and the most rows `rows()` counted: the big-feed measurement, the same for ours and a peer's.
 */
export function scrollThrough(list, scrollMs, rows) {
  const durations = [];
  let maxRows = rows();
  return new Promise((resolve) => {
    let start;
    let last;
    const step = (ts) => {
      if (start === undefined) start = ts;
      else durations.push(ts - last);
      last = ts;
      maxRows = Math.max(maxRows, rows());
      const progress = Math.min(1, (ts - start) / scrollMs);
      list.scrollTop = progress * (list.scrollHeight - list.clientHeight);
      if (progress < 1) requestAnimationFrame(step);
      else resolve({ durations, maxRows });
    };
    requestAnimationFrame(step);
  });
}

/** Untimed: keeps `list` at its bottom for up to 30 frames until `reached()` (the oldest is there). */
export async function settleAtBottom(list, reached) {
  for (let i = 0; i < 30; i++) {
    list.scrollTop = list.scrollHeight;
    await frame();
    if (reached()) return true;
  }
  return false;
}

/** The wall clock the hub stamps into `data.sentAt` (Date.now()), read with sub-millisecond precision. */
export const wallClock = () => performance.timeOrigin + performance.now();

/**
 * The network-only time of the latency pages: a bare EventSource or WebSocket (no library) on
 * `url`, noting for each frame `now - data.sentAt` under its id in `times`. Resolves once open,
 * with a function that closes it.
 */
export function openBare(kind, url, times) {
  return new Promise((resolve, reject) => {
    const source = kind === 'sse' ? new EventSource(url) : new WebSocket(url);
    source.onmessage = (event) => {
      const at = wallClock();
      const n = JSON.parse(event.data);
      if (!times.has(n.id)) times.set(n.id, at - n.data.sentAt);
    };
    source.onopen = () => resolve(() => source.close());
    source.onerror = () => reject(new Error(`bare ${kind === 'sse' ? 'EventSource' : 'WebSocket'} failed`));
  });
}
