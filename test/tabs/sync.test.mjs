// X3: what the person does in one tab (read, archive, mark all read, a preference) shows in
// every tab, and only that tab calls the server's `actions` (once); interruptions come once
// per browser: a toast only in a visible tab, an OS notification (tag = id) only from the
// leader and only while no tab is visible. Latencies are printed, not asserted.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { call, callAll, frames, leaderOf, sleep, spread, startTabs, until, untilDelivered } from './harness.mjs';

describe('crossTab: state in step, interruptions once', () => {
  let tabs;
  before(async () => {
    tabs = await startTabs();
  });
  afterEach(() => tabs?.closeTabs());
  after(() => tabs?.close());

  it('read, archive, mark-all and a preference in one tab reach the others; only the acting tab calls actions, once per action', async (t) => {
    const c = tabs.channel('sync');
    const pages = [await tabs.open(c), await tabs.open(c), await tabs.open(c)];
    await leaderOf(pages);
    tabs.publish(c, frames('s', 1, 30));
    await untilDelivered(pages, 30);
    const expected = [[], [], []]; // the actions each tab must have called

    /** `act` in pages[actor], then waits until `seen(page)` in each other page gives the time it was applied there. */
    async function inEveryTab(actor, act, seen) {
      const actedAt = await act(pages[actor]);
      const latencies = [];
      for (const page of pages.filter((_, i) => i !== actor)) {
        const at = await until(() => seen(page), { timeout: 5000, message: () => 'a change did not reach every tab' });
        latencies.push(at - actedAt);
      }
      return latencies;
    }

    // Twenty reads, from each tab in turn (the leader and the followers act alike).
    const reads = [];
    for (let i = 1; i <= 20; i++) {
      const actor = i % 3;
      const id = `s${i}`;
      reads.push(...(await inEveryTab(actor, (page) => call(page, 'markRead', id), (page) => call(page, 'readAt', id))));
      expected[actor].push({ action: 'markRead', ids: [id] });
    }
    const archive = await inEveryTab(1, (page) => call(page, 'archive', 's25'), (page) => call(page, 'goneAt', 's25'));
    expected[1].push({ action: 'archive', ids: ['s25'] });
    const markAll = await inEveryTab(2, (page) => call(page, 'markAllRead'), (page) => call(page, 'readAt', 's30'));
    expected[2].push({ action: 'markAllRead', ids: [] });
    const preference = await inEveryTab(0, (page) => call(page, 'setPreference', 'default', false), (page) => call(page, 'preferenceAt', 'default/toast=false'));
    await sleep(300); // a call made twice, or by another tab, would be there now

    const left = frames('s', 1, 30).map((n) => n.id).filter((id) => id !== 's25').reverse();
    for (const [i, page] of pages.entries()) {
      assert.deepEqual(await call(page, 'ids'), left, `tab ${i}: the archived one is gone`);
      assert.deepEqual(await call(page, 'read'), left, `tab ${i}: every one is read`);
      assert.equal((await call(page, 'preferences')).default.toast, false, `tab ${i}: the toast preference is off`);
      assert.deepEqual(await call(page, 'calls'), expected[i], `tab ${i} called the server for its own actions only, once each`);
    }
    assert.equal((await tabs.log(c)).requests.length, 1);

    t.diagnostic(`sync latency, action in one tab -> applied in another: read ${spread(reads)}`);
    t.diagnostic(`sync latency: archive ${spread(archive)}; mark all read ${spread(markAll)}; preference ${spread(preference)}`);
  });

  // Headless Chromium pages are always `visible`, and no CDP call changes that: page.ts
  // overrides document.visibilityState (its `hidden` query parameter, then setVisibility, which
  // also fires `visibilitychange`) before the store starts. OS notifications go to a recording
  // stand-in for `Notification` (permission granted), the page's `desktop` parameter.
  it('only a visible tab toasts; an OS notification is shown once, by the leader, only while no tab is visible', async () => {
    const c = tabs.channel('visible');
    const pages = [await tabs.open(c, { hidden: true, desktop: true }), await tabs.open(c, { desktop: true }), await tabs.open(c, { hidden: true, desktop: true })];
    const leader = await leaderOf(pages);
    await sleep(100);
    const show = async (id) => {
      tabs.publish(c, [{ id, title: `Toast ${id}` }]);
      await until(async () => (await callAll(pages, 'ids')).every((ids) => ids.includes(id)));
      await sleep(100); // toasts are placed in a microtask, OS notifications too
    };

    await show('v1');
    assert.deepEqual(await callAll(pages, 'toasted'), [[], ['v1'], []], 'only the visible tab toasts');
    assert.deepEqual(await callAll(pages, 'shownByOs'), [[], [], []], 'no OS notification while a tab is visible');

    await call(pages[1], 'setVisibility', 'hidden');
    await call(pages[0], 'setVisibility', 'visible');
    await sleep(100);
    await show('v2');
    assert.deepEqual(await callAll(pages, 'toasted'), [['v2'], ['v1'], []], 'the tab that became visible toasts, the one hidden does not');
    assert.deepEqual(await callAll(pages, 'shownByOs'), [[], [], []]);

    await call(pages[0], 'setVisibility', 'hidden');
    await sleep(100);
    await show('v3');
    assert.deepEqual(await callAll(pages, 'toasted'), [['v2'], ['v1'], []], 'no toast with every tab hidden');
    const os = await callAll(pages, 'shownByOs');
    assert.deepEqual(os.flat(), [{ title: 'Toast v3', tag: 'v3' }], 'one OS notification for the browser, tagged with the id');
    assert.deepEqual(os[pages.indexOf(leader)], [{ title: 'Toast v3', tag: 'v3' }], 'shown by the leader');
  });

  it('a read waiting in one tab\'s outbox shows as waiting in every tab, and only that tab sends it', async () => {
    const c = tabs.channel('pending');
    const pages = [await tabs.open(c, { hang: true }), await tabs.open(c, { hang: true })];
    await leaderOf(pages);
    tabs.publish(c, frames('p', 1, 3));
    await untilDelivered(pages, 3);
    await call(pages[1], 'markRead', 'p2');
    for (const page of pages) {
      await until(async () => (await call(page, 'pending')).join() === 'p2', { timeout: 5000, message: () => 'the waiting read did not show in every tab' });
    }
    const sent = await callAll(pages, 'calls');
    assert.deepEqual(sent.map((calls) => calls.map((entry) => entry.ids)), [[], [['p2']]]);
  });

});
