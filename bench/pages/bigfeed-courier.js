/* global window, document, gc */
// big feed, the peer: Courier's web-component inbox (`<courier-inbox>`, which shows its list
// without a popup to open; bundle /startup/courier-feed.js, built by bench/run.mjs from
// bench/peers). Measured like bigfeed.js, but Courier has no store.add(): it loads its feed
// from its inbox GraphQL endpoint, a page at a time, and asks for the next page when its
// pagination row scrolls into view. So the page fakes that endpoint in-process (window.fetch
// is wrapped for MOCK_ORIGIN) and serves `count` notifications generated like bigfeed.js's,
// honestly paged: the limit and cursor Courier asks for, `hasNextPage` while any are left.
// Nothing goes to the network: Courier's WebSocket (live updates) fails at once.
import { Courier, CourierInbox, CourierInboxDatastore } from '/startup/courier-feed.js';
import { afterPaint, frame, scrollThrough, settleAtBottom } from './common.js';

const MOCK_ORIGIN = 'http://127.0.0.1/courier-mock';
/** The height of our feed's scrolling list (--notif-feed-height, 26rem): Courier's list gets the same. */
const LIST_PX = 416;

const heap = () => {
  gc();
  return performance.memory.usedJSHeapSize;
};

// ------------------------------------------------------------ the fake endpoint
/**
 * Notification i, as Courier's GetInboxMessages returns it, with bigfeed.js's content: made on
 * demand from its index, so the fake server holds no copy in the page's heap.
 */
function message(i, base) {
  const created = new Date(base - i * 60_000).toISOString();
  return {
    messageId: `n${i}`,
    title: `Notification ${i}`,
    preview: `The body of notification ${i}, long enough to look like a real one.`,
    created,
    read: i % 3 === 0 ? created : null,
    archived: null,
    opened: null,
    data: null,
    tags: null,
    trackingIds: { clickTrackingId: null },
    actions: [],
  };
}

/** Courier inlines its filters as GraphQL defaults (`$params: FilterParamsInput = { status: "unread" }`). */
function filterOf(text) {
  return { archived: /archived:\s*true/.test(text), status: /status:\s*"(\w+)"/.exec(text)?.[1] };
}

const matches = (i, filter) => !filter.archived && (!filter.status || (filter.status === 'read') === (i % 3 === 0));

function countOf(count, filter) {
  if (filter.archived) return 0;
  const read = Math.ceil(count / 3); // every third, from 0
  return filter.status === 'read' ? read : filter.status === 'unread' ? count - read : count;
}

/** The `$name: FilterParamsInput = {...}` defaults of a query, by variable name. */
function filtersOf(query) {
  return new Map([...query.matchAll(/\$(\w+): FilterParamsInput = (\{[^}]*\})/g)].map(([, name, text]) => [name, filterOf(text)]));
}

/** One page from the cursor (the next raw index) on: at most `limit` that pass the filter. */
function page(count, base, filter, limit, after) {
  const nodes = [];
  let i = after;
  for (; i < count && nodes.length < limit; i++) if (matches(i, filter)) nodes.push(message(i, base));
  let more = false;
  for (let j = i; j < count && !more; j++) more = matches(j, filter);
  // Courier reads the next cursor from pageInfo.startCursor
  return { totalCount: countOf(count, filter), pageInfo: { startCursor: String(i), hasNextPage: more }, nodes };
}

/** Answers one GraphQL request body: the inbox's messages and counts; `{}` for the rest (mutations, tracking). */
function answer(count, base, { query }, served) {
  const operation = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? 'unnamed';
  served[operation] = (served[operation] ?? 0) + 1;
  const filters = filtersOf(query);
  if (operation === 'GetInboxMessages') {
    const limit = Number(/\$limit: Int = (\d+)/.exec(query)[1]);
    const after = Number(/\$after: String = "(\d+)"/.exec(query)?.[1] ?? 0);
    const filter = filters.get('params');
    return {
      count: countOf(count, filter),
      unreadCount: countOf(count, filters.get('unreadCountParams')),
      messages: page(count, base, filter, limit, after),
    };
  }
  if (operation === 'GetUnreadCounts') return Object.fromEntries([...filters].map(([name, filter]) => [name, countOf(count, filter)]));
  return {};
}

/** Wraps window.fetch: requests under MOCK_ORIGIN are answered in-process, the rest pass through. */
function mockCourier(count, base) {
  const served = {};
  const realFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const request = new Request(input, init);
    if (!request.url.startsWith(MOCK_ORIGIN)) return realFetch(input, init);
    const body = request.method === 'POST' ? await request.json().catch(() => ({})) : {};
    const data = typeof body.query === 'string' ? answer(count, base, body, served) : {};
    return new Response(JSON.stringify({ data }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  return served;
}

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
/** First element matching `selector` under root, looking into open shadow roots too. */
function deepQuery(root, selector) {
  const found = root.querySelector(selector);
  if (found) return found;
  for (const element of root.querySelectorAll('*')) {
    const inShadow = element.shadowRoot && deepQuery(element.shadowRoot, selector);
    if (inShadow) return inShadow;
  }
  return null;
}

/** Appends a signed-out `<courier-inbox>` whose scrolling list is LIST_PX tall, as our feed's is; returns the list. */
async function mountInbox() {
  const inbox = new CourierInbox();
  document.body.append(inbox);
  await afterPaint();
  // Courier's list (`courier-inbox-list`, overflow-y: auto) is the scroll container; the inbox
  // is a column of its header and the list, so its height is the header's plus LIST_PX.
  const list = deepQuery(inbox, 'courier-inbox-list');
  const header = list.getBoundingClientRect().top - inbox.getBoundingClientRect().top;
  inbox.setAttribute('height', `${Math.round(header + LIST_PX)}px`);
  await afterPaint();
  return list;
}

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
  Courier.shared.signIn({
    userId: 'bench',
    jwt: 'bench',
    apiUrls: {
      courier: { rest: `${MOCK_ORIGIN}/rest`, graphql: `${MOCK_ORIGIN}/client/q` },
      inbox: { graphql: `${MOCK_ORIGIN}/q`, webSocket: `${MOCK_ORIGIN.replace('http', 'ws')}/socket` },
    },
  });
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
