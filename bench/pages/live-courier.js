/* global window, MutationObserver */
// burst and latency, the peer: Courier's `<courier-inbox>` showing messages pushed through its
// live-update socket, which bench/server.mjs stands in for (/courier-socket/<channel>, one
// `{ event: 'message', data }` frame per message, as Courier's server sends them). Its first page
// comes from the in-page fake endpoint, empty (courier-mock.js). Measured like burst.js and
// latency.js, with Courier's list row where ours has the feed row or the toast (Courier's inbox
// package has no toast).
import { afterPaint, frame, wallClock as now } from './common.js';
import { mockCourier, mountInbox, signIn } from './courier-mock.js';

/** Courier keeps each row's message on the element (`_message`); its rows carry no id attribute. */
const idOf = (item) => item._message?.messageId;

let list;
let firstFrameAt;
let socketOpen = false;

// Courier's socket: note when it opens and when its first frame arrives (ours counts a burst
// from its connection's open, which comes just before the data). The listeners are added before
// Courier's, so they run first.
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    if (!String(args[0]).includes('/courier-socket/')) return;
    this.addEventListener('open', () => (socketOpen = true));
    this.addEventListener('message', () => (firstFrameAt ??= performance.now()));
  }
};

/** Mounts the inbox, signs in, and resolves once Courier's socket to `webSocket` is open. */
window.connectCourier = async (webSocket) => {
  mockCourier(0, Date.now());
  list = await mountInbox();
  signIn(webSocket);
  const started = performance.now();
  while (!socketOpen) {
    if (performance.now() - started > 10_000) throw new Error('Courier did not open its socket');
    await frame();
  }
};

/**
 * A burst of `expected` messages, `newest` last on the wire: settled once the list shows all of
 * them, the newest on top, painted. Courier renders its whole list again for every message, so
 * bench/run.mjs stops waiting after COURIER_BURST_CAP_MS (this page cannot answer meanwhile).
 */
window.runBurst = async (expected, newest) => {
  const rows = () => list.querySelectorAll('courier-inbox-list-item');
  for (;;) {
    await frame();
    const shown = rows();
    if (shown.length >= expected && idOf(shown[0]) === newest) break;
  }
  await afterPaint();
  return { settled: true, fromFirstFrame: performance.now() - firstFrameAt };
};

// latency: a message is visible when a row for it is first added to the list. Courier builds
// every row again for each message, so a row for the same message is added many times: the
// first counts.
const shownAfter = new Map();
let observer;
window.startLatency = async (webSocket) => {
  await window.connectCourier(webSocket);
  observer = new MutationObserver((records) => {
    const at = now();
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        const items = node.matches('courier-inbox-list-item') ? [node] : node.querySelectorAll('courier-inbox-list-item');
        for (const item of items) {
          const id = idOf(item);
          const sentAt = item._message?.data?.sentAt;
          if (id !== undefined && !shownAfter.has(id) && typeof sentAt === 'number') shownAfter.set(id, at - sentAt);
        }
      }
    }
  });
  observer.observe(list, { childList: true, subtree: true });
};
// The network-only time for Courier's run comes from bare.js, a page of its own.
window.latencyCounts = () => ({ lib: shownAfter.size });
window.latencyResults = () => {
  observer?.disconnect();
  return { lib: [...shownAfter.values()] };
};
window.benchReady = true;
