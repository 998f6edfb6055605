/* global window, document */
// What the Courier pages share (bigfeed-courier.js, live-courier.js): an in-page fake of Courier's
// inbox GraphQL endpoint (window.fetch is wrapped for MOCK_ORIGIN), its `<courier-inbox>` mounted
// with a scrolling list as tall as our feed's, and signing in. The bundle, /startup/courier-feed.js,
// is built by bench/run.mjs from bench/peers.
import { Courier, CourierInbox } from '/startup/courier-feed.js';
import { afterPaint } from './common.js';
import { courierMessage } from './courier-message.js';

const MOCK_ORIGIN = 'http://127.0.0.1/courier-mock';
/** The height of our feed's scrolling list (--notif-feed-height, 26rem): Courier's list gets the same. */
const LIST_PX = 416;

// ------------------------------------------------------------ the fake endpoint
/** Notification i with bigfeed.js's content, made on demand so the fake server holds no copy in the page's heap. */
const message = (i, base) =>
  courierMessage({
    id: `n${i}`,
    title: `Notification ${i}`,
    preview: `The body of notification ${i}, long enough to look like a real one.`,
    createdAt: base - i * 60_000,
    read: i % 3 === 0,
  });

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
export function mockCourier(count, base) {
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
export async function mountInbox() {
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

/**
 * Signs in, which makes a mounted inbox fetch its first page (from the fake endpoint) and open its
 * live-update socket at `webSocket` (Courier appends its auth and client query to it).
 */
export function signIn(webSocket = `${MOCK_ORIGIN.replace('http', 'ws')}/socket`) {
  Courier.shared.signIn({
    userId: 'bench',
    jwt: 'bench',
    apiUrls: {
      courier: { rest: `${MOCK_ORIGIN}/rest`, graphql: `${MOCK_ORIGIN}/client/q` },
      inbox: { graphql: `${MOCK_ORIGIN}/q`, webSocket },
    },
  });
}
