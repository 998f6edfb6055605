/* global window, document */
// burst: a store (maxItems 20,000) with an open <notif-feed>, fed by the SSE transport, whose
// server has 10,000 events queued before the client connects: the hub writes them in one res.write.
import { createNotificationStore, sse } from '/dist/browser/notif-elements.js';
import { afterPaint, frame } from './common.js';

const longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
}).observe({ type: 'longtask', buffered: true });

// Long animation frames name the scripts that ran in them (over 5 ms each): how much of a long
// task was our bundle's JavaScript (Lit's rendering included), the rest being the browser's
// style, layout and paint, or other scripts.
const ourScripts = [];
new PerformanceObserver((list) => {
  for (const frame of list.getEntries()) {
    for (const script of frame.scripts) {
      if (script.sourceURL.endsWith('/notif-elements.js')) ourScripts.push({ start: script.startTime, duration: script.duration });
    }
  }
}).observe({ type: 'long-animation-frame', buffered: true });

window.runBurst = async (url, expected) => {
  const store = createNotificationStore({ transport: sse(url), maxItems: 20_000 });
  const feed = document.createElement('notif-feed');
  feed.store = store;
  document.body.append(feed);
  await feed.updateComplete;
  await afterPaint();

  let updates = 0;
  let openAt;
  let fullAt;
  store.$status.listen((status) => {
    if (status === 'open' && openAt === undefined) {
      performance.mark('bench:window-start'); // for bench/trace.mjs; before the clock is read, so outside the figure
      openAt = performance.now();
    }
  });
  const full = new Promise((resolve) => {
    store.$items.listen((items) => {
      updates++;
      if (items.length >= expected && fullAt === undefined) {
        fullAt = performance.now();
        resolve(undefined);
      }
    });
  });
  const newest = String(expected);
  const rendered = () => feed.shadowRoot?.querySelector(`[part~="item"][data-id="${newest}"]`) !== null;

  const startAt = performance.now();
  store.start();
  await full;
  await feed.updateComplete;
  let frames = 0;
  while (!rendered() && frames < 120) {
    await frame();
    frames++;
  }
  await afterPaint();
  const settledAt = performance.now();
  performance.mark('bench:window-end');
  const updatesAtSettled = updates;
  // Long tasks are reported asynchronously: give the observer time to deliver.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const inWindow = longTasks.filter((t) => t.start + t.duration > startAt && t.start < settledAt);
  const oursInWindow = ourScripts.filter((t) => t.start + t.duration > startAt && t.start < settledAt);
  store.stop();
  const items = store.$items.get().length;
  const shown = rendered();
  // Gone before the next burst in this page (bench/run.mjs runs a second one, warm), with its rows.
  feed.remove();
  globalThis.gc?.(); // the bench runs Chromium with --expose-gc
  return {
    items,
    rendered: shown,
    fromOpen: openAt === undefined ? null : settledAt - openAt,
    fromStart: settledAt - startAt,
    openToFull: openAt === undefined ? null : fullAt - openAt,
    connect: openAt === undefined ? null : openAt - startAt,
    updates: updatesAtSettled,
    updatesAfter: updates,
    longTasks: inWindow.map((t) => Math.round(t.duration)),
    longestTask: inWindow.reduce((max, t) => Math.max(max, t.duration), 0),
    longestOurScript: oursInWindow.reduce((max, t) => Math.max(max, t.duration), 0),
  };
};
window.benchReady = true;
