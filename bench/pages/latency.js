/* global window, document, MutationObserver */
// latency: server write -> toast in the DOM through the library (store + <notif-toaster>), and
// the same kind of frames to a bare EventSource / WebSocket listener (the network-only time).
// Both use one clock: the server stamps Date.now() into data.sentAt, the page reads
// performance.timeOrigin + performance.now().
import { createNotificationStore, sse, websocket } from '/dist/browser/notif-elements.js';
import { openBare, wallClock as now } from './common.js';

const lib = new Map();
const net = new Map();
const cleanups = [];
const statuses = [];
let summaries = 0;
let summarized = 0;

window.startLatency = async ({ kind, libUrl, netUrl }) => {
  const store = createNotificationStore({ transport: kind === 'sse' ? sse(libUrl) : websocket(libUrl), maxItems: 1000 });
  const toaster = document.createElement('notif-toaster');
  toaster.store = store;
  document.body.append(toaster);
  await toaster.updateComplete;
  // A notification is visible either as its own toast (data-id) or, when several arrive in one
  // frame while the stack is full, as part of the summary toast (data-summary = count). The toaster
  // handles notifications in arrival order, so a summary that grows by k stands for the k oldest
  // notifications not yet shown.
  const arrivals = [];
  store.on('notification', (n) => arrivals.push({ id: n.id, sentAt: n.data?.sentAt }));
  const summaryCounts = new WeakMap();
  const show = (id, sentAt, at, how) => {
    if (lib.has(id) || typeof sentAt !== 'number') return;
    lib.set(id, at - sentAt);
    if (how === 'summary') summarized++;
  };
  const seen = (node, at) => {
    if (node.nodeType !== 1 || !node.matches('[part~="toast"]')) return;
    if (node.hasAttribute('data-id')) {
      show(node.getAttribute('data-id'), node.notification?.data?.sentAt, at, 'toast');
    } else if (node.hasAttribute('data-summary')) {
      const count = Number(node.getAttribute('data-summary'));
      if (!summaryCounts.has(node)) summaries++;
      let grew = count - (summaryCounts.get(node) ?? 0);
      summaryCounts.set(node, count);
      for (const arrival of arrivals) {
        if (grew <= 0) break;
        if (lib.has(arrival.id)) continue;
        show(arrival.id, arrival.sentAt, at, 'summary');
        grew--;
      }
    }
  };
  store.$status.listen((status) => statuses.push(`${Math.round(performance.now())}:${status}`));
  const observer = new MutationObserver((records) => {
    const at = now();
    for (const record of records) {
      if (record.type === 'attributes') seen(record.target, at);
      for (const node of record.addedNodes) seen(node, at);
    }
  });
  observer.observe(toaster.shadowRoot, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-id', 'data-summary'] });
  cleanups.push(() => observer.disconnect(), () => store.stop());

  const open = new Promise((resolve) => {
    if (store.$status.get() === 'open') resolve(undefined);
    store.$status.listen((status) => status === 'open' && resolve(undefined));
  });
  store.start();
  const [, closeBare] = await Promise.all([open, openBare(kind, netUrl, net)]);
  cleanups.push(closeBare);
};

window.latencyCounts = () => ({ lib: lib.size, net: net.size });
window.latencyResults = () => {
  for (const cleanup of cleanups) cleanup();
  return { lib: [...lib.values()], net: [...net.values()], statuses, summaries, summarized };
};
window.benchReady = true;
