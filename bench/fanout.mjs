// The fan-out group of `npm run bench` (bench/README.md, "fan-out"): SIZES concurrent
// subscribers, each a store of the built library (dist/core.js) with its own sse()
// connection, in CLIENT_PROCESSES Node processes, on one broadcast channel; NOTIFICATIONS
// published at RATE per second. Twice per size: on two nginx + Nchan nodes sharing one Redis
// (test/servers/nchan-cluster.js, deploy/nchan's config; the subscribers split across the
// nodes, the publishes alternate between them) and on the demo hub (server/hub/, one Node
// process). Per run: publish -> applied-in-store latency p50/p95/p99, notifications lost
// (one store missing one counts one), server memory per connection (RSS of the nginx
// workers, or of the hub process, once every store is open, minus before any), the CPU
// time the servers and the clients used, and the 1-minute load average around it.
//
//   node bench/fanout.mjs            # alone (builds dist/ first), prints its table
//   FANOUT_SIZES=1000 node bench/fanout.mjs
import { fork, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { startNchanCluster } from '../test/servers/nchan-cluster.js';

export const SIZES = (process.env.FANOUT_SIZES ?? '1000,5000').split(',').map(Number).filter((n) => n > 0);
const NOTIFICATIONS = 100;
const RATE = 20;
const CLIENT_PROCESSES = 4;
/**
 * After the last publish the stores may still be applying (on 2 cores the clients are the
 * bottleneck): what is missing counts as lost once nothing more arrived for STALL_MS, or at
 * SETTLE_CAP_MS.
 */
const STALL_MS = 10_000;
const SETTLE_CAP_MS = 240_000;

const root = fileURLToPath(new URL('..', import.meta.url));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values, p) {
  if (!values.length) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** @param {number} pid */
function rssKB(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

/** user + system CPU of a process, in ms. @param {number} pid */
function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
  } catch {
    return NaN;
  }
}

/** @param {number} pid */
function childPids(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** The demo hub in a process of its own. */
async function startHub() {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./fanout-hub.mjs', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /ready (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`the hub exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pids: () => [/** @type {number} */ (child.pid)],
    async publish(channel, body) {
      const res = await fetch(`http://127.0.0.1:${port}/hub/${channel}/control`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'publish', frames: [body] }),
      });
      await res.arrayBuffer();
      return res.status;
    },
    stop: () => {
      child.stdin.end();
      return new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

async function startClients() {
  const clients = await Promise.all(
    Array.from({ length: CLIENT_PROCESSES }, () =>
      new Promise((resolve, reject) => {
        const child = fork(fileURLToPath(new URL('./fanout-client.mjs', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        child.once('message', () => resolve(child));
        child.once('exit', (code) => reject(new Error(`a client process exited (${code})`)));
      }),
    ),
  );
  /** @param {import('node:child_process').ChildProcess} child @param {object} message @param {string} type */
  const ask = (child, message, type) =>
    new Promise((resolve) => {
      const onMessage = (reply) => {
        if (reply.type !== type) return;
        child.off('message', onMessage);
        resolve(reply);
      };
      child.on('message', onMessage);
      child.send(message);
    });
  return {
    connect: (urls, headers, total) =>
      Promise.all(clients.map((child, i) => ask(child, { type: 'connect', urls, headers, count: Math.floor(total / CLIENT_PROCESSES) + (i < total % CLIENT_PROCESSES ? 1 : 0) }, 'connected'))),
    report: () => Promise.all(clients.map((child) => ask(child, { type: 'report' }, 'report'))),
    progress: (expected) => Promise.all(clients.map((child) => ask(child, { type: 'progress', expected }, 'progress'))),
    stop: () =>
      Promise.all(
        clients.map((child) => {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.send({ type: 'stop' });
          return exited;
        }),
      ),
  };
}

/**
 * One run: `size` stores on `server`, NOTIFICATIONS published at RATE/s.
 * @param {{ name: string, subscribeUrls: (channel: string) => string[], headers: (channel: string) => Record<string, string>,
 *   publish: (channel: string, body: object, i: number) => Promise<number>, serverPids: () => number[] }} server
 * @param {number} size
 */
async function run(server, size) {
  const channel = `fanout-${server.name}-${size}-${Date.now().toString(36)}`;
  const loadBefore = os.loadavg()[0];
  const clients = await startClients();
  await sleep(500);
  const pids = server.serverPids();
  const rssBefore = pids.reduce((sum, pid) => sum + rssKB(pid), 0);
  const connected = await clients.connect(server.subscribeUrls(channel), server.headers(channel), size);
  const open = connected.reduce((sum, c) => sum + c.open, 0);
  const connectMs = Math.max(...connected.map((c) => c.ms));
  // Let every subscription settle (Nchan counts it in Redis up to ~100 ms later) and the RSS with it.
  await sleep(1500);
  const rssOpen = pids.reduce((sum, pid) => sum + rssKB(pid), 0);
  const serverCpuBefore = pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  const before = await clients.report();

  // On the clock, not one after the other: a publish that the server answers late (it is
  // writing to every subscriber) must not slow the rate down.
  const statuses = new Map();
  const publishes = [];
  const t0 = performance.now();
  for (let i = 0; i < NOTIFICATIONS; i++) {
    const due = t0 + (i * 1000) / RATE;
    if (due > performance.now()) await sleep(due - performance.now());
    const body = { id: `f${i}`, title: `Fan-out ${i}`, createdAt: Date.now(), data: { sentAt: Date.now() } };
    publishes.push(server.publish(channel, body, i).then((status) => statuses.set(status, (statuses.get(status) ?? 0) + 1)));
  }
  await Promise.all(publishes);
  const publishedMs = performance.now() - t0;
  const settleBy = Date.now() + SETTLE_CAP_MS;
  let count = -1;
  let progressAt = Date.now();
  for (;;) {
    const progress = await clients.progress(NOTIFICATIONS);
    const done = progress.every((p) => p.complete);
    const now = progress.reduce((sum, p) => sum + p.delivered, 0);
    if (now !== count) [count, progressAt] = [now, Date.now()];
    if (done || Date.now() > settleBy || Date.now() - progressAt > STALL_MS) break;
    await sleep(250);
  }
  const appliedMs = performance.now() - t0;
  const reports = await clients.report();
  const serverCpu = pids.reduce((sum, pid) => sum + cpuMs(pid), 0) - serverCpuBefore;
  const clientCpu = reports.reduce((sum, r) => sum + r.cpuMs, 0) - before.reduce((sum, r) => sum + r.cpuMs, 0);
  const latencies = reports.flatMap((r) => r.latencies);
  const lost = reports.reduce((sum, r) => sum + r.received.reduce((s, n) => s + Math.max(0, NOTIFICATIONS - n), 0), 0) + (size - reports.reduce((s, r) => s + r.received.length, 0)) * NOTIFICATIONS;
  await clients.stop();
  return {
    server: server.name,
    size,
    open,
    connectMs,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.reduce((a, b) => Math.max(a, b), -Infinity),
    lost,
    delivered: latencies.length,
    publishStatuses: Object.fromEntries(statuses),
    publishedMs,
    // first publish -> the last store applied the last notification (or gave up)
    appliedMs,
    serverKBPerConnection: (rssOpen - rssBefore) / size,
    serverRssMB: { before: rssBefore / 1024, open: rssOpen / 1024 },
    serverCpuMs: serverCpu,
    clientCpuMs: clientCpu,
    clientRssMB: reports.reduce((sum, r) => sum + r.rssMB, 0),
    clientErrors: reports.reduce((sum, r) => sum + r.errors, 0),
    load: { before: loadBefore, after: os.loadavg()[0] },
  };
}

/**
 * Every size on Nchan, then on the hub, each run on a server started for it (so the memory
 * before is a fresh server's). Needs nginx, libnginx-mod-nchan and redis-server, and dist/ built.
 */
export async function fanoutRuns(sizes = SIZES) {
  const results = [];
  const report = (result) => {
    results.push(result);
    process.stdout.write(` p95 ${result.p95} ms, lost ${result.lost}, load ${result.load.after.toFixed(1)}\n`);
  };
  for (const size of sizes) {
    process.stdout.write(`  fan-out nchan ${size} ...`);
    const cluster = await startNchanCluster({ nodes: 2, workers: 1 });
    try {
      report(
        await run(
          {
            name: 'nchan',
            subscribeUrls: (channel) => cluster.nodes.map((node) => `${node.url}/sub/${channel}`),
            headers: (channel) => ({ 'x-user': channel }),
            publish: async (channel, body, i) => (await cluster.publish(channel, body, { node: i % cluster.nodes.length })).status,
            serverPids: () => cluster.nodes.flatMap((node) => childPids(/** @type {number} */ (node.pid()))),
          },
          size,
        ),
      );
    } finally {
      await cluster.stop();
    }
  }
  for (const size of sizes) {
    process.stdout.write(`  fan-out hub ${size} ...`);
    const hub = await startHub();
    try {
      report(
        await run(
          { name: 'hub', subscribeUrls: (channel) => [`${hub.url}/hub/${channel}/sse`], headers: () => ({}), publish: (channel, body) => hub.publish(channel, body), serverPids: hub.pids },
          size,
        ),
      );
    } finally {
      await hub.stop();
    }
  }
  return results;
}

/** The group's rows, Nchan beside the hub: [figure, unit, size, nchan, hub, nchan ÷ hub]. */
export function fanoutTable(results) {
  const rows = [];
  const fmt = (v) => (Number.isFinite(v) ? (Math.abs(v) >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1)) : 'n/a');
  for (const size of [...new Set(results.map((r) => r.size))]) {
    const n = results.find((r) => r.server === 'nchan' && r.size === size);
    const h = results.find((r) => r.server === 'hub' && r.size === size);
    const row = (name, unit, key) => {
      const a = n ? key(n) : NaN;
      const b = h ? key(h) : NaN;
      rows.push([name, unit, String(size), fmt(a), fmt(b), b !== 0 && Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : '']);
    };
    row('subscribers open', '', (r) => r.open);
    row('publish -> applied in store p50', 'ms', (r) => r.p50);
    row('publish -> applied in store p95', 'ms', (r) => r.p95);
    row('publish -> applied in store p99', 'ms', (r) => r.p99);
    row('notifications lost (target 0)', '', (r) => r.lost);
    row('server memory per connection (RSS)', 'KiB', (r) => r.serverKBPerConnection);
    row('server CPU during the 100 publishes', 'ms', (r) => r.serverCpuMs);
    row('client CPU (all stores) during them', 'ms', (r) => r.clientCpuMs);
    row('publishing took (100 at 20/s: 4950)', 'ms', (r) => r.publishedMs);
    row('first publish -> all applied everywhere', 'ms', (r) => r.appliedMs);
    row('all stores open after', 'ms', (r) => r.connectMs);
    row('1-min load average after the run', '', (r) => r.load.after);
  }
  return rows;
}

export function printFanout(results) {
  const header = ['figure', 'unit', 'subscribers', 'nchan (2 nodes)', 'hub (1 process)', 'nchan ÷ hub'];
  const rows = fanoutTable(results);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const built = spawnSync('npm', ['run', 'build:js'], { cwd: root, stdio: 'ignore' });
  if (built.status !== 0) throw new Error('npm run build:js failed');
  const loadBefore = os.loadavg();
  const began = performance.now();
  const results = await fanoutRuns();
  console.log(
    `\nfan-out: ${NOTIFICATIONS} notifications at ${RATE}/s to one channel; ${CLIENT_PROCESSES} client processes; ` +
      `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; load average (1, 5, 15 min) ` +
      `${loadBefore.map((l) => l.toFixed(1)).join(' ')} -> ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${((performance.now() - began) / 1000).toFixed(0)} s\n`,
  );
  printFanout(results);
  console.log(`\n${JSON.stringify(results)}`);
}
