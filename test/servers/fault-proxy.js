// A TCP proxy that sits between the browser and a real server on 127.0.0.1 and
// misbehaves on request, the way networks do: latency, bytes sliced into tiny
// TCP writes, a black hole (bytes stop, no FIN), a reset (RST), a cut after N
// bytes, and connections accepted but never forwarded. It knows nothing about
// HTTP, SSE or WebSocket: what it breaks, it breaks at the byte level, so the
// browser's own network stack sees exactly what a bad network would give it.

import net from 'node:net';

/**
 * @typedef {object} ProxyFaults
 * @property {number} [latencyMs] each chunk (both directions) is held this long, order kept
 * @property {0 | 1 | 'random'} [slice] 1 = forward downstream bytes one per TCP write,
 *   'random' = in writes of 1–7 bytes, 0 = as they come
 * @property {boolean} [stallNew] new connections are accepted and never forwarded
 *   (the TCP handshake succeeds; no HTTP answer, no 101, ever)
 */

/**
 * @typedef {object} ProxyStats
 * @property {number} accepted connections accepted since the proxy opened
 * @property {number} open     connections open now
 * @property {number} maxOpen
 * @property {number} bytesDown bytes forwarded to clients
 */

/**
 * @typedef {object} Pipe
 * @property {net.Socket} client
 * @property {net.Socket | null} upstream
 * @property {boolean} holed  black-holed: nothing is forwarded any more, nothing is closed
 * @property {number} resetAfter downstream bytes still allowed before a reset (Infinity = off)
 * @property {boolean} [resetting] the reset is scheduled
 * @property {Lane} down      bytes on their way to the client
 * @property {Lane} up        bytes on their way to the server
 */

/**
 * @typedef {object} Lane
 * @property {{ due: number, piece: Buffer | null }[]} items pending pieces in order (null = reset here)
 * @property {boolean} scheduled a drain is pending
 */

/**
 * @param {{ host: string, port: number }} target
 */
export async function createFaultProxy(target) {
  /** @type {Required<ProxyFaults>} */
  const faults = { latencyMs: 0, slice: 0, stallNew: false };
  /** @type {Set<Pipe>} */
  const pipes = new Set();
  const stats = { accepted: 0, open: 0, maxOpen: 0, bytesDown: 0 };
  /** @type {Set<ReturnType<typeof setTimeout>>} */
  const timers = new Set();

  /** @param {() => void} fn @param {number} ms */
  function later(fn, ms) {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  }

  /** @type {Set<ReturnType<typeof setImmediate>>} */
  const immediates = new Set();
  /** @param {() => void} fn */
  function soon(fn) {
    const handle = setImmediate(() => {
      immediates.delete(handle);
      fn();
    });
    immediates.add(handle);
  }

  /** @param {Pipe} pipe */
  function drop(pipe) {
    if (!pipes.delete(pipe)) return;
    stats.open = pipes.size;
  }

  /**
   * Forwards a chunk, applying latency and (downstream) slicing. Each direction
   * has one queue drained by one timer chain, so pieces leave in order: separate
   * timers per piece do not fire in order under load.
   * @param {Pipe} pipe @param {Buffer} chunk @param {'down' | 'up'} direction
   */
  function forward(pipe, chunk, direction) {
    if (pipe.holed) return;
    let pieces = [chunk];
    if (direction === 'down') {
      if (pipe.resetAfter !== Infinity) {
        const allowed = chunk.subarray(0, pipe.resetAfter);
        pipe.resetAfter -= allowed.length;
        pieces = [allowed];
      }
      if (faults.slice !== 0) pieces = pieces.flatMap((piece) => slices(piece, faults.slice));
    }
    const queue = pipe[direction];
    const due = Date.now() + faults.latencyMs;
    for (const piece of pieces) if (piece.length > 0) queue.items.push({ due, piece });
    if (direction === 'down' && pipe.resetAfter === 0 && !pipe.resetting) {
      pipe.resetting = true;
      queue.items.push({ due, piece: null });
    }
    drain(pipe, direction);
  }

  /**
   * Writes what is due, in order; sliced pieces go out one per macrotask so the
   * kernel does not merge them all again and the browser reads them in pieces.
   * @param {Pipe} pipe @param {'down' | 'up'} direction
   */
  function drain(pipe, direction) {
    const queue = pipe[direction];
    if (queue.scheduled) return;
    const to = direction === 'down' ? pipe.client : pipe.upstream;
    const spaced = direction === 'down' && faults.slice !== 0;
    while (queue.items.length > 0) {
      if (pipe.holed || !to || to.destroyed) {
        queue.items.length = 0;
        return;
      }
      const next = queue.items[0];
      const wait = next.due - Date.now();
      if (wait > 0) break;
      queue.items.shift();
      if (next.piece === null) {
        later(() => resetPipe(pipe), 20);
        return;
      }
      if (direction === 'down') stats.bytesDown += next.piece.length;
      to.write(next.piece);
      if (spaced) break;
    }
    if (queue.items.length === 0) return;
    queue.scheduled = true;
    const again = () => {
      queue.scheduled = false;
      drain(pipe, direction);
    };
    const wait = queue.items[0].due - Date.now();
    // a macrotask between sliced writes is enough to keep them apart; 1 ms timers made 40 KB take 10 s
    if (wait <= 0) soon(again);
    else later(again, wait);
  }

  /** @param {Pipe} pipe */
  function resetPipe(pipe) {
    if (!pipe.client.destroyed) pipe.client.resetAndDestroy();
    pipe.upstream?.destroy();
    drop(pipe);
  }

  /** @param {Pipe} pipe */
  function finPipe(pipe) {
    pipe.client.end();
    pipe.upstream?.destroy();
    drop(pipe);
  }

  const server = net.createServer((client) => {
    client.setNoDelay(true);
    /** @type {Pipe} */
    const pipe = {
      client,
      upstream: null,
      holed: false,
      resetAfter: Infinity,
      down: { items: [], scheduled: false },
      up: { items: [], scheduled: false },
    };
    pipes.add(pipe);
    stats.accepted += 1;
    stats.open = pipes.size;
    stats.maxOpen = Math.max(stats.maxOpen, stats.open);
    client.on('error', () => {});
    client.on('close', () => {
      pipe.upstream?.destroy();
      drop(pipe);
    });
    if (faults.stallNew) {
      // Read and discard what the client sends; never answer, never close.
      pipe.holed = true;
      client.resume();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    pipe.upstream = upstream;
    upstream.setNoDelay(true);
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => {
      // The server closed: pass the FIN on once the data before it has gone out.
      const finish = () => {
        if (pipe.holed) return;
        if (pipe.down.items.length > 0) later(finish, 5);
        else client.end();
      };
      finish();
    });
    upstream.on('data', (chunk) => forward(pipe, chunk, 'down'));
    client.on('data', (chunk) => forward(pipe, chunk, 'up'));
  });

  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fault proxy: no port');

  return {
    port: address.port,
    /** @param {ProxyFaults} next */
    set(next) {
      if (next.latencyMs !== undefined) faults.latencyMs = Math.max(0, Number(next.latencyMs) || 0);
      if (next.slice !== undefined) faults.slice = next.slice === 1 || next.slice === 'random' ? next.slice : 0;
      if (next.stallNew !== undefined) faults.stallNew = next.stallNew === true;
    },
    /** Open connections go silent both ways and stay open (no FIN, no RST). */
    blackhole() {
      for (const pipe of pipes) pipe.holed = true;
      return pipes.size;
    },
    /** RST on every open connection. */
    reset() {
      const n = pipes.size;
      for (const pipe of [...pipes]) resetPipe(pipe);
      return n;
    },
    /** FIN on every open connection (a clean close from the network's side). */
    fin() {
      const n = pipes.size;
      for (const pipe of [...pipes]) finPipe(pipe);
      return n;
    },
    /** Each open connection is reset once `bytes` more bytes went down to its client. */
    resetAfter(/** @type {number} */ bytes) {
      for (const pipe of pipes) pipe.resetAfter = Math.max(0, Math.floor(bytes));
      return pipes.size;
    },
    /** @returns {ProxyStats} */
    stats() {
      return { ...stats };
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const handle of immediates) clearImmediate(handle);
      immediates.clear();
      for (const pipe of [...pipes]) {
        pipe.client.destroy();
        pipe.upstream?.destroy();
        drop(pipe);
      }
      return new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

/** @param {Buffer} chunk @param {1 | 'random'} mode */
function slices(chunk, mode) {
  /** @type {Buffer[]} */
  const out = [];
  for (let i = 0; i < chunk.length; ) {
    const size = mode === 1 ? 1 : 1 + Math.floor(Math.random() * 7);
    out.push(chunk.subarray(i, i + size));
    i += size;
  }
  return out;
}
