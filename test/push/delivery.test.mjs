// Web Push delivery in real Chromium (node --test test/push/): pushes delivered through CDP
// (ServiceWorker.deliverPushMessage, as a push service would) to the worker of
// test/push/test-sw.ts, which is src/sw's installNotifWorker. Headless pages are always
// visible, so "no page visible" is every page closed (the push then wakes the worker).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { call, startBrowser, until } from './harness.mjs';

let browser;
before(async () => {
  browser = await startBrowser();
});
after(() => browser?.close());

/** A site with notifications allowed, one page open and desktop notifications on for `topic` (the worker has the preferences). */
async function optedIn(topic = 'default', query = {}) {
  const site = await browser.site();
  await site.grant();
  const page = await site.open(query);
  await call(page, 'setPreference', topic, 'desktop', true);
  await until(() => call(page, 'state').then((state) => state === 'subscribed'), { message: () => 'never subscribed', timeout: 20_000 });
  await site.activated();
  return { site, page };
}

/** What the OS shows for the site, as a new page of it sees it. */
async function osNotifications(site) {
  const page = await site.open();
  try {
    return await call(page, 'notifications');
  } finally {
    await page.close();
  }
}

describe('a push while a page is open', () => {
  test('reaches the store once, also when the same id came over SSE, and no OS notification is shown', async () => {
    const { site, page } = await optedIn();
    site.server.publish(site.channel, [{ id: 'both', title: 'Over SSE and push', createdAt: Date.now() }]);
    await until(() => call(page, 'ids').then((ids) => ids.includes('both')), { message: () => 'SSE never delivered' });
    const cursor = await call(page, 'cursor');

    await site.deliver({ id: 'both', title: 'Over SSE and push' });
    await site.deliver({ id: 'only-push', title: 'Only by push', body: 'relayed' });
    await site.deliver({ id: 'only-push', title: 'Only by push', body: 'relayed' });
    await site.handled('"both"');
    await until(async () => (await site.probes()).filter((p) => p.type === 'handled' && p.data.includes('only-push')).length === 2);
    await until(() => call(page, 'ids').then((ids) => ids.includes('only-push')), { message: () => 'the push was never relayed' });

    const ids = await call(page, 'ids');
    assert.equal(ids.filter((id) => id === 'both').length, 1);
    assert.equal(ids.filter((id) => id === 'only-push').length, 1);
    assert.equal((await call(page, 'item', 'only-push')).body, 'relayed');
    assert.deepEqual((await call(page, 'toasted')).filter((id) => id === 'both' || id === 'only-push'), ['both', 'only-push'], 'one toast each');
    assert.equal(await call(page, 'cursor'), cursor, 'a relayed push does not move the SSE cursor');
    // The worker finished both pushes (handled): nothing was shown, the page toasted instead.
    assert.deepEqual((await site.probes()).filter((p) => p.type === 'shown'), []);
    assert.deepEqual(await osNotifications(site), []);
    await site.close();
  });

  test('no OS notification while the open page is visible but not focused', async () => {
    const { site, page } = await optedIn();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
    const front = await browser.context.newPage();
    try {
      const clients = await until(async () => {
        const list = await site.clients();
        return list.length === 1 && !list[0].focused && list;
      }, { message: () => 'the page never lost focus' });
      assert.equal(clients[0].visibilityState, 'visible');
      await site.deliver({ id: 'unfocused', title: 'While unfocused' });
      await site.handled('unfocused');
      await until(() => call(page, 'ids').then((ids) => ids.includes('unfocused')));
      assert.deepEqual((await site.probes()).filter((p) => p.type === 'shown'), []);
    } finally {
      await front.close();
      await cdp.detach();
    }
    assert.deepEqual(await osNotifications(site), []);
    await site.close();
  });

  test('bad payloads are never shown and are reported to the page', async () => {
    const { site, page } = await optedIn();
    const bad = ['not json {', JSON.stringify({ id: 'no-title' }), JSON.stringify({ id: 'bad-date', title: 'x', createdAt: 'yesterday-ish' }), JSON.stringify([1, 2])];
    for (const data of bad) await site.deliver(data);
    await until(async () => (await site.probes()).filter((p) => p.type === 'handled').length === bad.length, { message: () => 'not every bad push was handled' });
    await until(() => call(page, 'errors').then((errors) => errors.length >= bad.length), { message: () => 'the page was not told of every bad push' });
    const errors = await call(page, 'errors');
    assert.ok(errors.every((e) => /web push/.test(e.message)), JSON.stringify(errors));
    assert.deepEqual(await call(page, 'ids'), []);
    assert.deepEqual((await site.probes()).filter((p) => p.type === 'shown'), []);
    assert.deepEqual(await osNotifications(site), []);
    await site.close();
  });
});

describe('a push while no page is open', () => {
  test('wakes the worker and shows one OS notification with the title, body and tag; a second push of the id shows nothing new', async () => {
    const { site } = await optedIn();
    await site.closePages();
    await site.stopWorker();
    await site.deliver({ id: 'closed-1', title: 'While closed', body: 'Your build passed', url: '/builds/1' });
    const handled = await site.handled('closed-1');
    assert.equal(handled.outcome, 'ok');
    const shown = await osNotifications(site);
    assert.equal(shown.length, 1);
    assert.equal(shown[0].title, 'While closed');
    assert.equal(shown[0].tag, 'closed-1');
    assert.equal(shown[0].body, 'Your build passed');
    assert.deepEqual(shown[0].data, { id: 'closed-1', url: '/builds/1' });

    await site.closePages();
    await site.deliver({ id: 'closed-1', title: 'The same id again' });
    await until(async () => (await site.probes()).filter((p) => p.type === 'handled' && p.data.includes('closed-1')).length >= 1 && (await site.probes()).some((p) => p.data?.includes('The same id again')));
    const again = await osNotifications(site);
    assert.deepEqual(again.map((n) => [n.tag, n.title]), [['closed-1', 'While closed']], 'not shown again, not replaced');
    await site.close();
  });

  test('pushes arriving together are each shown once, and never again', async () => {
    const { site } = await optedIn();
    await site.closePages();
    const ids = ['together-1', 'together-2', 'together-3'];
    const deliverAll = () => Promise.all(ids.map((id) => site.deliver({ id, title: `Together ${id}` })));
    await deliverAll();
    await until(async () => (await site.probes()).filter((p) => p.type === 'handled').length === 3, { message: () => 'not every push was handled' });
    await deliverAll();
    await until(async () => (await site.probes()).filter((p) => p.type === 'handled').length === 6, { message: () => 'not every second push was handled' });
    const shown = (await site.probes()).filter((p) => p.type === 'shown').map((p) => p.tag);
    assert.deepEqual(shown.sort(), ids, 'each id shown once');
    assert.deepEqual((await osNotifications(site)).map((n) => n.tag).sort(), ids);
    await site.close();
  });

  test('bad payloads are not shown; a javascript: URL never reaches the notification', async () => {
    const { site } = await optedIn();
    await site.closePages();
    for (const data of ['{"id":', JSON.stringify({ title: 'no id' })]) await site.deliver(data);
    await site.deliver({ id: 'js-url', title: 'With a javascript: URL', url: 'javascript:alert(1)' });
    await site.handled('js-url');
    await until(async () => (await site.probes()).filter((p) => p.type === 'handled').length === 3);
    const shown = await osNotifications(site);
    // The URL rule drops the URL, as the page does: a click then opens defaultUrl.
    assert.deepEqual(shown.map((n) => [n.tag, n.data.id, n.data.url]), [['js-url', 'js-url', undefined]]);
    await site.close();
  });

  test('a topic whose desktop preference is off is not shown', async () => {
    const { site } = await optedIn('builds', { topics: 'builds,billing' });
    await site.closePages();
    await site.deliver({ id: 'quiet', title: 'Off topic', topic: 'billing' });
    await site.deliver({ id: 'loud', title: 'On topic', topic: 'builds' });
    await site.handled('quiet');
    await site.handled('loud');
    assert.deepEqual((await osNotifications(site)).map((n) => n.tag), ['loud']);
    await site.close();
  });
});
