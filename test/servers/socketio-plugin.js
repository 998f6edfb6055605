// Web Test Runner glue for the socket.io recipe (deploy/socketio): the
// `socketio` server command starts a two-node cluster (test/servers/socketio-cluster.js:
// real Node processes, one Redis) on first use, publishes through a node,
// crashes or restarts one, stops it; serverStop stops it too. The page is the
// cluster's allowed origin, and reaches the nodes at http://localhost:<port>.
//
// deploy/socketio/client.js imports 'notif-elements/core' as an app would: in
// tests that name is the library's source (src/headless.ts), not dist/, and
// 'socket.io-client' is the browser bundle the package ships.
//
// Ops: start -> { nodes: [{ index, url }] }; publish { user, body, node? } -> { status, eventId };
// burst { user, count, prefix?, from?, node? } -> { eventIds }; kill { node, signal? } -> {};
// start-node { node } -> { ms }; stop -> {}.

import { startSocketioCluster } from './socketio-cluster.js';

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function socketioPlugin() {
  /** @type {string | undefined} */
  let origin;
  /** @type {ReturnType<typeof startSocketioCluster> | undefined} */
  let starting;

  const cluster = () => {
    if (!origin) throw new Error('socketio: the page origin is unknown');
    starting ??= startSocketioCluster({ nodes: 2, allowOrigin: [origin] }).catch((error) => {
      starting = undefined;
      throw error;
    });
    return starting;
  };

  /** @param {any} p */
  async function command(p) {
    if (p?.op === 'stop') {
      const running = starting;
      starting = undefined;
      if (running) await (await running).stop();
      return {};
    }
    const c = await cluster();
    const node = (/** @type {unknown} */ i) => {
      const found = c.nodes[Number(i)];
      if (!found) throw new Error(`socketio: no node ${i}`);
      return found;
    };
    switch (p?.op) {
      case 'start':
        return { nodes: c.nodes.map((n) => ({ index: n.index, url: n.url.replace('//127.0.0.1:', '//localhost:') })) };
      case 'publish':
        return c.publish(String(p.user), p.body, { node: Number(p.node ?? 0) });
      case 'burst': {
        const prefix = p.prefix ?? 'n';
        const from = Number(p.from ?? 0);
        const eventIds = [];
        for (let i = from; i < from + Number(p.count); i++) {
          eventIds.push((await c.publish(String(p.user), { id: `${prefix}${i}`, title: `${prefix} ${i}` }, { node: Number(p.node ?? 0) })).eventId);
        }
        return { eventIds };
      }
      case 'kill':
        await node(p.node).kill(p.signal ?? 'SIGKILL');
        return {};
      case 'start-node':
        return { ms: await node(p.node).start() };
      default:
        throw new Error(`socketio: unknown op ${JSON.stringify(p?.op)}`);
    }
  }

  return {
    name: 'socketio-cluster',
    serverStart({ config }) {
      origin = `${config.http2 ? 'https' : 'http'}://${config.hostname ?? 'localhost'}:${config.port}`;
    },
    async serverStop() {
      await command({ op: 'stop' });
    },
    resolveImport({ source, context }) {
      if (!context.path.startsWith('/deploy/socketio/')) return undefined;
      if (source === 'notif-elements/core') return '/src/headless.ts';
      // The test runner's resolver takes the package's Node build (which imports ws): the
      // browser bundle socket.io-client ships is what a bundler would pick for a page.
      if (source === 'socket.io-client') return '/node_modules/socket.io-client/dist/socket.io.esm.min.js';
      return undefined;
    },
    executeCommand({ command: name, payload }) {
      if (name !== 'socketio') return undefined;
      return command(payload);
    },
  };
}
