// A local socket.io cluster for tests: one redis-server and N deploy/socketio
// nodes (real Node processes, @socket.io/redis-adapter between them) on free
// loopback ports. Node only; needs redis-server (the Debian package).
//
//   const cluster = await startSocketioCluster({ nodes: 2, allowOrigin: ['http://localhost:8000'] });
//   await cluster.publish('alice', { id: 'n1', title: 'Hi' }, { node: 1 });
//   await cluster.nodes[0].kill('SIGKILL'); await cluster.nodes[0].start();
//   await cluster.stop();
//
// Nothing outlives the test process: every node ends with its stdin pipe, and
// redis-server runs under a shell that kills it when its stdin pipe ends.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_SCRIPT = fileURLToPath(new URL('./socketio-node.mjs', import.meta.url));
const REDIS = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

/**
 * @typedef {object} SocketioNode
 * @property {number} index
 * @property {number} port
 * @property {string} url   http://127.0.0.1:<port>
 * @property {() => Promise<number>} start   ms until it listened
 * @property {(signal?: NodeJS.Signals) => Promise<void>} kill  SIGTERM (default) or SIGKILL (a crash)
 * @property {() => number | undefined} pid
 */

/**
 * @param {{ nodes?: number, allowOrigin?: string[], buffer?: number }} [options]
 */
export async function startSocketioCluster({ nodes: count = 2, allowOrigin = ['http://127.0.0.1'], buffer = 100 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'socketio-cluster-'));
  const [redisPort, ...ports] = await freePorts(1 + count);
  /** @type {Set<import('node:child_process').ChildProcess>} */
  const children = new Set();
  const killAll = () => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killAll);

  // redis-server under a shell that kills it once this process's end of the pipe closes.
  const redis = spawn('/bin/sh', ['-c', `"$@" & pid=$!; cat >/dev/null; kill -9 $pid 2>/dev/null`, 'sh', REDIS, '--bind', '127.0.0.1', '--port', String(redisPort), '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  children.add(redis);
  await waitForPort(/** @type {number} */ (redisPort));
  const redisUrl = `redis://127.0.0.1:${redisPort}`;

  /** @type {SocketioNode[]} */
  const nodes = ports.map((port, index) => {
    /** @type {import('node:child_process').ChildProcess | undefined} */
    let child;
    /** @type {SocketioNode} */
    const node = {
      index,
      port: /** @type {number} */ (port),
      url: `http://127.0.0.1:${port}`,
      pid: () => (child && child.exitCode === null && child.signalCode === null ? child.pid : undefined),
      async start() {
        if (node.pid() !== undefined) return 0;
        const t = performance.now();
        const proc = spawn(process.execPath, [NODE_SCRIPT, JSON.stringify({ port, redisUrl, allowOrigin, buffer })], { stdio: ['pipe', 'pipe', 'inherit'] });
        child = proc;
        children.add(proc);
        proc.once('exit', () => children.delete(proc));
        await new Promise((resolve, reject) => {
          let out = '';
          proc.stdout?.on('data', (chunk) => {
            out += chunk;
            if (out.includes('ready ')) resolve(undefined);
          });
          proc.once('exit', (code) => reject(new Error(`socket.io node ${index} exited (${code}) while starting`)));
        });
        return performance.now() - t;
      },
      async kill(signal = 'SIGTERM') {
        const proc = child;
        if (!proc || node.pid() === undefined) return;
        const exited = new Promise((resolve) => proc.once('exit', resolve));
        proc.kill(signal);
        await exited;
      },
    };
    return node;
  });
  await Promise.all(nodes.map((node) => node.start()));

  return {
    nodes,
    redisPort,
    /**
     * POST /publish/<user> on node `node`: the server stores it and sends it to every node.
     * @param {string} user @param {unknown} notification @param {{ node?: number }} [options]
     * @returns {Promise<{ status: number, eventId: number | undefined }>}
     */
    async publish(user, notification, { node = 0 } = {}) {
      const target = nodes[node];
      if (!target) throw new Error(`no node ${node}`);
      const res = await fetch(`${target.url}/publish/${encodeURIComponent(user)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(notification),
      });
      const body = res.status === 200 ? /** @type {{ eventId: number }} */ (await res.json()) : undefined;
      return { status: res.status, eventId: body?.eventId };
    },
    async stop() {
      await Promise.all(nodes.map((node) => node.kill('SIGTERM')));
      redis.stdin?.end();
      await new Promise((resolve) => (redis.exitCode === null ? redis.once('exit', resolve) : resolve(undefined)));
      process.off('exit', killAll);
      killAll();
    },
  };
}

/** @param {number} n @returns {Promise<number[]>} */
async function freePorts(n) {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((s) => /** @type {net.AddressInfo} */ (/** @type {net.Server} */ (s).address()).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => /** @type {net.Server} */ (s).close(resolve))));
  return ports;
}

/** @param {number} port */
async function waitForPort(port) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not open port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
