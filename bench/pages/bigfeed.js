/* global window, document, gc */
// big feed: 100,000 notifications added at once with store.add(array) to a store (maxItems
// 100,000) shown by an open <notif-feed>; once all are applied the whole list is scrolled in ~3 s.
import { createNotificationStore } from '/dist/browser/notif-elements.js';
import { afterPaint, frame, scrollThrough, settleAtBottom } from './common.js';

const heap = () => {
  gc();
  return performance.memory.usedJSHeapSize;
};

window.runBigFeed = async (count, scrollMs) => {
  const store = createNotificationStore({ maxItems: count });
  const feed = document.createElement('notif-feed');
  feed.store = store;
  document.body.append(feed);
  await feed.updateComplete;
  await afterPaint();
  // Before the input exists: the bundle loaded and an empty feed, as the figure's name says.
  const heapBefore = heap();
  const base = Date.now();
  // Parsed from JSON, as an app gets them from an API (`await response.json()`) and as Courier's
  // page gets its own: every string flat. Straight from template literals, each title and body
  // was a cons string, 3 more heap objects per notification than data off the network has, and
  // they moved V8's first major GC into the scroll (bench/README.md, "What drops a frame").
  const items = JSON.parse(
    JSON.stringify(
      Array.from({ length: count }, (_, i) => ({
        id: `n${i}`,
        title: `Notification ${i}`,
        body: `The body of notification ${i}, long enough to look like a real one.`,
        createdAt: base - i * 60_000,
        read: i % 3 === 0,
      })),
    ),
  );
  // A full GC now, as before heapBefore moved above: building the input must not leave a
  // collection due inside the first render.
  gc();
  const rows = () => feed.shadowRoot.querySelectorAll('[role="listitem"]').length;
  const firstRow = () => feed.shadowRoot.querySelector('[part~="item"]') !== null;

  performance.mark('bench:window-start'); // for bench/trace.mjs: where its trace window begins
  const t0 = performance.now();
  store.add(items);
  const addMs = performance.now() - t0;
  items.length = 0; // drop the page's own references before the heap is measured
  await feed.updateComplete;
  let frames = 0;
  while (!firstRow() && frames < 120) {
    await frame();
    frames++;
  }
  await afterPaint();
  const firstRender = performance.now() - t0;
  performance.mark('bench:window-end');
  const rowsAfterRender = rows();
  // add() shows the first slice at once and applies the rest in slices over the next frames:
  // scrolling is measured once all of it is in, as a person would meet it.
  while (store.$items.get().length < count) await frame();
  await afterPaint();
  const allApplied = performance.now() - t0;

  const list = feed.shadowRoot.querySelector('[part~="list"]');
  const { durations, maxRows } = await scrollThrough(list, scrollMs, rows);
  // Not timed: settle at the bottom and check the oldest notification was reached.
  const lastId = `n${count - 1}`;
  const reachedEnd = await settleAtBottom(list, () => feed.shadowRoot.querySelector(`[part~="item"][data-id="${lastId}"]`) !== null);
  const visible = [...feed.shadowRoot.querySelectorAll('[part~="item"]')].map((row) => row.dataset.id);
  const end = { scrollTop: list.scrollTop, scrollHeight: list.scrollHeight, lastRendered: visible.at(-1) };
  const heapAfter = heap();
  return {
    items: store.$items.get().length,
    addMs,
    firstRender,
    allApplied,
    rowsAfterRender,
    maxRows,
    durations,
    reachedEnd,
    end,
    heapBefore,
    heapAfter,
  };
};
window.benchReady = true;
