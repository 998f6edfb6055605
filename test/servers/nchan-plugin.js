// Web Test Runner glue for the nginx + Nchan + Redis cluster
// (test/servers/nchan-cluster.js): the `nchan` server command lets a browser
// test start it, publish through any node, crash or restart a node and stop
// it. The cluster starts on the first command that needs it (a run that has
// no Nchan test never starts nginx) and stops in serverStop; if the runner
// dies, the cluster's own exit handler and watchdog kill what is left.
//
// The page reaches the nodes cross-origin: the page is http://localhost:<wtr>
// and the nodes are http://localhost:<port> (nginx listens on 127.0.0.1;
// "localhost" is the same site as the page, ports aside, so a `user` cookie
// set by the page with document.cookie goes to every node, WebSocket
// handshakes included). The cluster's allowOrigin is the page's origin.
//
// Ops (payload.op):
//   start                                  -> { origin, nodes: [{ index, url, port }] }
//   publish { channel, body, node? }       -> { status, id, ms }
//   burst   { channel, count, prefix?, node? }
//           publishes { id: `${prefix}${i}`, title } for i < count, one after the other
//                                          -> { ids: string[] (Nchan's), statuses }
//   stream  { channel, count, intervalMs, prefix?, node?, from? }
//           the same in the background, one every intervalMs  -> { stream }
//   stream-result { stream }               -> waits for it: [{ id, nchanId, status, at }]
//   kill    { node, signal? }              -> { at } (Date.now() when the node was gone)
//   start-node { node }                    -> the node's timings (a running node is left alone)
//   restart { node }                       -> { at, ...timings } (SIGTERM, start again)
//   info    { channel, node? }             -> Nchan's channel info (messages, last_message_id)
//   auth-calls                             -> the built-in auth server's decisions
//   env                                    -> { idleMs, real } from NCHAN_IDLE_MS / NCHAN_IDLE_REAL
//   stop                                   -> {}

import { startNchanCluster } from './nchan-cluster.js';

/** @typedef {import('./nchan-cluster.js').NchanCluster} NchanCluster */
/** @typedef {{ id: string, nchanId: string | undefined, status: number, at: number }} Published */

/**
 * @param {{ nodes?: number, workers?: number }} [options]
 * @returns {import('@web/test-runner').TestRunnerPlugin}
 */
export function nchanPlugin({ nodes = 2, workers = 1 } = {}) {
  /** @type {string | undefined} */
  let origin;
  /** @type {Promise<NchanCluster> | undefined} */
  let starting;
  /** @type {Map<number, Promise<Published[]>>} */
  const streams = new Map();
  let streamIds = 0;

  const cluster = () => {
    if (!origin) throw new Error('nchan: the page origin is unknown (serverStart has not run)');
    starting ??= startNchanCluster({ nodes, workers, allowOrigin: origin }).catch((error) => {
      starting = undefined;
      throw error;
    });
    return starting;
  };

  /** @param {NchanCluster} c @param {number} index */
  const nodeAt = (c, index) => {
    const node = c.nodes[index];
    if (!node) throw new Error(`nchan: no node ${index}`);
    return node;
  };

  /** @param {string} url */
  const forPage = (url) => url.replace('//127.0.0.1:', '//localhost:');

  /**
   * @param {NchanCluster} c
   * @param {{ channel: string, count: number, prefix?: string, node?: number, intervalMs?: number, from?: number }} p
   * @returns {Promise<Published[]>}
   */
  async function publishMany(c, { channel, count, prefix = 'n', node = 0, intervalMs = 0, from = 0 }) {
    /** @type {Published[]} */
    const out = [];
    const t0 = Date.now();
    for (let i = from; i < from + count; i++) {
      if (intervalMs > 0) {
        const due = t0 + (i - from) * intervalMs;
        if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      }
      const at = Date.now();
      const res = await c.publish(channel, { id: `${prefix}${i}`, title: `${prefix} ${i}` }, { node });
      out.push({ id: `${prefix}${i}`, nchanId: res.id, status: res.status, at });
    }
    return out;
  }

  /** @param {any} p */
  async function command(p) {
    const op = p?.op;
    if (op === 'env') {
      // NCHAN_IDLE_MS: the idle test's stretch (default 3 s); NCHAN_IDLE_REAL=1: a real minute with the default heartbeat.
      const real = process.env.NCHAN_IDLE_REAL === '1';
      return { real, idleMs: Number(process.env.NCHAN_IDLE_MS) || (real ? 60_000 : 3000) };
    }
    if (op === 'stop') {
      const running = starting;
      starting = undefined;
      if (running) await (await running).stop();
      return {};
    }
    const c = await cluster();
    switch (op) {
      case 'start':
        return { origin, nodes: c.nodes.map((n) => ({ index: n.index, port: n.port, url: forPage(n.url) })) };
      case 'publish':
        return c.publish(String(p.channel), p.body, { node: Number(p.node ?? 0) });
      case 'burst': {
        const published = await publishMany(c, { ...p, count: Number(p.count) });
        return { ids: published.map((x) => x.nchanId), statuses: published.map((x) => x.status) };
      }
      case 'stream': {
        const id = ++streamIds;
        const running = publishMany(c, { ...p, count: Number(p.count), intervalMs: Number(p.intervalMs) });
        running.catch(() => {});
        streams.set(id, running);
        return { stream: id };
      }
      case 'stream-result': {
        const running = streams.get(Number(p.stream));
        if (!running) throw new Error(`nchan: no stream ${p.stream}`);
        streams.delete(Number(p.stream));
        return running;
      }
      case 'kill': {
        await nodeAt(c, Number(p.node)).kill(p.signal ?? 'SIGKILL');
        return { at: Date.now() };
      }
      case 'start-node': {
        // Idempotent: a test's cleanup brings a crashed node back, and leaves a running one alone.
        const node = nodeAt(c, Number(p.node));
        return node.pid() === undefined ? node.start() : node.timings;
      }
      case 'restart': {
        const at = Date.now();
        return { at, ...(await nodeAt(c, Number(p.node)).restart()) };
      }
      case 'info': {
        const res = await fetch(`${nodeAt(c, Number(p.node ?? 0)).url}/pub/${encodeURIComponent(String(p.channel))}`, {
          headers: { accept: 'application/json' },
        });
        return res.status === 200 ? res.json() : { status: res.status };
      }
      case 'auth-calls':
        return c.authCalls;
      default:
        throw new Error(`nchan: unknown op ${JSON.stringify(op)}`);
    }
  }

  return {
    name: 'nchan-cluster',
    serverStart({ config }) {
      origin = `${config.http2 ? 'https' : 'http'}://${config.hostname ?? 'localhost'}:${config.port}`;
    },
    async serverStop() {
      await command({ op: 'stop' });
    },
    executeCommand({ command: name, payload }) {
      if (name !== 'nchan') return undefined;
      return command(payload);
    },
  };
}
