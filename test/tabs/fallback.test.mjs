// F43 / S7: without Web Locks or BroadcastChannel (removed, or throwing as in an opaque
// origin) every tab connects on its own and works, and says so once in a debug log; a
// foreign or malformed message on the tabs' channel is never applied, only reported; a
// message of another protocol version makes the tabs go their own way rather than mix.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { call, callAll, frames, leaderOf, sleep, startTabs, until, untilDelivered } from './harness.mjs';

const saidSolo = (page) => page.debug.filter((line) => line.includes('cross-tab is off'));

describe('crossTab: fallback and bad input', () => {
  let tabs;
  before(async () => {
    tabs = await startTabs();
  });
  afterEach(() => tabs?.closeTabs());
  after(() => tabs?.close());

  for (const [name, query] of [
    ['BroadcastChannel removed', { without: 'BroadcastChannel' }],
    ['navigator.locks removed', { without: 'locks' }],
    ['BroadcastChannel throwing (as in an opaque origin)', { throw: 'BroadcastChannel' }],
  ]) {
    it(`${name}: each tab connects on its own and gets everything, as without crossTab`, async () => {
      const c = tabs.channel('solo');
      const pages = [await tabs.open(c, query), await tabs.open(c, query), await tabs.open(c, query)];
      await until(async () => (await callAll(pages, 'status')).every((status) => status === 'open'));
      assert.deepEqual(await callAll(pages, 'role'), ['solo', 'solo', 'solo']);
      const burst = frames('o', 1, 50);
      tabs.publish(c, burst);
      await untilDelivered(pages, burst.length);
      await sleep(200);
      for (const delivered of await callAll(pages, 'delivered')) assert.deepEqual(delivered, burst.map((n) => n.id));
      const log = await tabs.log(c);
      assert.equal(log.requests.length, 3, 'one connection per tab');
      assert.equal(log.maxOpen, 3);
      await call(pages[0], 'markRead', 'o7');
      await sleep(100);
      assert.deepEqual(await callAll(pages, 'calls'), [[{ action: 'markRead', ids: ['o7'] }], [], []], 'the server hears of it, from the tab that acted');
      for (const page of pages) assert.equal(saidSolo(page).length, 1, 'said once in a debug log');
    });
  }

  it('a foreign or malformed message on the channel changes nothing and is reported', async () => {
    const c = tabs.channel('foreign');
    const pages = [await tabs.open(c), await tabs.open(c), await tabs.open(c)];
    await leaderOf(pages);
    tabs.publish(c, frames('g', 1, 20));
    await untilDelivered(pages, 20);
    const before = { ids: await callAll(pages, 'ids'), roles: await callAll(pages, 'role'), delivered: await callAll(pages, 'delivered') };

    const ours = { ...(await call(pages[0], 'protocol')), from: 'intruder' };
    const evil = JSON.stringify({ id: 'evil', title: 'Not from the server' });
    for (const message of [
      { type: 'message', data: { id: 'evil', title: 'another app' } }, // another app's message
      'hello',
      { ...ours, type: 'message', data: evil, meta: { id: 7 } }, // a cursor that is not a string
      { ...ours, type: 'message', data: evil, meta: { id: '99' }, term: 'newest' },
      { ...ours, type: 'change', change: { type: 'read', ids: 'g3' } },
      { ...ours, type: 'change', change: { type: 'read', ids: [3] } },
      { ...ours, type: 'change', change: { type: 'preference', topic: 'default', channel: 'toast', enabled: 'no' } },
      { ...ours, type: 'status', status: 'hacked' },
      { ...ours, type: 'welcome', to: 'anyone', messages: 'all' },
      { ...ours, type: 'takeover' },
    ]) {
      await call(pages[1], 'postOnChannel', message);
    }
    await sleep(300);

    assert.deepEqual(await callAll(pages, 'ids'), before.ids, 'no item added or changed');
    assert.deepEqual(await callAll(pages, 'read'), [[], [], []], 'nothing marked read');
    assert.deepEqual((await callAll(pages, 'preferences')).map((p) => p.default.toast), [true, true, true]);
    assert.deepEqual(await callAll(pages, 'role'), before.roles);
    assert.deepEqual(await callAll(pages, 'status'), ['open', 'open', 'open']);
    assert.deepEqual(await callAll(pages, 'delivered'), before.delivered);
    for (const errors of await callAll(pages, 'errors')) {
      // reported once, then at most once per 10 s (another app may post often)
      assert.deepEqual(errors, ['protocol: ignored a message on the tab channel that is not ours']);
    }

    tabs.publish(c, frames('g', 21, 25));
    await untilDelivered(pages, 25);
    assert.equal((await tabs.log(c)).requests.length, 1, 'still one connection');
  });

  it('a message of another protocol version: every tab goes solo (its own connection) rather than mix, and loses nothing', async () => {
    const c = tabs.channel('version');
    const pages = [await tabs.open(c), await tabs.open(c), await tabs.open(c)];
    await leaderOf(pages);
    tabs.publish(c, frames('w', 1, 20));
    await untilDelivered(pages, 20);

    const { ns, v } = await call(pages[0], 'protocol');
    await call(pages[2], 'postOnChannel', { ns, v: v + 1, from: 'newer', type: 'message', data: JSON.stringify({ id: 'w-next', title: 'from v2' }), meta: { id: '999' } });
    await until(async () => (await callAll(pages, 'role')).every((role) => role === 'solo'), { message: () => 'not every tab went solo' });
    await until(async () => (await tabs.log(c)).open === 3, { message: () => 'not every tab has its own connection' });
    const log = await tabs.log(c);
    assert.equal(log.requests.length, 3, 'the leader keeps its connection, the two others open theirs');
    assert.deepEqual(log.requests.slice(1).map((r) => r.lastEventId), ['20', '20'], 'each from its cursor');

    tabs.publish(c, frames('w', 21, 30));
    await untilDelivered(pages, 30);
    await sleep(200);
    const all = frames('w', 1, 30).map((n) => n.id);
    for (const page of pages) {
      assert.deepEqual(await call(page, 'delivered'), all, 'every message once, in order; the other version’s never');
      assert.deepEqual(await call(page, 'ids'), [...all].reverse());
      assert.equal(saidSolo(page).length, 1);
      assert.match(saidSolo(page)[0], new RegExp(`another version \\(${v + 1}\\)`));
    }
  });
});
