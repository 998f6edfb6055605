// The tabs group of `npm run bench` (bench/README.md, "tabs"): crossTab(sse(hub)) in tabs that
// are pages of one browser context, the page of test/tabs/page.ts bundled from the built
// package (dist/), against the real hub. One run = a fresh server, context and channels:
// - the connections the hub holds with 1, 4 and 8 tabs open;
// - 20 kills of the leader while the server publishes (closes, CDP crashes, navigations, in
//   turn), a new tab after each: kill -> the new leader's connection open, p50 and p95;
// - 20 reads, each from one of 3 tabs in turn: action -> applied in each other tab, p50 and p95;
// and once, the bytes crossTab adds to core (esbuild, gzip), measured like `npm run size`.
import { callAll, call, frames, killTab, leaderOf, percentile, sleep, startTabs, streamingTabs, until, untilDelivered } from '../test/tabs/harness.mjs';
import { measure } from '../scripts/size.mjs';

const KILLS = 20;
const KINDS = ['close', 'crash', 'navigate'];
const READS = 20;

/** Connections held by the server (maxOpen) once 1, 4 and 8 tabs are open and one leads. */
async function connections(tabs) {
  const c = tabs.channel('bench-connections');
  const pages = [];
  const held = {};
  for (const count of [1, 4, 8]) {
    while (pages.length < count) pages.push(await tabs.open(c));
    await leaderOf(pages);
    await sleep(200); // a second connection, had one been opened, would be counted by now
    held[count] = (await tabs.log(c)).maxOpen;
  }
  return held;
}

/** KILLS kills of the leader mid-stream; each one's time from the kill to the new leader's connection open, by kind, and what was lost or came twice. */
async function failover(tabs) {
  const c = tabs.channel('bench-failover');
  const stream = await streamingTabs(tabs, c, 'k');
  let { pages } = stream;
  const { publish } = stream;
  const times = [];
  const byKind = { close: [], crash: [], navigate: [] };
  for (let k = 0; k < KILLS; k++) {
    const kind = KINDS[k % KINDS.length];
    const leader = await leaderOf(pages);
    const survivors = pages.filter((page) => page !== leader);
    const publishing = setInterval(() => publish(1), 10);
    await sleep(30 + Math.random() * 40);
    const killedAt = Date.now();
    await killTab(tabs.context, leader, kind);
    const openedAt = await until(async () => {
      for (const page of survivors) {
        const [role, opened] = await Promise.all([call(page, 'role'), call(page, 'opened')]);
        const after = opened.find((at) => at > killedAt);
        if (role === 'leader' && after) return after;
      }
      return undefined;
    });
    clearInterval(publishing);
    times.push(openedAt - killedAt);
    byKind[kind].push(openedAt - killedAt);
    if (!leader.isClosed()) await leader.close();
    pages = [...survivors, await tabs.open(c)];
  }
  const published = stream.published();
  await untilDelivered(pages, published);
  await sleep(300);
  const all = frames('k', 1, published).map((n) => n.id);
  let lost = 0;
  let twice = 0;
  for (const delivered of await callAll(pages, 'delivered')) {
    twice += delivered.length - new Set(delivered).size;
    lost += all.filter((id) => !delivered.includes(id)).length;
  }
  return { times, byKind, lost, twice, published };
}

/** READS reads, each from one of 3 tabs in turn: action -> applied in each of the 2 others, in ms. */
async function syncLatency(tabs) {
  const c = tabs.channel('bench-sync');
  const pages = [await tabs.open(c), await tabs.open(c), await tabs.open(c)];
  await leaderOf(pages);
  tabs.publish(c, frames('s', 1, READS));
  await untilDelivered(pages, READS);
  const latencies = [];
  for (let i = 1; i <= READS; i++) {
    const actor = i % pages.length;
    const actedAt = await call(pages[actor], 'markRead', `s${i}`);
    for (const page of pages.filter((_, p) => p !== actor)) latencies.push((await until(() => call(page, 'readAt', `s${i}`))) - actedAt);
  }
  return latencies;
}

/** One run of the group in `browser`: a fresh server (the page from dist/) and context. */
export async function tabsRun(browser) {
  const tabs = await startTabs({ dist: true, browser });
  try {
    const held = await connections(tabs);
    await tabs.closeTabs();
    const kills = await failover(tabs);
    await tabs.closeTabs();
    const sync = await syncLatency(tabs);
    return {
      connections1: held[1],
      connections4: held[4],
      connections8: held[8],
      failoverP50: percentile(kills.times, 50),
      failoverP95: percentile(kills.times, 95),
      failoverMax: Math.max(...kills.times),
      failoverByKind: Object.fromEntries(Object.entries(kills.byKind).map(([kind, list]) => [kind, { p50: percentile(list, 50), max: Math.max(...list) }])),
      lost: kills.lost,
      twice: kills.twice,
      published: kills.published,
      syncP50: percentile(sync, 50),
      syncP95: percentile(sync, 95),
    };
  } finally {
    await tabs.close();
  }
}

/** What crossTab adds to `createNotificationStore` + `sse` from the built `notif-elements/core`: minified and gzip bytes. */
export async function crossTabSize() {
  const entry = (names) => ({ contents: `export { ${names} } from 'notif-elements/core';`, count: 'upfront' });
  const without = await measure(entry('createNotificationStore, sse'));
  const withTabs = await measure(entry('createNotificationStore, sse, crossTab'));
  return { minified: withTabs.minified - without.minified, gzip: withTabs.gzip - without.gzip, coreGzip: without.gzip };
}
