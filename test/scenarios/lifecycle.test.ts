// Lifecycle scenarios F36–F39 of RELIABILITY.md: offline and back, a hidden tab and
// the back-forward cache, 1,000 random API operations, and stop() at the awkward
// moments. Each drives a real store over a real transport through the TCP fault
// proxy, and checks the hub's published seqs against what the store delivered.
import { expect } from '@open-wc/testing';
import { createNotificationStore, type Classify, type Transport } from '../../src/headless.js';
import { range, sleep } from '../helpers/collect.js';
import { channel, control, hubLog, setOffline, waitFor } from '../helpers/hub.js';
import { openProxy, recordFigure, scaled, type FaultProxy } from '../helpers/scenario.js';
import {
  CAP_MS,
  createProbe,
  instrument,
  LETTERS,
  ms,
  now,
  oracle,
  publish,
  rig,
  rigs,
  transportFor,
  type Endpoint,
  type Rig,
} from '../helpers/scenario-rig.js';

/** How long Chromium may keep a cancelled response's socket while draining its body (seen: ~5 s). */
const DRAIN_MS = 7_000;

/** Emulates `document.visibilityState` (the page cannot hide itself) and fires visibilitychange. */
function setHidden(hidden: boolean | undefined): void {
  if (hidden === undefined) {
    Reflect.deleteProperty(document, 'visibilityState');
    Reflect.deleteProperty(document, 'hidden');
  } else {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (hidden ? 'hidden' : 'visible'),
    });
    Object.defineProperty(document, 'hidden', {
      configurable: true,
      get: () => hidden,
    });
  }
  document.dispatchEvent(new Event('visibilitychange'));
}

/**
 * Counts what the library leaves behind: window listeners for the network and
 * page-lifecycle events, and timers/intervals created by library code (a frame
 * of /src/ on the stack) that neither fired nor were cleared. Pass-through: the
 * real functions run; only the bookkeeping is added.
 */
function leakMeter() {
  const TYPES = new Set(['online', 'offline', 'pagehide', 'pageshow']);
  const listeners: {
    type: string;
    listener: EventListenerOrEventListenerObject;
  }[] = [];
  const timers = new Set<number>();
  const intervals = new Set<number>();
  // The globals patched below, as they were, to put back.
  const PATCHED = [
    'addEventListener',
    'removeEventListener',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'fetch',
    'WebSocket',
    'EventSource',
  ];
  const raw = new Map<string, unknown>(PATCHED.map((key): [string, unknown] => [key, Reflect.get(window, key)]));
  const RealWebSocket = window.WebSocket;
  const RealEventSource = window.EventSource;
  const saved = {
    addEventListener: window.addEventListener.bind(window),
    removeEventListener: window.removeEventListener.bind(window),
    setTimeout: window.setTimeout.bind(window),
    clearTimeout: window.clearTimeout.bind(window),
    setInterval: window.setInterval.bind(window),
    clearInterval: window.clearInterval.bind(window),
  };
  const original = {
    ...saved,
    add: saved.addEventListener,
    remove: saved.removeEventListener,
  };
  const library = `${location.origin}/src/`;
  const fromLibrary = (): boolean => new Error().stack?.includes(library) === true;
  type Listen = (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) => void;
  const add: Listen = (type, listener, options) => {
    if (listener && TYPES.has(type) && !listeners.some((l) => l.type === type && l.listener === listener))
      listeners.push({ type, listener });
    if (listener) original.add(type, listener, options);
  };
  const remove: Listen = (type, listener, options) => {
    const index = listeners.findIndex((l) => l.type === type && l.listener === listener);
    if (index >= 0) listeners.splice(index, 1);
    if (listener) original.remove(type, listener, options);
  };
  window.addEventListener = add as typeof window.addEventListener;
  window.removeEventListener = remove as typeof window.removeEventListener;
  window.setTimeout = ((handler: TimerHandler, timeout?: number, ...args: unknown[]): number => {
    if (!fromLibrary() || typeof handler !== 'function') return original.setTimeout(handler, timeout, ...args);
    const id: number = original.setTimeout(
      (...callArgs: unknown[]) => {
        timers.delete(id);
        (handler as (...a: unknown[]) => void)(...callArgs);
      },
      timeout,
      ...args,
    );
    timers.add(id);
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number): void => {
    if (id !== undefined) timers.delete(id);
    original.clearTimeout(id);
  }) as typeof window.clearTimeout;
  window.setInterval = ((handler: TimerHandler, timeout?: number, ...args: unknown[]): number => {
    const id = original.setInterval(handler, timeout, ...args);
    if (fromLibrary()) intervals.add(id);
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number): void => {
    if (id !== undefined) intervals.delete(id);
    original.clearInterval(id);
  }) as typeof window.clearInterval;
  // Connections the library opens: fetch() calls and WebSocket / EventSource constructions.
  let requests = 0;
  const realFetch = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    if (fromLibrary()) requests++;
    return realFetch(input, init);
  };
  type Constructor = new (...args: unknown[]) => object;
  const counting = <T extends object>(target: T): T =>
    new Proxy(target, {
      construct(real, args: unknown[], newTarget: object) {
        if (fromLibrary()) requests++;
        return Reflect.construct(real as Constructor, args, newTarget as Constructor);
      },
    });
  window.WebSocket = counting(RealWebSocket);
  window.EventSource = counting(RealEventSource);
  return {
    /** Connections the library started (fetch, WebSocket, EventSource). */
    requests: () => requests,
    listeners: () => listeners.length,
    timers: () => timers.size + intervals.size,
    restore() {
      for (const [key, value] of raw) Reflect.set(window, key, value);
    },
  };
}

/** A small seeded PRNG, so a failing churn can be replayed from the seed in its message. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('lifecycle (F36–F39)', () => {
  let proxy: FaultProxy;
  let c: string;
  const viaProxy: Endpoint = (transport, query) => proxy.url(c, transport, query);

  beforeEach(async () => {
    proxy = await openProxy();
    c = channel('life');
  });
  afterEach(async () => {
    for (const r of rigs.splice(0)) r.store.stop();
    if (!navigator.onLine) await setOffline(false);
    setHidden(undefined);
    await proxy.close();
    await control(c, { action: 'reset' });
  });

  for (const letter of LETTERS) {
    it(`F36 ${letter}: offline for 60 s (scaled): 0 attempts; one attempt ≤ 1 s after online; resume with 0 loss`, async function () {
      this.timeout(15_000);
      const r = rig(transportFor(letter, viaProxy));
      r.store.start();
      let lastSeq = await publish(c, 5);
      await waitFor(() => r.delivered.length === lastSeq);
      await waitFor(async () => (await hubLog(c)).open === 1);
      const requestsBefore = (await hubLog(c)).requests.length;
      const acceptedBefore = (await proxy.stats()).accepted;
      // Measured from the moment the test asks to go back online: the library's `online`
      // listener runs before any the test could add, so this over-counts by the emulation's
      // own latency (a CDP round trip), never under-counts.
      let onlineAt = Infinity;
      let offline: {
        requests: number;
        refused: number;
        accepted: number;
        attempts: number;
      };
      try {
        expect(await setOffline(true), 'the launcher emulates offline').to.equal(true);
        await waitFor(() => r.store.$status.get() === 'offline', {
          message: () => `status ${r.store.$status.get()}`,
        });
        await waitFor(async () => (await hubLog(c)).open === 0, {
          message: 'the live connection closed',
        });
        const attemptsBefore = r.probe.attempts.length;
        lastSeq = await publish(c, 4); // while away
        await sleep(scaled(60_000));
        const log = await hubLog(c);
        offline = {
          requests: log.requests.length - requestsBefore,
          refused: log.requests.filter((q) => q.offline).length,
          accepted: (await proxy.stats()).accepted - acceptedBefore,
          attempts: r.probe.attempts.length - attemptsBefore,
        };
      } finally {
        onlineAt = now();
        await setOffline(false);
      }
      await waitFor(() => r.delivered.length === lastSeq, { timeout: 3000 });
      const reattempt = r.probe.attempts.find((t) => t >= onlineAt);
      const reopened = r.probe.opens.find((t) => t >= onlineAt);
      const resumed = (await hubLog(c)).requests[requestsBefore];
      expect(offline.attempts, 'attempts while offline').to.equal(0);
      expect(offline.requests, 'requests the hub saw while offline').to.equal(0);
      expect(offline.refused, 'requests refused as offline').to.equal(0);
      expect(offline.accepted, 'TCP connections while offline').to.equal(0);
      expect(reattempt, 'an attempt after online').to.not.equal(undefined);
      expect(reopened! - onlineAt, 'online → open').to.be.below(1000);
      expect(r.probe.attempts.filter((t) => t >= onlineAt && t <= reopened!).length, 'attempts to get back').to.equal(1);
      expect(resumed?.lastEventId, 'resumed from the last id').to.equal('5');
      const result = oracle(r, lastSeq);
      await recordFigure({
        id: 'F36',
        transport: letter,
        expect: '0 attempts offline; one attempt ≤ 1 s after online; resume, 0 loss',
        measured:
          `${ms(scaled(60_000))} offline (60 s scaled): 0 attempts, 0 requests, 0 TCP connects; online → attempt ${ms(reattempt! - onlineAt)}, ` +
          `open ${ms(reopened! - onlineAt)} (limit 1 s), resumed from 5; ${result}`,
      });
    });
  }

  for (const letter of ['S', 'W'] as const) {
    it(`F37 ${letter}: stays connected while hidden; bfcache away and back: connections 1 → 0 → 1, resumed with the last id, 0 loss`, async function () {
      this.timeout(20_000);
      const r = rig(transportFor(letter, viaProxy));
      r.store.start();
      let lastSeq = await publish(c, 3);
      await waitFor(() => r.delivered.length === lastSeq);
      await waitFor(async () => (await hubLog(c)).open === 1);
      const requestsBefore = (await hubLog(c)).requests.length;

      // Hidden for 5 min (scaled: 3 s). The hub sends no `:` keep-alives (see F05), so events
      // every 150 ms keep the SSE stream from being replaced for silence, as keep-alives would.
      setHidden(true);
      expect(document.visibilityState).to.equal('hidden');
      const hiddenUntil = now() + scaled(5 * 60_000);
      while (now() < hiddenUntil) {
        lastSeq = await publish(c, 1);
        await sleep(150);
      }
      await waitFor(() => r.delivered.length === lastSeq);
      const hiddenLog = await hubLog(c);
      setHidden(false);
      expect(hiddenLog.requests.length - requestsBefore, 'new connections while hidden').to.equal(0);
      expect(hiddenLog.open, 'open while hidden').to.equal(1);
      const hiddenEvents = lastSeq - 3;

      // Back-forward cache: the browser fires these around it; a test cannot navigate its own page away.
      const connections = [(await hubLog(c)).open];
      const beforeAway = (await hubLog(c)).requests.length;
      const lastId = r.delivered.at(-1);
      try {
        window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
        await waitFor(async () => (await hubLog(c)).open === 0, {
          message: 'connection closed on pagehide',
        });
        connections.push(0);
        lastSeq = await publish(c, 3);
        await sleep(2 * CAP_MS);
        expect((await hubLog(c)).requests.length - beforeAway, 'requests while in the bfcache').to.equal(0);
        expect(r.probe.raw.length, 'events while in the bfcache').to.equal(lastSeq - 3);
      } finally {
        window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      }
      await waitFor(() => r.delivered.length === lastSeq);
      const back = await hubLog(c);
      connections.push(back.open);
      expect(connections, 'connections at the hub').to.deep.equal([1, 0, 1]);
      const describe = back.requests
        .slice(beforeAway)
        .map((q) => `${q.at}:${q.lastEventId ?? '-'}:${q.status}`)
        .join(' ');
      const why = r.probe.statuses
        .slice(-8)
        .map((x) => `${x.status}${x.detail?.error ? `(${x.detail.error.message})` : ''}`)
        .join(' ');
      expect(back.requests.length - beforeAway, `reconnects on pageshow: ${describe}; ${why}`).to.equal(1);
      expect(back.requests[beforeAway]?.lastEventId, 'resumed with the last id').to.equal(lastId);
      const result = oracle(r, lastSeq);
      await recordFigure({
        id: 'F37',
        transport: letter,
        expect: 'stays connected hidden; bfcache: connections 1 → 0 → 1, resumed with the last id, 0 loss',
        measured:
          `hidden ${ms(scaled(5 * 60_000))} (5 min scaled): 0 reconnects, ${hiddenEvents} events delivered; ` +
          `bfcache: connections ${connections.join(' → ')}, 0 requests while away, resumed from ${lastId ?? '?'}; ${result}`,
      });
    });
  }

  // Over SSE, a sample sometimes shows a second stream at the hub for up to ~5 s after the
  // page cancelled it: Chromium drains a cancelled response body to reuse the connection
  // (its body drainer gives up after a few seconds), so the socket outlives the request.
  // Diagnosed with every fetch reader and EventSource tracked: all were cancelled or
  // closed, and the hub's count fell to 0 about 5 s after stop() in every case. So a
  // second stream must be gone within DRAIN_MS, and the figure counts how often it was seen.
  for (const letter of LETTERS) {
    it(
      `F38 ${letter}: 1,000 random API operations; ≤ 1 connection at any settled moment, nothing left after stop()`,
      async function () {
        this.timeout(150_000);
        const seed = Math.floor(Math.random() * 2 ** 31);
        const random = mulberry32(seed);
        const probe = createProbe();
        const meter = leakMeter();
        try {
          const baseline = {
            listeners: meter.listeners(),
            timers: meter.timers(),
          };
          let variant = 0;
          const fresh = (): Transport =>
            instrument(transportFor(letter, viaProxy, letter === 'S' ? { native: variant++ % 2 === 1 } : {}), probe);
          const store = createNotificationStore({ transport: fresh() });
          const delivered: string[] = [];
          store.on('notification', (n) => delivered.push(n.id));
          rigs.push({ store, probe, delivered });
          const OPS = ['start', 'start', 'stop', 'switch', 'cut', 'fin', 'publish', 'wait', 'wait'] as const;
          const counts: Record<string, number> = {};
          const settled: number[] = [];
          let lateCloses = 0;
          let drained = 0;
          let longestDrain = 0;
          let lastSeq = 0;
          const settle = async (): Promise<void> => {
            // The hub sees a closed socket a moment after the client closed it (an aborted
            // fetch's FIN was seen up to ~100 ms late under load): sample once things settle,
            // and again later when it shows two: a leaked stream stays open, a late FIN does not.
            await sleep(150);
            let open = (await hubLog(c)).open;
            if (open > 1) {
              lateCloses++;
              await sleep(300);
              open = (await hubLog(c)).open;
            }
            if (open > 1) {
              // a stream the browser is still draining after the page cancelled it
              const since = now();
              while (open > 1 && now() - since < DRAIN_MS) {
                await sleep(250);
                open = (await hubLog(c)).open;
              }
              drained++;
              longestDrain = Math.max(longestDrain, now() - since + 450);
            }
            settled.push(open);
          };
          for (let i = 0; i < 1000; i++) {
            const op = OPS[Math.floor(random() * OPS.length)]!;
            counts[op] = (counts[op] ?? 0) + 1;
            if (op === 'start') store.start();
            else if (op === 'stop') store.stop();
            else if (op === 'switch') store.setTransport(fresh());
            else if (op === 'cut') await control(c, { action: 'cut' });
            else if (op === 'fin') await proxy.fin();
            else if (op === 'publish') lastSeq = await publish(c, 1);
            else await sleep(Math.floor(random() * 20));
            if (i % 40 === 39) await settle();
          }
          const hub = await hubLog(c);
          expect(Math.max(...settled), `open connections, sampled settled (seed ${seed}): ${settled.join(' ')}`).to.be.at.most(1);

          // Everything published arrives once the churn ends, exactly once.
          store.start();
          lastSeq = await publish(c, 2);
          await waitFor(() => new Set(delivered).size === lastSeq, {
            timeout: 5000,
            message: () => `${new Set(delivered).size} of ${lastSeq}`,
          });
          expect(delivered.length, 'duplicates announced by the store').to.equal(lastSeq);
          expect(
            [...delivered].sort((a, b) => Number(a) - Number(b)),
            'every published id',
          ).to.deep.equal(range(1, lastSeq));

          store.stop();
          const issuedAtStop = meter.requests();
          const afterStopBefore = probe.afterStop;
          // A request the client sent just before stop() can reach the hub through the proxy
          // after it (40–70 ms in transit seen under load): the hub's count starts once settled.
          await sleep(150);
          const requestsAtStop = (await hubLog(c)).requests.length;
          await publish(c, 3);
          await sleep(2 * CAP_MS);
          // the last stream may still be draining in the browser (see above)
          await waitFor(async () => (await hubLog(c)).open === 0, { timeout: DRAIN_MS, message: 'open at the hub after stop()' });
          const end = await hubLog(c);
          const proxyStats = await proxy.stats();
          expect(meter.requests() - issuedAtStop, 'connections the library started after stop()').to.equal(0);
          expect(end.open, 'open at the hub after stop()').to.equal(0);
          expect(end.requests.length - requestsAtStop, 'requests at the hub after stop()').to.equal(0);
          expect(probe.afterStop - afterStopBefore, 'sink calls after stop()').to.equal(0);
          expect(store.$status.get()).to.equal('idle');
          expect(meter.listeners() - baseline.listeners, 'window listeners left (online/offline/pagehide/pageshow)').to.equal(0);
          expect(meter.timers() - baseline.timers, 'library timers and intervals left').to.equal(0);
          await recordFigure({
            id: 'F38',
            transport: letter,
            expect: '≤ 1 connection at any time; 0 leaks after stop',
            measured:
              `1,000 ops (seed ${seed}; ${Object.entries(counts)
                .map(([k, v]) => `${v} ${k}`)
                .join(', ')}): ` +
              `max ${Math.max(...settled)} open in ${settled.length} settled samples (${lateCloses ? `${lateCloses - drained} showed 2 at 150 ms and 1 at 450 ms, a late FIN; ` : ''}` +
              `${drained ? `${drained} showed a cancelled stream Chromium was still draining, gone within ${ms(longestDrain)}; ` : ''}` +
              `hub peak ${hub.maxOpen} incl. closes not yet seen, ` +
              `proxy peak ${proxyStats.maxOpen} TCP incl. idle keep-alive); ${hub.requests.length} connections; ${lastSeq} events once each; ` +
              `${meter.requests()} connections started by the library; after stop: 0 started, 0 open, 0 requests, 0 sink calls, 0 listeners, 0 timers`,
          });
        } finally {
          meter.restore();
        }
      },
    );
  }

  for (const letter of LETTERS) {
    it(`F39 ${letter}: stop() while connecting, in backoff, and during a 401 refresh is final: 0 requests, 0 events after it`, async function () {
      this.timeout(20_000);
      const quiet = 2 * CAP_MS;
      const measured: string[] = [];
      const watchAfterStop = async (name: string, r: Rig, requests: () => Promise<number>): Promise<void> => {
        const requestsAtStop = await requests();
        const sinkCalls = r.probe.afterStop;
        const delivered = r.delivered.length;
        const statuses = r.probe.statuses.length;
        await publish(name, 3);
        await sleep(quiet);
        expect((await requests()) - requestsAtStop, 'requests after stop()').to.equal(0);
        expect(r.probe.afterStop - sinkCalls, 'sink calls after stop()').to.equal(0);
        expect(r.probe.statuses.length - statuses, 'statuses after stop()').to.equal(0);
        expect(r.delivered.length - delivered, 'events after stop()').to.equal(0);
        expect(r.store.$status.get()).to.equal('idle');
      };

      // 1. CONNECTING: the TCP connection is accepted and never answered.
      {
        await proxy.set({ stallNew: true });
        // A connect timeout of 60 s (600 ms scaled) keeps the attempt in CONNECTING long enough to stop it there.
        const r = rig(transportFor(letter, viaProxy, { connectTimeoutMs: 60_000 }));
        r.store.start();
        await waitFor(async () => (await proxy.stats()).open >= 1, {
          message: 'a stalled connection',
        });
        expect(r.probe.failures, 'still connecting').to.have.length(0);
        r.store.stop();
        await proxy.set({ stallNew: false });
        await watchAfterStop(c, r, async () => (await proxy.stats()).accepted);
        expect((await hubLog(c)).requests, 'requests at the hub').to.have.length(0);
        expect((await proxy.stats()).open, 'the stalled socket was closed').to.equal(0);
        measured.push('connecting: 0 requests, 0 events, stalled socket closed');
      }

      // 2. In backoff: a 503, then a 300 ms (scaled) delay; stop() 50 ms into it.
      {
        const name = channel('life-backoff');
        try {
          await control(name, { action: 'respond', status: 503, times: 1 });
          const r = rig(
            transportFor(letter, (t, q) => proxy.url(name, t, q), {
              backoff: { baseMs: 30_000, random: () => 0.999 },
            }),
          );
          r.store.start();
          await waitFor(() => r.probe.failures.length === 1);
          const delay = r.probe.failures[0]!.retryInMs;
          expect(delay, 'the backoff delay').to.be.closeTo(299.7, 1e-6);
          await sleep(50);
          expect(r.probe.attempts, 'still in backoff').to.have.length(1);
          r.store.stop();
          await watchAfterStop(name, r, async () => (await hubLog(name)).requests.length);
          expect((await hubLog(name)).requests, 'requests at the hub').to.have.length(1);
          measured.push(`backoff (${ms(delay)} delay, stopped 50 ms in): 0 requests, 0 events`);
        } finally {
          await control(name, { action: 'reset' });
        }
      }

      // 3. During a 401 refresh: refreshCredentials() is pending when stop() comes.
      {
        const name = channel('life-auth');
        try {
          let release: (value: Record<string, string>) => void = () => {};
          let refreshes = 0;
          const refreshCredentials = (): Promise<Record<string, string>> => {
            refreshes++;
            return new Promise((resolve) => (release = resolve));
          };
          // A WebSocket cannot read the status of a refused upgrade; an app signals auth
          // with a close code instead, mapped to `auth` by its classify table.
          const classify: Classify = ({ closeCode }) => (closeCode === 4401 ? 'auth' : undefined);
          const r = rig(
            transportFor(letter, (t, q) => proxy.url(name, t, q), {
              refreshCredentials,
              classify,
            }),
          );
          if (letter === 'W') {
            r.store.start();
            await waitFor(() => r.probe.opens.length === 1);
            await control(name, {
              action: 'closeWs',
              code: 4401,
              reason: 'token expired',
            });
          } else {
            await control(name, { action: 'respond', status: 401, times: -1 });
            r.store.start();
          }
          await waitFor(() => refreshes === 1, {
            message: 'refreshCredentials() called',
          });
          r.store.stop();
          release({ Authorization: 'Bearer fresh' });
          await watchAfterStop(name, r, async () => (await hubLog(name)).requests.length);
          expect((await hubLog(name)).requests, 'requests at the hub').to.have.length(1);
          expect(refreshes, 'refreshes').to.equal(1);
          measured.push('401 refresh pending, then resolved: 0 requests, 0 events');
        } finally {
          await control(name, { action: 'reset' });
        }
      }

      await recordFigure({
        id: 'F39',
        transport: letter,
        expect: 'final: 0 requests and 0 events after stop()',
        measured: `${measured.join('; ')} (each watched ${ms(quiet)} = 2× the scaled cap, 3 events published)`,
      });
    });
  }
});
