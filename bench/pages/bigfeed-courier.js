/* global window, gc */
// big feed, the peer: Courier's web-component inbox (`<courier-inbox>`, which shows its list
// without a popup to open; bundle /startup/courier-feed.js, built by bench/run.mjs from
// bench/peers). Measured like bigfeed.js, but Courier has no store.add(): it loads its feed
// from its inbox GraphQL endpoint, a page at a time, and asks for the next page when its
// pagination row scrolls into view. So the page fakes that endpoint in-process (window.fetch
// is wrapped for MOCK_ORIGIN) and serves `count` notifications generated like bigfeed.js's,
// honestly paged: the limit and cursor Courier asks for, `hasNextPage` while any are left
// (courier-mock.js). Nothing goes to the network: Courier's WebSocket (live updates) fails at once.
import { Courier, CourierInboxDatastore } from '/startup/courier-feed.js';
import { afterPaint, frame, scrollThrough, settleAtBottom } from './common.js';
import { mockCourier, mountInbox, signIn } from './courier-mock.js';

const heap = () => {
  gc();
  return performance.memory.usedJSHeapSize;
};

/**
 * Courier's live-update socket fails at once, as one to a closed port would, but without the
 * console error a real failed connection logs (bench/run.mjs reports those). Courier retries
 * after 30 s, past the end of a run. Nothing else on this page opens a WebSocket.
 */
function refuseSockets() {
  window.WebSocket = class extends EventTarget {
    static CONNECTING = 0;
    static OPEN = 1;
    static CLOSING = 2;
    static CLOSED = 3;
    readyState = 0;
    constructor() {
      super();
      setTimeout(() => {
        this.readyState = 3;
        this.dispatchEvent(new Event('error'));
        this.dispatchEvent(new CloseEvent('close', { code: 1006 }));
      });
    }
    send() {}
    close() {
      this.readyState = 3;
    }
  };
}

// ------------------------------------------------------------ the page
window.runBigFeed = async (count, scrollMs) => {
  const base = Date.now();
  const served = mockCourier(count, base);
  refuseSockets();
  const list = await mountInbox();
  const heapBefore = heap();
  const rows = () => list.querySelectorAll('courier-inbox-list-item').length;
  // What Courier holds for the shown tab. Not list.messages: Courier 2.4.7's list gets each
  // new page twice (the whole dataset, then the page appended again), so it shows the newest
  // page twice until the next one comes.
  const held = () => CourierInboxDatastore.shared.getDatasetById('all_messages')?.messages.length ?? 0;
  const oldestHeld = () => CourierInboxDatastore.shared.getDatasetById('all_messages')?.messages.at(-1)?.messageId;

  // "add" for Courier: signing in, which makes the mounted inbox load its first page.
  const t0 = performance.now();
  signIn();
  const addMs = performance.now() - t0;
  let frames = 0;
  while (rows() === 0 && frames < 120) {
    await frame();
    frames++;
  }
  await afterPaint();
  const firstRender = performance.now() - t0;
  const rowsAfterRender = rows();
  const heldAfterRender = held();

  // The same scroll as bigfeed.js, top to bottom of whatever the list holds at each frame:
  // Courier pages in more as its pagination row comes into view, and the list grows under it.
  const { durations, maxRows } = await scrollThrough(list, scrollMs, rows);
  // Not timed: settle at the bottom (Courier may page in a few more) and check for the oldest.
  const lastId = `n${count - 1}`;
  const reachedEnd = await settleAtBottom(list, () => oldestHeld() === lastId);
  const end = {
    scrollTop: list.scrollTop,
    scrollHeight: list.scrollHeight,
    listHeight: list.clientHeight,
    lastRendered: oldestHeld(),
  };
  const items = held();
  const heapAfter = heap();
  return {
    items,
    addMs,
    firstRender,
    rowsAfterRender,
    heldAfterRender,
    maxRows,
    rowsAtEnd: rows(),
    durations,
    reachedEnd,
    end,
    listMessages: list.messages.length,
    pageSize: Courier.shared.paginationLimit,
    served,
    heapBefore,
    heapAfter,
  };
};
window.benchReady = true;
