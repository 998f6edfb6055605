// Web Push opt-in in real Chromium (node --test test/push/): the desktop toggles of
// <notif-preferences> drive webPush(); the real pushManager.subscribe() succeeds against the
// fake registration service (test/servers/webpush/fake-gcm.cjs) in a persistent profile.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { call, startBrowser, until } from './harness.mjs';

let browser;
before(async () => {
  browser = await startBrowser();
  // Every call of Notification.requestPermission, with whether a click or key press was active.
  await browser.context.addInitScript(() => {
    const { Notification } = globalThis;
    const request = Notification.requestPermission.bind(Notification);
    globalThis.permissionRequests = [];
    Notification.requestPermission = (...args) => {
      globalThis.permissionRequests.push({ duringGesture: navigator.userActivation.isActive });
      return request(...args);
    };
  });
});
after(() => browser?.close());

const requests = (page) => page.evaluate(() => globalThis.permissionRequests);
const toggle = (page, topic) => page.locator(`notif-preferences input[data-channel="desktop"][data-topic="${topic}"]`);
const status = (page) => page.locator('notif-preferences [part="status"]');
const state = (page, expected) => until(() => call(page, 'state').then((s) => s === expected), { message: () => `$state never became ${expected}`, timeout: 20_000 });

describe('opt-in', () => {
  test('nothing is requested on load, even with a topic whose desktop channel is on by default', async () => {
    const site = await browser.site();
    const page = await site.open({ topics: 'builds,security', desktop: 'security' });
    await until(() => call(page, 'status').then((s) => s === 'open'));
    assert.deepEqual(await requests(page), []);
    assert.equal(await call(page, 'permission'), 'default');
    assert.equal(await call(page, 'state'), 'default');
    assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0, 'no worker registered');
    assert.deepEqual(await call(page, 'subscribes'), []);
    await site.close();
  });

  test('the click asks once, inside the gesture; refused, the toggle stays off and nothing is asked again', async () => {
    const site = await browser.site();
    const page = await site.open({ topics: 'builds' });
    await toggle(page, 'builds').click();
    // Headless Chromium answers a permission prompt with "denied".
    await until(() => call(page, 'permission').then((p) => p !== 'default'));
    assert.deepEqual(await requests(page), [{ duringGesture: true }]);
    await toggle(page, 'builds').click();
    assert.equal((await requests(page)).length, 1, 'denied is never asked again');
    assert.equal(await toggle(page, 'builds').isChecked(), false);
    assert.equal(await status(page).getAttribute('data-permission'), 'denied');
    assert.equal((await status(page).textContent()).trim(), await call(page, 'blockedText'));
    await state(page, 'denied');
    assert.deepEqual(await call(page, 'subscribes'), []);
    await site.close();
  });

  test('denied in the browser: the panel says so on load, and the toggle asks nothing', async () => {
    const site = await browser.site();
    await site.deny();
    const page = await site.open({ topics: 'builds' });
    assert.equal(await status(page).getAttribute('data-permission'), 'denied');
    assert.equal((await status(page).textContent()).trim(), await call(page, 'blockedText'));
    assert.equal(await call(page, 'state'), 'denied');
    await toggle(page, 'builds').click();
    assert.deepEqual(await requests(page), []);
    assert.equal(await toggle(page, 'builds').isChecked(), false);
    await site.close();
  });

  test('granted: the click subscribes (a real endpoint and keys, the topics); a closed page then gets the push as an OS notification; the last toggle off unsubscribes', async () => {
    const site = await browser.site();
    await site.grant();
    let page = await site.open({ topics: 'builds,billing' });
    await toggle(page, 'builds').click();
    await state(page, 'subscribed');
    const [first] = await call(page, 'subscribes');
    assert.match(first.subscription.endpoint, /^https:\/\/\S+\/fake-[\w-]+$/, 'the endpoint ends with the token the registration service gave');
    assert.equal(Buffer.from(first.subscription.keys.p256dh, 'base64url').length, 65, 'p256dh: an uncompressed P-256 point');
    assert.equal(Buffer.from(first.subscription.keys.auth, 'base64url').length, 16, 'auth: 16 bytes');
    assert.deepEqual(first.topics, ['builds']);
    assert.deepEqual(await call(page, 'subscription'), first.subscription, 'the browser holds that subscription');
    const { publicKey } = await (await fetch(`${site.origin}/hub/${site.channel}/push/key`)).json();
    const registered = browser.gcm.log.filter((entry) => entry.token && first.subscription.endpoint.endsWith(entry.token));
    assert.equal(registered.length, 1);
    assert.equal(registered[0].form.sender, publicKey, 'subscribed with the hub’s VAPID key');
    assert.deepEqual((await site.server.pushLog(site.channel)).subscriptions, [{ endpoint: first.subscription.endpoint, topics: ['builds'] }]);
    assert.deepEqual(await requests(page), [], 'granted already: no prompt');

    // Every page closed: the push (as the hub would send it) wakes the worker and shows.
    await site.closePages();
    await site.deliver({ type: 'notification', id: 'after-opt-in', title: 'Build 42 passed', topic: 'builds' });
    await site.handled('after-opt-in');
    page = await site.open({ topics: 'builds,billing' });
    assert.deepEqual((await call(page, 'notifications')).map((n) => [n.tag, n.title]), [['after-opt-in', 'Build 42 passed']]);
    await state(page, 'subscribed');

    // A second topic: subscribe again with both, the same endpoint.
    await toggle(page, 'billing').click();
    await until(async () => (await call(page, 'subscribes')).some((s) => s.topics.length === 2), { message: () => 'subscribe was not called with both topics' });
    const both = (await call(page, 'subscribes')).at(-1);
    assert.deepEqual(both.topics, ['billing', 'builds']);
    assert.equal(both.subscription.endpoint, first.subscription.endpoint);
    await until(async () => (await site.server.pushLog(site.channel)).subscriptions[0]?.topics.length === 2);

    // One off: still subscribed for the other. The last off: unsubscribed.
    await toggle(page, 'builds').click();
    await until(async () => (await call(page, 'subscribes')).at(-1).topics.join() === 'billing');
    assert.deepEqual(await call(page, 'unsubscribes'), []);
    await toggle(page, 'billing').click();
    await state(page, 'default');
    const unsubscribed = await call(page, 'unsubscribes');
    assert.equal(unsubscribed.length, 1);
    assert.equal(unsubscribed[0].endpoint, first.subscription.endpoint);
    assert.equal(await call(page, 'subscription'), null, 'getSubscription() is null');
    assert.deepEqual((await site.server.pushLog(site.channel)).subscriptions, []);
    assert.deepEqual(page.errors, []);
    await site.close();
  });
});
