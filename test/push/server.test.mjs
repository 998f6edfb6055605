// The sending half (server/hub/webpush.js, the `web-push` package) against a local HTTPS
// push endpoint that decrypts each body (aes128gcm, RFC 8291) and checks the VAPID JWT
// (RFC 8292), with subscriptions whose private keys the test holds. No browser.
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { Agent, createServer as createHttpsServer } from 'node:https';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import webpush from 'web-push';
import { createHub } from '../../server/hub/index.js';
import { selfSigned } from '../servers/webpush/self-signed.mjs';

const require = createRequire(import.meta.url);
const { fakeSubscription, decryptAes128gcm, verifyVapid } = require('../servers/webpush/push-crypto.cjs');

const tls = selfSigned();
const vapid = webpush.generateVAPIDKeys();
/** @type {{ path: string, headers: import('node:http').IncomingHttpHeaders, body: Buffer }[]} */
let received = [];
/** Answers by endpoint path (default 201, as push services do). */
const answers = new Map();
let push;
let hub;
let hubServer;
let hubOrigin;

before(async () => {
  push = createHttpsServer(tls, (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(answers.get(req.url) ?? 201).end();
    });
  });
  await new Promise((resolve) => push.listen(0, '127.0.0.1', resolve));
  hub = createHub({ webPush: { vapid, agent: new Agent({ ca: tls.cert }) } });
  hubServer = createServer((req, res) => hub.middleware(req, res));
  await new Promise((resolve) => hubServer.listen(0, '127.0.0.1', resolve));
  hubOrigin = `http://127.0.0.1:${hubServer.address().port}`;
});
after(async () => {
  hub?.close();
  hubServer?.closeAllConnections();
  await new Promise((resolve) => hubServer?.close(resolve));
  push?.closeAllConnections();
  await new Promise((resolve) => push?.close(resolve));
});

const endpoint = (path) => `https://127.0.0.1:${push.address().port}${path}`;
let channels = 0;
const newChannel = () => `server-${++channels}`;
const post = (channel, action, body) =>
  fetch(`${hubOrigin}/hub/${channel}/push/${action}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
async function subscribe(channel, path, topics) {
  const fake = fakeSubscription(endpoint(path));
  const response = await post(channel, 'subscribe', { subscription: fake.subscription, topics });
  assert.equal(response.status, 204);
  return fake;
}
const log = async (channel) => (await fetch(`${hubOrigin}/hub/${channel}/push/log`)).json();
/** Publishes on the hub and waits for every push service's answer. */
async function publish(channel, frames) {
  hub.control(channel, { action: 'publish', frames });
  await hub.webPush.idle();
}
const to = (path) => received.filter((r) => r.path === path);
const decrypt = (request, fake) => JSON.parse(decryptAes128gcm(request.body, fake.ecdh, fake.auth).plaintext.toString('utf8'));

describe('the hub sends Web Push', () => {
  test('serves its VAPID public key', async () => {
    const answer = await (await fetch(`${hubOrigin}/hub/${newChannel()}/push/key`)).json();
    assert.deepEqual(answer, { publicKey: vapid.publicKey });
  });

  test('each notification goes, encrypted and signed, to the endpoints subscribed to its topic (no topic: default)', async () => {
    received = [];
    const channel = newChannel();
    const builds = await subscribe(channel, '/p/builds', ['builds']);
    const fallback = await subscribe(channel, '/p/default', ['default', 'billing']);
    await subscribe(channel, '/p/security', ['security']);
    const started = Math.floor(Date.now() / 1000);
    await publish(channel, [
      { id: 'b1', title: 'Build 1 passed', body: 'main, 3 min', topic: 'builds', priority: 'high', createdAt: 1_700_000_000_000 },
      { id: 'd1', title: 'Without a topic' },
      { type: 'read', ids: ['b1'] },
      'not json {',
    ]);

    assert.equal(to('/p/builds').length, 1);
    assert.deepEqual(decrypt(to('/p/builds')[0], builds), { id: 'b1', title: 'Build 1 passed', body: 'main, 3 min', topic: 'builds', priority: 'high', createdAt: 1_700_000_000_000, type: 'notification' });
    assert.equal(to('/p/default').length, 1);
    assert.deepEqual(decrypt(to('/p/default')[0], fallback), { id: 'd1', title: 'Without a topic', type: 'notification' });
    assert.equal(to('/p/security').length, 0, 'no notification of its topic');

    const { headers } = to('/p/builds')[0];
    assert.equal(headers['content-encoding'], 'aes128gcm');
    assert.equal(headers.ttl, '86400');
    assert.equal(headers.urgency, 'high');
    const jwt = verifyVapid(headers.authorization, vapid.publicKey);
    assert.equal(jwt.signatureOk, true, 'ES256 signature');
    assert.equal(jwt.keyMatches, true, 'k= is the public key the pages subscribe with');
    assert.equal(jwt.header.alg, 'ES256');
    assert.equal(jwt.claims.aud, new URL(endpoint('/')).origin, 'aud: the push service origin');
    assert.ok(jwt.claims.exp > started && jwt.claims.exp <= started + 24 * 3600 + 5, 'exp within 24 h');
    assert.match(jwt.claims.sub, /^mailto:/);
    assert.deepEqual(
      (await log(channel)).sent.map((s) => [s.id, s.status]),
      [
        ['b1', 201],
        ['d1', 201],
      ],
    );
  });

  test('a 410 or 404 deletes the subscription (no more sends); another error keeps it', async () => {
    received = [];
    const channel = newChannel();
    answers.set('/p/gone', 410).set('/p/unknown', 404).set('/p/busy', 503);
    for (const path of ['/p/gone', '/p/unknown', '/p/busy']) await subscribe(channel, path, ['default']);
    await publish(channel, [{ id: 'first', title: 'First' }]);
    const { subscriptions, sent } = await log(channel);
    assert.deepEqual(subscriptions.map((s) => s.endpoint), [endpoint('/p/busy')]);
    assert.deepEqual(sent.map((s) => [new URL(s.endpoint).pathname, s.status, s.deleted ?? false]), [
      ['/p/gone', 410, true],
      ['/p/unknown', 404, true],
      ['/p/busy', 503, false],
    ]);
    await publish(channel, [{ id: 'second', title: 'Second' }]);
    assert.deepEqual(received.filter((r) => r.path !== '/p/busy').length, 2, 'the deleted ones got only the first');
    assert.equal(to('/p/busy').length, 2);
  });

  test('a notification over the 4 KiB limit goes out without body, data and actions; the body stays within 4,096 bytes', async () => {
    received = [];
    const channel = newChannel();
    const fake = await subscribe(channel, '/p/size', ['default']);
    const base = { id: 'fits', title: 'Exactly at the limit', url: '/inbox/1' };
    const overhead = Buffer.byteLength(JSON.stringify({ ...base, body: '', type: 'notification' }));
    const atLimit = { ...base, body: 'x'.repeat(3993 - overhead) };
    const over = { ...base, id: 'over', body: 'x'.repeat(3994 - overhead), data: { note: 'big' }, actions: [{ id: 'a', label: 'Open' }], topic: 'default', priority: 'low' };
    await publish(channel, [atLimit, over]);
    const [full, trimmed] = to('/p/size');
    assert.equal(full.body.length, 4096, '3,993 bytes of JSON make the largest body push services take');
    assert.deepEqual(decrypt(full, fake), { ...atLimit, type: 'notification' });
    assert.ok(trimmed.body.length <= 4096);
    assert.deepEqual(decrypt(trimmed, fake), { type: 'notification', id: 'over', title: 'Exactly at the limit', url: '/inbox/1', topic: 'default', priority: 'low' });
    assert.deepEqual((await log(channel)).sent.map((s) => [s.id, s.trimmed]), [
      ['fits', false],
      ['over', true],
    ]);
  });

  test('subscribe refuses what is not a push subscription; unsubscribe forgets one', async () => {
    const channel = newChannel();
    assert.equal((await post(channel, 'subscribe', { subscription: { endpoint: 'http://plain.example/x', keys: { p256dh: 'a', auth: 'b' } }, topics: ['default'] })).status, 400);
    assert.equal((await post(channel, 'subscribe', { topics: ['default'] })).status, 400);
    const fake = await subscribe(channel, '/p/leaving', ['default']);
    assert.equal((await log(channel)).subscriptions.length, 1);
    assert.equal((await post(channel, 'unsubscribe', { subscription: fake.subscription })).status, 204);
    assert.deepEqual((await log(channel)).subscriptions, []);
  });
});

describe('VAPID keys', () => {
  test('are generated on first start into the key file, and read from it afterwards', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'notif-vapid-'));
    try {
      const keyFile = join(dir, 'keys', 'vapid.json');
      const first = createHub({ webPush: { keyFile } });
      const second = createHub({ webPush: { keyFile } });
      assert.match(first.webPush.publicKey, /^[\w-]{87}$/, 'a base64url P-256 public key');
      assert.equal(second.webPush.publicKey, first.webPush.publicKey);
      assert.equal((await stat(keyFile)).mode & 0o077, 0, 'readable by its owner only');
      first.close();
      second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
