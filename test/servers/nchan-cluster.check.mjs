// Checks the deploy/nchan config on a real two-node cluster (nginx + Nchan +
// one Redis, test/servers/nchan-cluster.js) from Node: what a client
// transport will rely on, and the traps of NCHAN.md. Prints what it measured;
// exits 1 if any check fails.
//
//   node test/servers/nchan-cluster.check.mjs          # about 5 s
//   node test/servers/nchan-cluster.check.mjs --slow   # also waits for an SSE ping (20 s)

import http from 'node:http';
import WebSocket from 'ws';
import { startNchanCluster } from './nchan-cluster.js';

const slow = process.argv.includes('--slow');

/** @type {{ name: string, ok: boolean, detail: string }[]} */
const results = [];
/** @type {string[]} */
const measured = [];

/**
 * @param {string} name
 * @param {() => Promise<string | void>} fn  returns a detail line; throws to fail
 * @param {number} [limitMs]
 */
async function check(name, fn, limitMs = 15_000) {
  try {
    const detail = await withTimeout(fn(), limitMs, `timed out after ${limitMs / 1000} s`);
    results.push({ name, ok: true, detail: detail ?? '' });
  } catch (error) {
    results.push({ name, ok: false, detail: error instanceof Error ? error.message : String(error) });
  }
}

/** @param {unknown} condition @param {string} message @returns {asserts condition} */
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** @param {unknown} a @param {unknown} b @param {string} what */
function assertEqual(a, b, what) {
  const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
  if (x !== y) throw new Error(`${what}: got ${x}, expected ${y}`);
}

// ---------------------------------------------------------------------------

const tStart = performance.now();
const cluster = await startNchanCluster({ nodes: 2 });
const startMs = performance.now() - tStart;
const [A, B] = /** @type {[import('./nchan-cluster.js').NchanNode, import('./nchan-cluster.js').NchanNode]} */ (cluster.nodes);
const ws = (/** @type {string} */ url) => url.replace(/^http/, 'ws');
const as = (/** @type {string} */ user) => ({ 'x-user': user });
measured.push(
  `cluster start: ${ms(startMs)} total (redis ready ${ms(cluster.timings.redisMs)}, both nginx nodes ready ${ms(cluster.timings.nodesMs)}); ` +
    cluster.nodes.map((n) => `node ${n.index}: port open ${ms(n.timings.portMs)}, first publish ${ms(n.timings.publishMs)}, all workers on Redis ${ms(n.timings.readyMs)}`).join('; '),
);

try {
  /** @type {string[]} */
  let burstIds = [];
  /** @type {unknown[]} */
  let burstBodies = [];

  await check('SSE on node A gets a published burst, with the ids Nchan gave', async () => {
    const sub = await openSse(`${A.url}/sub/alice`, as('alice'));
    assertEqual(sub.status, 200, 'status');
    assertEqual(sub.headers.get('content-type'), 'text/event-stream; charset=utf-8', 'content-type');
    const t = performance.now();
    const first = await cluster.publish('alice', { id: 'a0', title: 'burst 0' }, { node: 1 });
    const ev0 = await sub.next(2000);
    measured.push(`publish on B → SSE event on A: ${ms(performance.now() - t)} (publish answered ${first.status} in ${ms(first.ms)})`);
    burstIds = [/** @type {string} */ (first.id)];
    burstBodies = [{ id: 'a0', title: 'burst 0' }];
    const statuses = [first.status];
    for (let i = 1; i < 10; i++) {
      const body = { id: `a${i}`, title: `burst ${i}` };
      const res = await cluster.publish('alice', body, { node: i % 2 });
      assert(res.status === 201 || res.status === 202, `publish ${i} answered ${res.status}`);
      statuses.push(res.status);
      burstIds.push(/** @type {string} */ (res.id));
      burstBodies.push(body);
    }
    measured.push(`publish answers during the burst (201 = a subscriber, 202 = none): ${statuses.join(' ')}`);
    const events = [ev0];
    for (let i = 1; i < 10; i++) events.push(await sub.next(2000));
    sub.close();
    assertEqual(events.map((e) => e?.id), burstIds, 'SSE ids');
    assertEqual(events.map((e) => JSON.parse(e?.data ?? 'null')), burstBodies, 'SSE data');
    assert(burstIds.every((id) => /^\d+:\d+$/.test(id)), `ids look like <unix seconds>:<n>: ${burstIds.join(' ')}`);
    return `10 events, ids ${burstIds[0]} … ${burstIds[9]}, same ids as the publish answers`;
  });

  await check('resume on node B with Last-Event-ID gets exactly the rest, no duplicates', async () => {
    const t = performance.now();
    const sub = await openSse(`${B.url}/sub/alice`, { ...as('alice'), 'last-event-id': /** @type {string} */ (burstIds[3]) });
    const got = await sub.collect(6, 2000, 0);
    measured.push(`resume on B (connect + 6 buffered events): ${ms(performance.now() - t)}`);
    for (let ev = await sub.next(300); ev; ev = await sub.next(300)) got.push(ev);
    sub.close();
    assertEqual(got.map((e) => e.id), burstIds.slice(4), 'resumed ids (and nothing after them within 300 ms)');
    return `after ${burstIds[3]}: ${got.length} events, ${burstIds[4]} … ${burstIds[9]}`;
  });

  await check('resume with ?lastEventId= (native EventSource, URL-encoded) gets the same rest', async () => {
    const sub = await openSse(`${B.url}/sub/alice?lastEventId=${encodeURIComponent(/** @type {string} */ (burstIds[6]))}`, as('alice'));
    const got = await sub.collect(3, 2000, 300);
    sub.close();
    assertEqual(got.map((e) => e.id), burstIds.slice(7), 'resumed ids');
    return `after ${burstIds[6]}: ${got.map((e) => e.id).join(' ')}`;
  });

  await check('WebSocket ws+meta.nchan: frames "id: <id>\\ncontent-type: …\\n\\n<payload>", resumes from ?lastEventId=', async () => {
    const sock = await openWs(`${ws(A.url)}/sub/alice?lastEventId=${encodeURIComponent(/** @type {string} */ (burstIds[7]))}`, as('alice'), ['ws+meta.nchan']);
    assertEqual(sock.protocol, 'ws+meta.nchan', 'negotiated subprotocol');
    const frames = [await sock.next(2000), await sock.next(2000)];
    const parsed = frames.map((f) => parseMetaFrame(/** @type {string} */ (f)));
    assertEqual(parsed.map((p) => p.id), burstIds.slice(8), 'frame ids');
    assertEqual(parsed.map((p) => p.contentType), ['application/json', 'application/json'], 'frame content types');
    assertEqual(parsed.map((p) => JSON.parse(p.payload)), burstBodies.slice(8), 'frame payloads');
    sock.close(1000);
    return `frame: ${JSON.stringify(frames[0])}`;
  });

  await check('WebSocket without the subprotocol: ?lastEventId= still resumes, but frames carry no id', async () => {
    const sock = await openWs(`${ws(B.url)}/sub/alice?lastEventId=${encodeURIComponent(/** @type {string} */ (burstIds[8]))}`, as('alice'), []);
    assertEqual(sock.protocol, '', 'negotiated subprotocol');
    const frame = await sock.next(2000);
    const extra = await sock.next(300);
    sock.close(1000);
    assertEqual(frame === undefined ? undefined : JSON.parse(frame), burstBodies[9], 'the one frame after the cursor: the bare payload');
    assert(extra === undefined, `more frames: ${JSON.stringify(extra)}`);
    return `after ${burstIds[8]}: ${JSON.stringify(frame)} (NCHAN.md expected the whole buffer here)`;
  });

  await check('WebSocket heartbeat: {"type":"ping"} answered {"type":"pong"}; other text frames dropped, never 1008', async () => {
    const before = await channelInfo(A, 'alice');
    const sock = await openWs(`${ws(A.url)}/sub/alice?lastEventId=${encodeURIComponent(/** @type {string} */ (burstIds[9]))}`, as('alice'), ['ws+meta.nchan']);
    const t = performance.now();
    sock.send('{"type":"ping"}');
    const pong = await sock.next(2000);
    const pongMs = performance.now() - t;
    assertEqual(pong, '{"type":"pong"}', 'answer to the heartbeat');
    sock.send('{"type":"notification","id":"forged","title":"from a subscriber"}');
    sock.send('hello');
    const extra = await sock.next(500);
    assert(extra === undefined, `a dropped frame produced ${JSON.stringify(extra)}`);
    assert(sock.closed === undefined, `closed: ${JSON.stringify(sock.closed)}`);
    sock.send('{"type":"ping"}');
    assertEqual(await sock.next(2000), '{"type":"pong"}', 'second heartbeat');
    const res = await cluster.publish('alice', { id: 'a10', title: 'after the pings' });
    const frame = parseMetaFrame(/** @type {string} */ (await sock.next(2000)));
    assertEqual(frame.id, res.id, 'a message after the pings still arrives');
    const after = await channelInfo(A, 'alice');
    assertEqual(after.messages - before.messages, 1, 'messages added to the channel (only the real publish)');
    sock.close(1000);
    burstIds.push(/** @type {string} */ (res.id));
    return `pong in ${ms(pongMs)}; 2 other frames dropped (channel grew by 1 message: the real publish); socket open`;
  });

  await check('long-poll: several pending messages in one raw answer, cursor in Etag; then held until the next one', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await cluster.publish('dave', { id: `d${i}`, title: `lp ${i}` })).id);
    const res = await longPoll(`${A.url}/sub/dave`, as('dave'), 2000);
    assert(res !== 'timeout', 'first long-poll timed out');
    assertEqual(res.status, 200, 'status');
    assertEqual(res.headers.get('etag'), ids[2], 'Etag (the whole id of the last message)');
    assertEqual(res.headers.get('last-modified'), null, 'Last-Modified (compound etag: none)');
    const lines = res.body.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    assertEqual(lines, [0, 1, 2].map((i) => ({ id: `d${i}`, title: `lp ${i}` })), 'one message per line');
    const multiType = res.headers.get('content-type');
    // Held: nothing pending after the Etag cursor, so no headers at all until a message arrives.
    const held = longPoll(`${B.url}/sub/dave?lastEventId=${encodeURIComponent(/** @type {string} */ (res.headers.get('etag')))}`, as('dave'), 3000);
    await sleep(300);
    const t = performance.now();
    const next = await cluster.publish('dave', { id: 'd3', title: 'lp 3' });
    const res2 = await held;
    assert(res2 !== 'timeout', 'held long-poll never answered');
    const latency = performance.now() - t;
    assertEqual(res2.headers.get('etag'), next.id, 'Etag of the held answer');
    assertEqual(JSON.parse(res2.body), { id: 'd3', title: 'lp 3' }, 'held answer body');
    const singleType = res2.headers.get('content-type');
    const none = await longPoll(`${A.url}/sub/dave?lastEventId=${encodeURIComponent(/** @type {string} */ (next.id))}`, as('dave'), 400);
    assert(none === 'timeout', 'a request at the newest cursor answered instead of holding');
    measured.push(`long-poll held 300 ms, then publish → answer: ${ms(latency)}`);
    return `Etag ${ids[2]}; 3 lines in one answer (Content-Type ${multiType ?? 'absent'}); a single message comes as Content-Type ${singleType}; held request sends no headers until a message`;
  });

  await check('authorization: 401 without a user, 403 for another person, on every transport', async () => {
    const lp401 = await longPoll(`${A.url}/sub/alice`, {}, 2000);
    const lp403 = await longPoll(`${A.url}/sub/alice`, as('bob'), 2000);
    const sse403 = await openSse(`${A.url}/sub/alice`, as('bob'));
    sse403.close();
    const ws403 = await openWs(`${ws(A.url)}/sub/alice`, as('bob'), ['ws+meta.nchan']).then(
      (s) => (s.close(), 'opened'),
      (/** @type {Error & { status?: number }} */ e) => e.status,
    );
    const cookieOk = await longPoll(`${A.url}/sub/alice?lastEventId=${encodeURIComponent(/** @type {string} */ (burstIds.at(-2)))}`, { cookie: 'user=alice' }, 2000);
    const bobOwn = await openSse(`${B.url}/sub/bob`, as('bob'));
    bobOwn.close();
    assertEqual(lp401 !== 'timeout' && lp401.status, 401, 'long-poll without a user');
    assertEqual(lp403 !== 'timeout' && lp403.status, 403, 'long-poll as bob on /sub/alice');
    assertEqual(sse403.status, 403, 'SSE as bob on /sub/alice');
    assertEqual(ws403, 403, 'WebSocket as bob on /sub/alice');
    assertEqual(cookieOk !== 'timeout' && cookieOk.status, 200, 'long-poll with cookie user=alice');
    assertEqual(bobOwn.status, 200, 'SSE as bob on /sub/bob');
    const calls = cluster.authCalls.filter((c) => c.user === 'bob' && c.channel === 'alice');
    assertEqual([...new Set(calls.map((c) => c.type))].sort(), ['eventsource', 'longpoll', 'websocket'], 'subscriber types the app was asked about');
    return `401/403/403/403 as expected; the app saw X-Channel-Id and X-Subscriber-Type (${cluster.authCalls.length} auth calls so far)`;
  });

  await check('only the page origin, only app servers publish, no publishing through /sub, 64 KiB cap', async () => {
    const good = await longPoll(`${A.url}/sub/alice?lastEventId=${encodeURIComponent(/** @type {string} */ (burstIds.at(-2)))}`, { ...as('alice'), origin: 'http://127.0.0.1' }, 2000);
    const evil = await longPoll(`${A.url}/sub/alice`, { ...as('alice'), origin: 'https://evil.example' }, 2000);
    const evilWs = await openWs(`${ws(A.url)}/sub/alice`, { ...as('alice'), origin: 'https://evil.example' }, ['ws+meta.nchan']).then(
      (s) => (s.close(), 'opened'),
      (/** @type {Error & { status?: number }} */ e) => e.status,
    );
    const preflight = await fetch(`${A.url}/sub/alice`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1', 'access-control-request-method': 'GET', 'access-control-request-headers': 'last-event-id' },
    });
    const allowHeaders = preflight.headers.get('access-control-allow-headers') ?? '';
    const postSub = await fetch(`${A.url}/sub/alice`, { method: 'POST', headers: { ...as('alice'), 'content-type': 'application/json' }, body: '{"id":"x","title":"forged"}' });
    const fromOtherIp = await requestFrom('127.0.0.2', A.port, 'POST', '/pub/alice', '{"id":"x","title":"forged"}');
    const big = await cluster.publish('alice', JSON.stringify({ id: 'big', title: 'x'.repeat(70_000) }));
    assertEqual(good !== 'timeout' && good.status, 200, 'Origin http://127.0.0.1');
    assertEqual(good !== 'timeout' && good.headers.get('access-control-allow-origin'), 'http://127.0.0.1', 'Access-Control-Allow-Origin');
    assertEqual(evil !== 'timeout' && evil.status, 403, 'Origin https://evil.example (long-poll)');
    assertEqual(evilWs, 403, 'Origin https://evil.example (WebSocket)');
    assert(/last-event-id/i.test(allowHeaders), `preflight allows Last-Event-ID: ${allowHeaders}`);
    assertEqual(postSub.status, 403, 'POST /sub/alice');
    assertEqual(fromOtherIp, 403, 'POST /pub/alice from 127.0.0.2');
    assertEqual(big.status, 413, 'a 70 kB publish');
    return 'evil origin 403 (long-poll and WebSocket); POST /sub 403; /pub from 127.0.0.2 403; 70 kB publish 413';
  });

  await check('restart of node A (SIGTERM): SSE ":410" then EOF, WebSocket 1001, long-poll 410; resume on A after it', async () => {
    const last = /** @type {string} */ (burstIds.at(-1));
    const sse = await openSse(`${A.url}/sub/alice?lastEventId=${encodeURIComponent(last)}`, as('alice'));
    const sock = await openWs(`${ws(A.url)}/sub/alice?lastEventId=${encodeURIComponent(last)}`, as('alice'), ['ws+meta.nchan']);
    const lp = longPoll(`${A.url}/sub/alice?lastEventId=${encodeURIComponent(last)}`, as('alice'), 5000);
    await sleep(200);
    const t = performance.now();
    await A.kill('SIGTERM');
    const stopMs = performance.now() - t;
    const during = await cluster.publish('alice', { id: 'during', title: 'published while A restarts' }, { node: 1 });
    const timings = await A.start();
    const restartMs = performance.now() - t;
    await sse.ended;
    await sock.closedPromise;
    const lpRes = await lp;
    assert(/:410[^\n]*\n\n$/.test(sse.raw), `SSE tail: ${JSON.stringify(sse.raw.slice(-40))}`);
    assertEqual(sse.endedBy, 'EOF', 'SSE end');
    assertEqual(sock.closed?.code, 1001, 'WebSocket close code');
    assertEqual(lpRes !== 'timeout' && lpRes.status, 410, 'long-poll status');
    const again = await openSse(`${A.url}/sub/alice?lastEventId=${encodeURIComponent(last)}`, as('alice'));
    const resumed = await again.collect(1, 2000, 300);
    again.close();
    assertEqual(resumed.map((e) => e.id), [during.id], 'resumed on the restarted node');
    burstIds.push(/** @type {string} */ (during.id));
    measured.push(`restart node A: stop ${ms(stopMs)}, port open ${ms(timings.portMs)}, first publish ${ms(timings.publishMs)}, all workers on Redis ${ms(timings.readyMs)}, whole restart ${ms(restartMs)}`);
    return `SSE tail ${JSON.stringify(sse.raw.slice(sse.raw.lastIndexOf(':410')))}, WS ${sock.closed?.code} "${sock.closed?.reason}", long-poll ${lpRes !== 'timeout' && lpRes.status}; the message published meanwhile on B resumed on A`;
  });

  await check('crash of node A (SIGKILL master, then workers): SSE EOF without 410, WebSocket 1006, long-poll reset', async () => {
    const last = /** @type {string} */ (burstIds.at(-1));
    const sse = await openSse(`${A.url}/sub/alice?lastEventId=${encodeURIComponent(last)}`, as('alice'));
    const sock = await openWs(`${ws(A.url)}/sub/alice?lastEventId=${encodeURIComponent(last)}`, as('alice'), ['ws+meta.nchan']);
    const lp = longPoll(`${A.url}/sub/alice?lastEventId=${encodeURIComponent(last)}`, as('alice'), 5000).catch((/** @type {Error} */ e) => e);
    await sleep(200);
    await A.kill('SIGKILL');
    await sse.ended;
    await sock.closedPromise;
    const lpRes = await lp;
    const timings = await A.start();
    assert(!sse.raw.includes(':410'), 'SSE got a 410 comment from a crashed node?');
    assertEqual(sock.closed?.code, 1006, 'WebSocket close code');
    assert(lpRes instanceof Error, `long-poll: ${lpRes === 'timeout' ? 'timeout' : 'an answer'}`);
    measured.push(`start after a crash: port open ${ms(timings.portMs)}, first publish ${ms(timings.publishMs)}, all workers on Redis ${ms(timings.readyMs)}`);
    return `SSE ended by ${sse.endedBy}, WS ${sock.closed?.code}, long-poll ${/** @type {Error} */ (lpRes).message}; node back in ${ms(timings.readyMs)}`;
  });

  await check('a cursor older than the buffer replays the buffer, with no gap signal', async () => {
    const first = await cluster.publish('erin', { id: 'e0', title: 'soon evicted' });
    /** @type {string[]} */
    const ids = [];
    for (let i = 1; i <= 105; i++) ids.push(/** @type {string} */ ((await cluster.publish('erin', { id: `e${i}`, title: `e ${i}` })).id));
    const info = await channelInfo(A, 'erin');
    assertEqual(info.messages, 100, 'messages kept (nchan_message_buffer_length)');
    const sub = await openSse(`${B.url}/sub/erin`, { ...as('erin'), 'last-event-id': /** @type {string} */ (first.id) });
    const got = await sub.collect(100, 3000, 300);
    sub.close();
    assertEqual(got.map((e) => e.id), ids.slice(5), 'replayed ids: the buffer, from e6');
    assertEqual(sub.comments, [' hi'], 'SSE comments (no gap marker)');
    assert(got.every((e) => e.event === undefined), 'no special event');
    return `cursor ${first.id} (evicted): got e6 … e105, ${got.length} events, first id ${got[0]?.id}; nothing says e1 … e5 are gone`;
  });

  await check('other cursors (trap 5): malformed → the whole buffer; in the future → nothing', async () => {
    const bad = await openSse(`${A.url}/sub/erin?lastEventId=abc`, as('erin'));
    const all = await bad.collect(100, 3000, 300);
    bad.close();
    assertEqual(all.length, 100, 'events for a malformed cursor (nchan_subscriber_first_message oldest)');
    const future = `${Math.floor(Date.now() / 1000) + 3600}:0`;
    const fut = await openSse(`${A.url}/sub/erin?lastEventId=${encodeURIComponent(future)}`, as('erin'));
    await cluster.publish('erin', { id: 'e106', title: 'new' });
    const none = await fut.next(500);
    fut.close();
    assert(none === undefined, `a future cursor got ${JSON.stringify(none)}`);
    return `"abc": 100 buffered events; ${future}: nothing, not even a new message`;
  });

  await check('a cursor Nchan never issued gets the first message after it (nchan() resumes from just before its cursor)', async () => {
    /** @type {string[]} */
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(/** @type {string} */ ((await cluster.publish('gina', { id: `g${i}`, title: `g ${i}` })).id));
    const [time, tag] = /** @type {string} */ (ids[1]).split(':').map(Number);
    const before = /** @type {number} */ (tag) > 0 ? `${time}:${/** @type {number} */ (tag) - 1}` : `${/** @type {number} */ (time) - 1}:32767`;
    const sub = await openSse(`${B.url}/sub/gina`, { ...as('gina'), 'last-event-id': before });
    const got = await sub.collect(2, 2000, 300);
    sub.close();
    assertEqual(got.map((e) => e.id), ids.slice(1), `events after ${before}`);
    return `after ${before} (not an id Nchan gave): ${got.map((e) => e.id).join(' ')}, the cursor's own message first`;
  });

  await check('a node that just served a channel keeps more than the buffer for a while; another node has the newest 100', async () => {
    /** @type {string[]} */
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(/** @type {string} */ ((await cluster.publish('hank', { id: `h${i}`, title: `h ${i}` })).id));
    const first = await longPoll(`${A.url}/sub/hank`, as('hank'), 2000);
    assert(first !== 'timeout' && first.body.split('\n').filter(Boolean).length === 3, 'first long-poll on A');
    for (let i = 3; i < 108; i++) ids.push(/** @type {string} */ ((await cluster.publish('hank', { id: `h${i}`, title: `h ${i}` })).id));
    const cursor = encodeURIComponent(/** @type {string} */ (ids[2]));
    const onA = await longPoll(`${A.url}/sub/hank?lastEventId=${cursor}`, as('hank'), 2000);
    const onB = await longPoll(`${B.url}/sub/hank?lastEventId=${cursor}`, as('hank'), 2000);
    assert(onA !== 'timeout' && onB !== 'timeout', 'both answered');
    const linesA = onA.body.split('\n').filter(Boolean).map((l) => JSON.parse(l).id);
    const linesB = onB.body.split('\n').filter(Boolean).map((l) => JSON.parse(l).id);
    assertEqual([linesB.length, linesB[0]], [100, 'h8'], 'node B (Redis: the newest 100)');
    return `105 published after the cursor: node A (had a subscriber a moment ago) answered ${linesA.length} from ${linesA[0]}, node B ${linesB.length} from ${linesB[0]}`;
  });

  if (slow) {
    await check('SSE ping: a ":ping" comment within 20 s of silence', async () => {
      const sub = await openSse(`${A.url}/sub/frank`, as('frank'));
      const t = performance.now();
      while (!sub.comments.includes('ping')) {
        assert(performance.now() - t < 25_000, `no ping after 25 s: ${JSON.stringify(sub.raw)}`);
        await sleep(100);
      }
      sub.close();
      measured.push(`first SSE ping after ${ms(performance.now() - t)}`);
      return `raw ${JSON.stringify(sub.raw)}`;
    }, 30_000);
  }
} finally {
  const t = performance.now();
  await cluster.stop();
  measured.push(`cluster stop: ${ms(performance.now() - t)}`);
}

for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.detail ? `\n       ${r.detail}` : ''}`);
console.log('\nmeasured:');
for (const line of measured) console.log(`  ${line}`);
const failed = results.filter((r) => !r.ok).length;
console.log(`\n${results.length - failed} of ${results.length} checks passed`);
process.exitCode = failed ? 1 : 0;

// ---------------------------------------------------------------------------

/**
 * @typedef {{ id?: string, event?: string, data: string }} SseEvent
 */

/**
 * Opens an SSE stream with fetch and parses it as it comes.
 * @param {string} url @param {Record<string, string>} headers
 */
async function openSse(url, headers) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  /** @type {Queue<SseEvent>} */
  const queue = makeQueue();
  const stream = {
    status: res.status,
    headers: res.headers,
    raw: '',
    /** @type {string[]} */
    comments: [],
    /** @type {'EOF' | string | undefined} */
    endedBy: undefined,
    /** @type {Promise<void>} */
    ended: Promise.resolve(),
    /** @param {number} timeoutMs */
    next: (timeoutMs) => queue.next(timeoutMs),
    /**
     * Waits for `count` events, then `quietMs` more to catch extra ones.
     * @param {number} count @param {number} timeoutMs @param {number} quietMs
     */
    async collect(count, timeoutMs, quietMs) {
      /** @type {SseEvent[]} */
      const got = [];
      const deadline = performance.now() + timeoutMs;
      while (got.length < count) {
        const ev = await queue.next(Math.max(1, deadline - performance.now()));
        if (!ev) break;
        got.push(ev);
      }
      for (let ev = await queue.next(quietMs); ev; ev = await queue.next(quietMs)) got.push(ev);
      return got;
    },
    close: () => controller.abort(),
  };
  if (!res.body || res.status !== 200) {
    await res.body?.cancel();
    return stream;
  }
  const body = res.body;
  stream.ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        const text = decoder.decode(chunk, { stream: true });
        stream.raw += text;
        buffer += text;
        let end;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          /** @type {SseEvent} */
          const ev = { data: '' };
          /** @type {string[]} */
          const data = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) stream.comments.push(line.slice(1));
            else {
              const colon = line.indexOf(':');
              const field = colon === -1 ? line : line.slice(0, colon);
              const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
              if (field === 'id') ev.id = value;
              else if (field === 'event') ev.event = value;
              else if (field === 'data') data.push(value);
            }
          }
          if (data.length) {
            ev.data = data.join('\n');
            queue.push(ev);
          }
        }
      }
      stream.endedBy = 'EOF';
    } catch (error) {
      stream.endedBy = /** @type {Error & { cause?: { code?: string } }} */ (error).cause?.code ?? /** @type {Error} */ (error).name;
    }
  })();
  return stream;
}

/**
 * @param {string} url @param {Record<string, string>} headers @param {string[]} protocols
 */
function openWs(url, headers, protocols) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols, { headers });
    /** @type {Queue<string>} */
    const queue = makeQueue();
    /** @type {(value: void) => void} */
    let onClosed = () => {};
    const wrapper = {
      protocol: '',
      /** @type {{ code: number, reason: string } | undefined} */
      closed: undefined,
      closedPromise: new Promise((r) => (onClosed = r)),
      /** @param {number} timeoutMs */
      next: (timeoutMs) => queue.next(timeoutMs),
      /** @param {string} text */
      send: (text) => socket.send(text),
      /** @param {number} [code] */
      close: (code) => socket.close(code),
    };
    socket.on('unexpected-response', (_req, res) => {
      res.resume();
      reject(Object.assign(new Error(`WebSocket handshake answered ${res.statusCode}`), { status: res.statusCode }));
      socket.terminate();
    });
    socket.on('open', () => {
      wrapper.protocol = socket.protocol;
      resolve(wrapper);
    });
    socket.on('message', (data) => queue.push(data.toString()));
    socket.on('close', (code, reason) => {
      wrapper.closed = { code, reason: reason.toString() };
      onClosed();
    });
    socket.on('error', (error) => {
      if (!('status' in error)) reject(error);
    });
  });
}

/** @param {string} frame */
function parseMetaFrame(frame) {
  const match = /^id: ([^\n]+)\n(?:content-type: ([^\n]+)\n)?\n([\s\S]*)$/.exec(frame);
  if (!match) throw new Error(`not a ws+meta.nchan frame: ${JSON.stringify(frame)}`);
  return { id: match[1], contentType: match[2], payload: /** @type {string} */ (match[3]) };
}

/**
 * One long-poll request; 'timeout' when no headers arrived within timeoutMs.
 * @param {string} url @param {Record<string, string>} headers @param {number} timeoutMs
 * @returns {Promise<'timeout' | { status: number, headers: Headers, body: string }>}
 */
async function longPoll(url, headers, timeoutMs) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(url, { headers, signal: controller.signal });
    return { status: res.status, headers: res.headers, body: await res.text() };
  } catch (error) {
    if (controller.signal.aborted) return 'timeout';
    throw /** @type {Error & { cause?: { code?: string } }} */ (error).cause ?? error;
  } finally {
    clearTimeout(timer);
  }
}

/** @param {import('./nchan-cluster.js').NchanNode} node @param {string} channel */
async function channelInfo(node, channel) {
  const res = await fetch(`${node.url}/pub/${channel}`, { headers: { accept: 'application/json' } });
  return /** @type {{ messages: number, subscribers: number, last_message_id: string }} */ (await res.json());
}

/**
 * An HTTP request from a given local address (fetch cannot choose one).
 * @param {string} localAddress @param {number} port @param {string} method @param {string} path @param {string} body
 * @returns {Promise<number | undefined>}
 */
function requestFrom(localAddress, port, method, path, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, localAddress, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * @template T
 * @typedef {{ push(item: T): void, next(timeoutMs: number): Promise<T | undefined> }} Queue
 */

/**
 * Items in arrival order; next() waits up to timeoutMs for one (undefined if none came).
 * @template T
 * @returns {Queue<T>}
 */
function makeQueue() {
  /** @type {T[]} */
  const items = [];
  /** @type {((value: T | undefined) => void)[]} */
  const waiters = [];
  return {
    push(item) {
      const waiter = waiters.shift();
      if (waiter) waiter(item);
      else items.push(item);
    },
    next(timeoutMs) {
      if (items.length) return Promise.resolve(items.shift());
      return new Promise((resolve) => {
        const waiter = (/** @type {T | undefined} */ value) => {
          clearTimeout(timer);
          resolve(value);
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          resolve(undefined);
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
  };
}

/** @param {number} value */
function ms(value) {
  return `${Math.round(value)} ms`;
}

/** @param {number} duration */
function sleep(duration) {
  return new Promise((resolve) => setTimeout(resolve, duration));
}

/**
 * @template T
 * @param {Promise<T>} promise @param {number} limit @param {string} message
 * @returns {Promise<T>}
 */
function withTimeout(promise, limit, message) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), limit);
    }),
  ]).finally(() => clearTimeout(timer));
}
