// F40 / X1: the tabs of one browser share one connection (crossTab over the real hub's SSE),
// every tab gets every notification in the server's order, and a tab opened later gets what
// the others have without asking the server. Tabs are pages of one Chromium context.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { call, callAll, frames, leaderOf, sleep, startTabs, until, untilDelivered } from './harness.mjs';

describe('crossTab: one connection for the tabs of a browser', () => {
  let tabs;
  before(async () => {
    tabs = await startTabs();
  });
  afterEach(() => tabs?.closeTabs());
  after(() => tabs?.close());

  it('three tabs: the server sees one connection, and every tab gets every id of a burst in the server order', async () => {
    const c = tabs.channel('burst');
    const pages = [];
    for (let i = 0; i < 3; i++) pages.push(await tabs.open(c));
    await leaderOf(pages);
    const burst = frames('b', 1, 300);
    tabs.publish(c, burst);
    await untilDelivered(pages, burst.length);
    await sleep(200); // anything sent twice would arrive now

    const published = burst.map((n) => n.id);
    for (const delivered of await callAll(pages, 'delivered')) assert.deepEqual(delivered, published);
    // the feed: newest first, the same in every tab
    for (const ids of await callAll(pages, 'ids')) assert.deepEqual(ids, [...published].reverse());
    assert.deepEqual((await callAll(pages, 'role')).sort(), ['follower', 'follower', 'leader']);
    assert.deepEqual(await callAll(pages, 'status'), ['open', 'open', 'open']);
    const log = await tabs.log(c);
    assert.equal(log.requests.length, 1, 'one request to the server');
    assert.equal(log.maxOpen, 1, 'never more than one connection open');
    assert.deepEqual(await callAll(pages, 'errors'), [[], [], []]);
  });

  it('a tab opened later, while the server publishes, gets the current items from the others in the same order, with no request', async () => {
    const c = tabs.channel('join');
    const pages = [await tabs.open(c), await tabs.open(c)];
    await leaderOf(pages);
    tabs.publish(c, frames('j', 1, 100));
    await untilDelivered(pages, 100);

    // Published every 5 ms while the new tab opens: what the leader relays around the welcome
    // it sends must reach the new tab once, in order.
    let next = 101;
    const publishing = setInterval(() => tabs.publish(c, frames('j', next, next++)), 5);
    try {
      pages.push(await tabs.open(c));
      await leaderOf(pages);
    } finally {
      clearInterval(publishing);
    }
    const published = frames('j', 1, next - 1).map((n) => n.id);
    await untilDelivered(pages, published.length);
    await sleep(200);

    const [first, , joined] = await callAll(pages, 'ids');
    assert.equal(joined.length, published.length, 'the new tab has every item');
    assert.deepEqual(joined, first, 'the same items in the same order as the tab that was there');
    for (const delivered of await callAll(pages, 'delivered')) assert.deepEqual(delivered, published, 'every message once, in the server order');
    assert.equal(await call(pages[2], 'role'), 'follower');
    const log = await tabs.log(c);
    assert.equal(log.requests.length, 1, 'the new tab asked the server nothing');
    assert.equal(log.maxOpen, 1);
    await until(async () => (await call(pages[2], 'status')) === 'open');
  });
});
