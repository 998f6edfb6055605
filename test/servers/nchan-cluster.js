// A local Nchan cluster for tests: one redis-server and N nginx + Nchan nodes
// on free loopback ports, every node rendered from deploy/nchan's template
// (the same file a deployment uses), each in its own prefix folder under one
// temp dir. Node only; needs the Debian packages nginx, libnginx-mod-nchan and
// redis-server.
//
//   const cluster = await startNchanCluster({ nodes: 2 });
//   await cluster.publish('alice', { id: 'n1', title: 'Hi' });
//   // subscribe at `${cluster.nodes[0].url}/sub/alice` with `x-user: alice`
//   await cluster.nodes[0].kill('SIGKILL');   // a crash
//   await cluster.stop();
//
// Authorization: nginx asks an app URL whether a subscriber may read
// /sub/<channel>. Pass `authUrl` to use your own server (it gets a GET with
// the subscriber's headers plus X-Channel-Id, X-Subscriber-Type and
// X-Original-URI, and answers 200 to allow). Without it, the cluster starts a
// built-in one: the subscriber is the `x-user` header, else the token of an
// `Authorization: Bearer <user>` header, else the `user` cookie; 200 when it
// equals the channel, 403 when it differs, 401 when there is none. A browser
// page can send only the last two cross-origin (the config's preflight allows
// Authorization, not x-user), and a browser WebSocket only the cookie.
//
// Nothing is left running when the test fails: stop() kills everything and
// removes the temp dir; so do an exit / SIGINT / SIGTERM handler and, if this
// process is killed outright, a small watchdog shell that notices the end of
// its stdin pipe.

import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPLATE = fileURLToPath(new URL('../../deploy/nchan/nginx.conf.template', import.meta.url));
const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
const REDIS = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';
const READY_TIMEOUT_MS = 10_000;

/**
 * @typedef {object} NodeTimings
 * @property {number} portMs     spawn → the port accepts a connection
 * @property {number} publishMs  spawn → a first POST /pub/_ready answered 201/202
 * @property {number} readyMs    spawn → every worker is connected to Redis
 *   (/nchan/status). One publish proves it for one worker only: a subscriber
 *   that lands on another worker a moment later gets a 503.
 */

/**
 * @typedef {object} NchanNode
 * @property {number} index
 * @property {number} port
 * @property {string} url      http://127.0.0.1:<port>
 * @property {string} prefix   the node's prefix folder (nginx.conf, logs/, tmp/)
 * @property {() => number | undefined} pid   the master's pid while it runs
 * @property {(signal?: NodeJS.Signals) => Promise<void>} kill
 *   SIGTERM (default) or SIGQUIT: nginx's own shutdown, waited for.
 *   SIGKILL: a crash: the master is killed first, then its workers (so the
 *   master cannot respawn a worker that keeps the port).
 * @property {(options?: { signal?: NodeJS.Signals }) => Promise<NodeTimings>} restart
 *   kill(signal, default SIGTERM), then start again on the same port
 * @property {() => Promise<NodeTimings>} start  start again after kill()
 * @property {NodeTimings} timings  of the last start
 */

/**
 * @typedef {object} AuthCall
 * @property {string | undefined} channel
 * @property {string | undefined} user
 * @property {string | undefined} type   Nchan's subscriber type (websocket, eventsource, longpoll)
 * @property {number} status
 */

/**
 * @typedef {object} PublishResult
 * @property {number} status  201 (someone subscribed) or 202 (no subscriber yet)
 * @property {string | undefined} id  the message id Nchan gave it (`<unix seconds>:<n>`)
 * @property {number} ms
 */

/**
 * @typedef {object} NchanCluster
 * @property {NchanNode[]} nodes
 * @property {number} redisPort
 * @property {string} authUrl
 * @property {AuthCall[]} authCalls  the built-in auth server's decisions (empty with `authUrl`)
 * @property {string} dir   the temp dir holding every node
 * @property {{ redisMs: number, nodesMs: number, totalMs: number }} timings
 * @property {(channel: string, body: unknown, options?: { contentType?: string, node?: number }) => Promise<PublishResult>} publish
 *   POST to /pub/<channel> of node `node` (default 0); a body that is not a
 *   string is sent as JSON
 * @property {() => Promise<void>} stop
 */

/** @type {Set<() => void>} */
const liveCleanups = new Set();
let handlersInstalled = false;

function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const cleanup of liveCleanups) cleanup();
  });
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.once(signal, () => {
      for (const cleanup of liveCleanups) cleanup();
      // Alone, this listener took the default (ending the process) away:
      // give it back. With other listeners (a test runner's), they decide.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

/**
 * @param {{ nodes?: number, authUrl?: string, workers?: number, allowOrigin?: string }} [options]
 *   workers: nginx worker processes per node (default 2);
 *   allowOrigin: the page origins Nchan accepts (default http://127.0.0.1)
 * @returns {Promise<NchanCluster>}
 */
export async function startNchanCluster({ nodes: nodeCount = 2, authUrl, workers = 2, allowOrigin = 'http://127.0.0.1' } = {}) {
  const t0 = performance.now();
  installExitHandlers();
  const dir = mkdtempSync(join(tmpdir(), 'nchan-cluster-'));
  // Started as root, nginx's workers run as nobody: they must reach tmp/.
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'pids'));
  /** @type {Set<import('node:child_process').ChildProcess>} */
  const children = new Set();
  /** @type {(() => void)[]} */
  const closers = [];
  let stopped = false;

  // Kills every process this cluster started, synchronously (usable from an
  // 'exit' handler), and removes the temp dir.
  const killAllSync = () => {
    for (const child of children) {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) continue;
      const kids = childPids(child.pid);
      trySignal(child.pid, 'SIGKILL');
      for (const kid of kids) trySignal(kid, 'SIGKILL');
    }
    for (const close of closers) close();
    rmSync(dir, { recursive: true, force: true });
  };
  liveCleanups.add(killAllSync);
  const watchdog = startWatchdog(dir);

  try {
    const template = readFileSync(TEMPLATE, 'utf8');
    const ports = await freePorts(1 + 2 * nodeCount);
    const redisPort = /** @type {number} */ (ports[0]);
    const nodePorts = ports.slice(1, 1 + nodeCount);
    const dropPorts = ports.slice(1 + nodeCount);

    /** @type {AuthCall[]} */
    const authCalls = [];
    let effectiveAuthUrl = authUrl;
    const builtIn = authUrl === undefined ? await startBuiltInAuth(authCalls) : undefined;
    if (builtIn) {
      closers.push(builtIn.close);
      effectiveAuthUrl = builtIn.url;
    }
    const auth = new URL(/** @type {string} */ (effectiveAuthUrl));
    if (auth.protocol !== 'http:') throw new Error(`authUrl must be http: (nginx proxies to it), got ${auth.href}`);

    const tRedis = performance.now();
    const redis = spawnLogged(REDIS, ['--bind', '127.0.0.1', '--port', String(redisPort), '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir], join(dir, 'redis.log'), children);
    writeFileSync(join(dir, 'pids', 'redis'), String(redis.pid));
    await waitForRedis(redisPort, redis);
    const redisMs = performance.now() - tRedis;

    const tNodes = performance.now();
    const nodes = nodePorts.map((port, index) =>
      makeNode({
        index,
        port,
        workers,
        dir,
        children,
        template,
        vars: {
          NCHAN_LISTEN: `127.0.0.1:${port}`,
          NCHAN_REDIS_URL: `redis://127.0.0.1:${redisPort}`,
          NCHAN_APP_ADDR: auth.host,
          NCHAN_AUTH_PATH: auth.pathname + auth.search,
          NCHAN_ALLOW_ORIGIN: allowOrigin,
          NCHAN_WORKER_PROCESSES: String(workers),
          NCHAN_DROP_LISTEN: `127.0.0.1:${dropPorts[index]}`,
        },
      }),
    );
    await Promise.all(nodes.map((node) => node.start()));
    const nodesMs = performance.now() - tNodes;

    /** @type {NchanCluster['publish']} */
    const publish = (channel, body, { contentType = 'application/json', node = 0 } = {}) => {
      const target = nodes[node];
      if (!target) throw new Error(`no node ${node}`);
      return publishTo(target.port, channel, body, contentType);
    };

    return {
      nodes,
      redisPort,
      authUrl: auth.href,
      authCalls,
      dir,
      timings: { redisMs, nodesMs, totalMs: performance.now() - t0 },
      publish,
      async stop() {
        if (stopped) return;
        stopped = true;
        await Promise.all(nodes.map((node) => node.kill('SIGTERM').catch(() => node.kill('SIGKILL'))));
        await stopChild(redis, 'SIGTERM');
        liveCleanups.delete(killAllSync);
        killAllSync();
        watchdog.stdin?.end();
      },
    };
  } catch (error) {
    liveCleanups.delete(killAllSync);
    killAllSync();
    watchdog.stdin?.end();
    throw error;
  }
}

/**
 * @param {{ index: number, port: number, workers: number, dir: string,
 *   children: Set<import('node:child_process').ChildProcess>, template: string, vars: Record<string, string> }} options
 * @returns {NchanNode}
 */
function makeNode({ index, port, workers, dir, children, template, vars }) {
  const prefix = join(dir, `node-${index}`);
  mkdirSync(join(prefix, 'logs'), { recursive: true });
  mkdirSync(join(prefix, 'tmp'), { recursive: true });
  writeFileSync(join(prefix, 'nginx.conf'), renderTemplate(template, vars));
  const pidFile = join(dir, 'pids', `node-${index}`);
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let master;

  /** @type {NchanNode} */
  const node = {
    index,
    port,
    url: `http://127.0.0.1:${port}`,
    prefix,
    timings: { portMs: NaN, publishMs: NaN, readyMs: NaN },
    pid: () => (master && master.exitCode === null && master.signalCode === null ? master.pid : undefined),
    async start() {
      if (node.pid() !== undefined) throw new Error(`node ${index} is already running`);
      const t = performance.now();
      const args = ['-p', `${prefix}/`, '-c', join(prefix, 'nginx.conf'), '-e', 'logs/error.log', '-g', 'daemon off;'];
      const child = spawnLogged(NGINX, args, join(prefix, 'logs', 'stderr.log'), children);
      master = child;
      writeFileSync(pidFile, String(child.pid));
      await waitForPort(port, child, () => readTail(join(prefix, 'logs', 'error.log')));
      const portMs = performance.now() - t;
      await waitForPublish(port, child, () => readTail(join(prefix, 'logs', 'error.log')));
      const publishMs = performance.now() - t;
      await waitForWorkers(port, workers, child, () => readTail(join(prefix, 'logs', 'error.log')));
      node.timings = { portMs, publishMs, readyMs: performance.now() - t };
      return node.timings;
    },
    async kill(signal = 'SIGTERM') {
      const child = master;
      if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      const workers = childPids(child.pid);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      if (signal === 'SIGKILL') {
        trySignal(child.pid, 'SIGKILL');
        for (const pid of workers) trySignal(pid, 'SIGKILL');
      } else {
        trySignal(child.pid, signal);
      }
      await withTimeout(exited, 10_000, `node ${index} did not exit on ${signal}`);
      // Workers outlive the master for a moment after SIGKILL (and are not
      // ours to reap): wait until each is gone or a zombie.
      const deadline = Date.now() + 5_000;
      while (workers.some(isAlive)) {
        if (Date.now() > deadline) throw new Error(`node ${index}: workers ${workers.filter(isAlive).join(' ')} still alive`);
        await sleep(5);
      }
      rmSync(pidFile, { force: true });
    },
    async restart({ signal = 'SIGTERM' } = {}) {
      await node.kill(signal);
      return node.start();
    },
  };
  return node;
}

/**
 * Substitutes `${NAME}` for every given name, like `envsubst '${NAME} …'` in
 * deploy/nchan/render.sh; nginx's own `$variables` are left alone.
 * @param {string} template
 * @param {Record<string, string>} vars
 */
export function renderTemplate(template, vars) {
  return template.replace(/\$\{(NCHAN_[A-Z_]+)\}/g, (_, /** @type {string} */ name) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`nginx.conf.template: no value for \${${name}}`);
    return value;
  });
}

/** @param {AuthCall[]} calls @returns {Promise<{ url: string, close: () => void }>} */
async function startBuiltInAuth(calls) {
  const server = http.createServer((req, res) => {
    const channel = header(req, 'x-channel-id');
    const user = header(req, 'x-user') ?? bearer(req) ?? cookie(req, 'user');
    const status = user === undefined ? 401 : user === channel ? 200 : 403;
    calls.push({ channel, user, type: header(req, 'x-subscriber-type'), status });
    if (calls.length > 1000) calls.splice(0, calls.length - 1000);
    res.writeHead(status, { 'content-length': '0' }).end();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  server.unref();
  const { port } = /** @type {net.AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}/nchan/authorize`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** @param {http.IncomingMessage} req @param {string} name */
function header(req, name) {
  const value = req.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `Authorization: Bearer <user>` (a browser's sse() and poll() can send it cross-origin: the config's preflight allows it). @param {http.IncomingMessage} req */
function bearer(req) {
  const match = /^Bearer +(\S+)$/i.exec(header(req, 'authorization') ?? '');
  return match?.[1];
}

/** @param {http.IncomingMessage} req @param {string} name */
function cookie(req, name) {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/**
 * @param {number} port @param {string} channel @param {unknown} body @param {string} contentType
 * @returns {Promise<PublishResult>}
 */
async function publishTo(port, channel, body, contentType) {
  const t = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/pub/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'content-type': contentType, accept: 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  /** @type {string | undefined} */
  let id;
  try {
    id = /** @type {{ last_message_id?: string }} */ (JSON.parse(text)).last_message_id;
  } catch {
    // 4xx/5xx answers are HTML
  }
  return { status: res.status, id, ms: performance.now() - t };
}

/**
 * @param {string} command @param {string[]} args @param {string} logFile
 * @param {Set<import('node:child_process').ChildProcess>} children
 */
function spawnLogged(command, args, logFile, children) {
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  // A forgotten stop() must not keep the process alive: the exit handler
  // kills what is left.
  child.unref();
  children.add(child);
  child.once('exit', () => children.delete(child));
  child.once('error', () => children.delete(child));
  return child;
}

/**
 * A shell that waits for the end of its stdin (this process's end of the
 * pipe closes however this process ends, SIGKILL included), then kills what
 * the pid files under <dir>/pids still name (the master first, then its
 * workers) and removes <dir>. After a normal stop() there is nothing left.
 * @param {string} dir
 */
function startWatchdog(dir) {
  const script = `
trap '' INT TERM HUP
cat >/dev/null
for f in "$1"/pids/*; do
  [ -f "$f" ] || continue
  pid=$(cat "$f")
  kids=$(cat /proc/"$pid"/task/*/children 2>/dev/null || true)
  kill -9 "$pid" $kids 2>/dev/null || true
done
rm -rf "$1"
`;
  const watchdog = spawn('/bin/sh', ['-c', script, 'nchan-cluster-watchdog', dir], { stdio: ['pipe', 'ignore', 'ignore'] });
  watchdog.unref();
  // Let this process exit while the pipe is open: the watchdog then cleans up.
  /** @type {net.Socket} */ (watchdog.stdin).unref();
  return watchdog;
}

/** @param {number} pid @returns {number[]} */
function childPids(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** A zombie counts as dead: it holds no port, and PID 1 may never reap it. @param {number} pid */
function isAlive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** @param {number} pid @param {NodeJS.Signals} signal */
function trySignal(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** @param {import('node:child_process').ChildProcess} child @param {NodeJS.Signals} signal */
async function stopChild(child, signal) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await withTimeout(exited, 5_000, `${child.spawnfile} did not exit`).catch(() => child.kill('SIGKILL'));
}

/** @param {number} count @returns {Promise<number[]>} */
async function freePorts(count) {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((server) => /** @type {net.AddressInfo} */ (/** @type {net.Server} */ (server).address()).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => /** @type {net.Server} */ (server).close(resolve))));
  return ports;
}

/** @param {number} port @returns {Promise<boolean>} */
function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * @param {import('node:child_process').ChildProcess} child
 * @param {() => string} [log]
 */
function assertRunning(child, log) {
  if (child.exitCode !== null || child.signalCode !== null) {
    throw new Error(`${child.spawnfile} exited (${child.exitCode ?? child.signalCode}) while starting${log ? `:\n${log()}` : ''}`);
  }
}

/** @param {number} port @param {import('node:child_process').ChildProcess} child @param {() => string} log */
async function waitForPort(port, child, log) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    assertRunning(child, log);
    if (await canConnect(port)) return;
    if (Date.now() > deadline) throw new Error(`port ${port} did not open:\n${log()}`);
    await sleep(5);
  }
}

/** @param {number} port @param {import('node:child_process').ChildProcess} child @param {() => string} log */
async function waitForPublish(port, child, log) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    assertRunning(child, log);
    const { status } = await publishTo(port, '_ready', '{"type":"ready"}', 'application/json').catch(() => ({ status: 0 }));
    if (status === 201 || status === 202) return;
    if (Date.now() > deadline) throw new Error(`POST /pub/_ready on ${port} kept answering ${status}:\n${log()}`);
    await sleep(10);
  }
}

/**
 * Until /nchan/status counts one Redis connection per worker.
 * @param {number} port @param {number} workers @param {import('node:child_process').ChildProcess} child @param {() => string} log
 */
async function waitForWorkers(port, workers, child, log) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    assertRunning(child, log);
    const text = await fetch(`http://127.0.0.1:${port}/nchan/status`).then((res) => res.text(), () => '');
    const connected = Number(/redis connected servers: (\d+)/.exec(text)?.[1] ?? 0);
    if (connected >= workers) return;
    if (Date.now() > deadline) throw new Error(`port ${port}: ${connected} of ${workers} workers connected to Redis:\n${log()}`);
    await sleep(5);
  }
}

/** @param {number} port @param {import('node:child_process').ChildProcess} child */
async function waitForRedis(port, child) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    assertRunning(child);
    const pong = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.setTimeout(500, () => socket.destroy());
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
      socket.once('close', () => resolve(false));
    });
    if (pong) return;
    if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not answer PING`);
    await sleep(5);
  }
}

/** @param {string} file */
function readTail(file) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no log)';
  }
}

/** @param {number} ms */
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * @template T
 * @param {Promise<T>} promise @param {number} ms @param {string} message
 * @returns {Promise<T>}
 */
function withTimeout(promise, ms, message) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
