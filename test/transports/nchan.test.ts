// nchan(url, { via }) against the real engine: two nginx + Nchan nodes sharing
// one Redis (test/servers/nchan-cluster.js, rendered from deploy/nchan's
// template), driven from this page through the `nchan` server command
// (test/servers/nchan-plugin.js). The page is http://localhost:<wtr port> and
// reaches the nodes cross-origin at http://localhost:<port>; the session is a
// `user=<channel>` cookie (same site as the page, so it goes to every node, to
// WebSocket handshakes too) or, for sse and poll, `Authorization: Bearer
// <channel>`: the built-in auth server of the cluster accepts both.
//
// Needs the Debian packages nginx, libnginx-mod-nchan and redis-server
// (.ci/run installs them). Figures (failover gap, restart recovery, idle) are
// printed, not asserted. The idle test runs 3 s with a 200 ms heartbeat and a
// 700 ms liveness timeout; NCHAN_IDLE_REAL=1 makes it a real minute with the
// defaults (25 s, 35 s), NCHAN_IDLE_MS another length.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createNotificationStore, type NotificationStore } from '../../src/core/store/index.js';
import type { ConnectionStatus, StatusDetail, Transport, TransportSink } from '../../src/core/model/types.js';
import { nchanIdBefore } from '../../src/core/wire/nchan.js';
import { nchan } from '../../src/transports/nchan.js';
import { waitFor } from '../helpers/hub.js';
import { tap } from '../helpers/tap.js';

type Via = 'sse' | 'websocket' | 'poll';
const VIAS: Via[] = ['sse', 'websocket', 'poll'];

interface Published {
  id: string;
  nchanId: string | undefined;
  status: number;
  at: number;
}
interface NodeInfo {
  index: number;
  port: number;
  url: string;
}

const command = <T>(payload: Record<string, unknown>): Promise<T> => executeServerCommand<T, Record<string, unknown>>('nchan', payload);

let counter = 0;
/** A channel (and its person) no other test uses: [A-Za-z0-9_-]{1,64}. */
const channel = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${++counter}`;

/** The session cookie of the built-in auth server; `undefined` logs out. */
function login(user: string | undefined): void {
  document.cookie = user === undefined ? 'user=; path=/; max-age=0' : `user=${user}; path=/`;
}

const fast = { baseMs: 100, capMs: 400 };

function make(via: Via, url: string, extra: Record<string, unknown> = {}): Transport {
  switch (via) {
    case 'sse':
      return nchan(url, { via, withCredentials: true, backoff: fast, ...extra });
    case 'websocket':
      return nchan(url, { via, backoff: fast, ...extra });
    case 'poll':
      return nchan(url, { via, withCredentials: true, backoff: fast, ...extra });
  }
}

interface Delivery {
  /** The notification id in the message, if it is one. */
  id: string | undefined;
  cursor: string | undefined;
  at: number;
}

/** Records what the transport hands the store, so duplicates show before the store's dedupe hides them. */
function recorded(transport: Transport, log: Delivery[], statuses?: { status: ConnectionStatus; at: number }[]): Transport {
  return tap(transport, {
    message: (data, meta) => log.push({ id: notificationId(data), cursor: meta?.id, at: Date.now() }),
    status: (status) => statuses?.push({ status, at: Date.now() }),
  });
}

function notificationId(data: unknown): string | undefined {
  try {
    const value: unknown = typeof data === 'string' ? JSON.parse(data) : data;
    return typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string' ? value.id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A test-side failover: the inner transport's first failure (a 'reconnecting'
 * with an error) moves the connection to the next URL, where it resumes from
 * the store's cursor. (A deployment puts a load balancer in front of the
 * nodes instead; the preset itself takes one URL.)
 */
function failover(urls: string[], create: (url: string) => Transport): Transport {
  return {
    connect(sink: TransportSink) {
      let index = 0;
      let closed = false;
      let stop: () => void = () => {};
      const open = (): void => {
        let moved = false;
        stop = create(urls[index]!).connect({
          message: (data, meta) => sink.message(data, meta),
          cursor: () => sink.cursor(),
          error: (error) => sink.error(error),
          status(status: ConnectionStatus, detail?: StatusDetail) {
            sink.status(status, detail);
            if (moved || status !== 'reconnecting' || !detail?.error) return;
            moved = true;
            queueMicrotask(() => {
              if (closed) return;
              stop();
              index = (index + 1) % urls.length;
              open();
            });
          },
        });
      };
      open();
      return () => {
        closed = true;
        stop();
      };
    },
  };
}

const ids = (prefix: string, from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);

describe('nchanIdBefore: the cursor a resume starts from, so that the message at the cursor comes back first', () => {
  it('steps back one tag, or to the last tag of the second before', () => {
    expect(nchanIdBefore('1796692048:3')).to.equal('1796692048:2');
    expect(nchanIdBefore('1796692048:0')).to.equal('1796692047:32767');
  });
  it('leaves ids of another shape alone', () => {
    for (const id of ['abc', '5', '1796692048:[0,1]', '1796692048:40000', '0:0', '']) expect(nchanIdBefore(id)).to.equal(undefined, id);
  });
});

describe('nchan(url, { via }) on a real nginx + Nchan + Redis cluster', function () {
  this.timeout(30_000);
  let A: string;
  let B: string;
  let store: NotificationStore | undefined;

  before(async function () {
    this.timeout(30_000);
    const started = await command<{ origin: string; nodes: NodeInfo[] }>({ op: 'start' });
    [A, B] = started.nodes.map((node) => node.url) as [string, string];
  });

  afterEach(async () => {
    store?.stop();
    store = undefined;
    login(undefined);
    // A test that crashed node A leaves it down: bring it back for the next one.
    await command({ op: 'start-node', node: 0 }).catch(() => {});
  });

  for (const via of VIAS) {
    it(`${via}: a burst of 50 published in one go on node B arrives on node A whole, in order, with Nchan's ids`, async () => {
      const ch = channel(`burst-${via}`);
      login(ch);
      const log: Delivery[] = [];
      const order: string[] = [];
      store = createNotificationStore({ transport: recorded(make(via, `${A}/sub/${ch}`), log) });
      store.on('notification', (n) => order.push(n.id));
      store.start();
      await waitFor(() => store!.$status.get() === 'open');

      const burst = await command<{ ids: string[]; statuses: number[] }>({ op: 'burst', channel: ch, count: 50, prefix: 'b', node: 1 });
      await waitFor(() => order.length >= 50, { message: () => `${order.length} of 50 arrived` });
      await new Promise((resolve) => setTimeout(resolve, 200));

      expect(order).to.deep.equal(ids('b', 0, 50));
      expect(log.filter((d) => d.id).map((d) => d.id)).to.deep.equal(ids('b', 0, 50), 'each delivered once by the transport');
      expect(store.cursor).to.equal(burst.ids.at(-1), "the store's cursor is Nchan's id of the last one");
      expect(store.$errorCount.get()).to.equal(0);
    });
  }

  for (const via of VIAS) {
    it(`${via}: node A killed (SIGKILL) mid-stream while the app publishes on node B: resumes on B, 0 lost, 0 duplicated`, async () => {
      const ch = channel(`failover-${via}`);
      login(ch);
      const log: Delivery[] = [];
      const statuses: { status: ConnectionStatus; at: number }[] = [];
      const order: string[] = [];
      const transport = recorded(failover([`${A}/sub/${ch}`, `${B}/sub/${ch}`], (url) => make(via, url)), log, statuses);
      store = createNotificationStore({ transport });
      store.on('notification', (n) => order.push(n.id));
      store.start();
      await waitFor(() => store!.$status.get() === 'open');

      const total = 60;
      const { stream } = await command<{ stream: number }>({ op: 'stream', channel: ch, count: total, intervalMs: 50, prefix: 'f', node: 1 });
      await waitFor(() => order.length >= 15, { timeout: 5000 });
      const killRequested = Date.now();
      const { at: killedAt } = await command<{ at: number }>({ op: 'kill', node: 0, signal: 'SIGKILL' });
      const published = await command<Published[]>({ op: 'stream-result', stream });
      await waitFor(() => order.length >= total, { timeout: 10_000, message: () => `${order.length} of ${total} arrived` });
      await new Promise((resolve) => setTimeout(resolve, 300));

      expect(published.every((p) => p.status === 201 || p.status === 202)).to.equal(true, 'node B took every publish');
      expect(order).to.deep.equal(ids('f', 0, total), '0 lost, in order');
      expect(log.filter((d) => d.id).map((d) => d.id)).to.deep.equal(ids('f', 0, total), '0 duplicated by the transport');
      expect(store.cursor).to.equal(published.at(-1)!.nchanId);

      // The gap: the longest silence between two deliveries around the crash (the app publishes every 50 ms).
      const arrivals = log.filter((d) => d.id).map((d) => d.at);
      const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]!);
      const reopened = statuses.find((s) => s.status === 'open' && s.at > killRequested && via !== 'poll');
      console.log(
        `[nchan failover ${via}] longest silence between deliveries ${Math.max(...gaps)} ms (publishing every 50 ms); ` +
          `kill requested -> open on B ${reopened ? `${reopened.at - killRequested} ms` : '(poll reports open per request)'}; ` +
          `node A gone ${killedAt - killRequested} ms after the request; ${order.length} of ${total} delivered once each`,
      );
    });
  }

  for (const via of VIAS) {
    it(`${via}: an nginx restart (the 410 it sends every subscriber) is survived: open again, the next publish arrives`, async () => {
      const ch = channel(`restart-${via}`);
      login(ch);
      const statuses: { status: ConnectionStatus; at: number }[] = [];
      const log: Delivery[] = [];
      const order: string[] = [];
      store = createNotificationStore({ transport: recorded(make(via, `${A}/sub/${ch}`), log, statuses) });
      store.on('notification', (n) => order.push(n.id));
      store.start();
      await waitFor(() => store!.$status.get() === 'open');
      await command({ op: 'publish', channel: ch, body: { id: 'r0', title: 'before' } });
      await waitFor(() => order.includes('r0'));
      // Let a poll go back to its held request, so the 410 is what ends it.
      await new Promise((resolve) => setTimeout(resolve, 200));

      const restart = await command<{ at: number; readyMs: number }>({ op: 'restart', node: 0 });
      await waitFor(() => statuses.some((s) => s.at > restart.at && s.status === 'reconnecting'), { message: 'the restart ended the connection' });
      await waitFor(() => store!.$status.get() === 'open' && statuses.at(-1)!.status === 'open', { timeout: 5000 });
      const reopened = statuses.find((s) => s.status === 'open' && s.at > restart.at)!;
      const t = Date.now();
      await command({ op: 'publish', channel: ch, body: { id: 'r1', title: 'after' } });
      await waitFor(() => order.includes('r1'), { timeout: 5000 });
      const latency = Date.now() - t;

      expect(order).to.deep.equal(['r0', 'r1']);
      expect(statuses.some((s) => s.status === 'error' || s.status === 'closed')).to.equal(false, 'never terminal');
      console.log(
        `[nchan restart ${via}] SIGTERM + start took ${restart.readyMs.toFixed(0)} ms after the stop; restart -> open again ${reopened.at - restart.at} ms; ` +
          `next publish -> store ${latency} ms; statuses ${statuses.filter((s) => s.at > restart.at).map((s) => s.status).join(' ')}`,
      );
    });
  }

  it('websocket: stays open across an idle stretch with the heartbeat answered (heartbeat 200 ms, timeout 700 ms, 3 s idle)', async function () {
    const env = await command<{ idleMs: number; real: boolean }>({ op: 'env' });
    // NCHAN_IDLE_REAL=1: the default heartbeat (25 s) and liveness timeout (35 s) over a real minute.
    const timing = env.real ? {} : { heartbeatMs: 200, timeoutMs: 700 };
    this.timeout(env.idleMs + 20_000);
    const ch = channel('idle');
    login(ch);
    const statuses: { status: ConnectionStatus; at: number }[] = [];
    const log: Delivery[] = [];
    const errors: string[] = [];
    const order: string[] = [];
    store = createNotificationStore({ transport: recorded(make('websocket', `${A}/sub/${ch}`, timing), log, statuses) });
    store.on('error', (error) => errors.push(`${error.code}: ${error.message}`));
    store.on('notification', (n) => order.push(n.id));
    store.start();
    await waitFor(() => store!.$status.get() === 'open');
    const openedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, env.idleMs));
    await command({ op: 'publish', channel: ch, body: { id: 'i0', title: 'after the idle stretch' } });
    await waitFor(() => order.includes('i0'));

    const afterOpen = statuses.filter((s) => s.at >= openedAt).map((s) => s.status);
    expect(afterOpen).to.deep.equal([], 'no status change: the socket stayed open (no 1008, no liveness timeout)');
    expect(errors).to.deep.equal([], 'the pongs are not reported as bad frames');
    const replies = log.filter((d) => d.id === undefined).length;
    console.log(
      `[nchan idle websocket] open ${Date.now() - openedAt} ms idle (${env.real ? 'default heartbeat 25 s, timeout 35 s' : 'heartbeat 200 ms, timeout 700 ms'}); ` +
        `${replies} heartbeat replies, 0 status changes, the next publish arrived`,
    );
  });

  describe('authorization', () => {
    for (const via of ['sse', 'poll'] as const) {
      it(`${via}: without a session the subscribe is refused (401) and the store shows the auth state`, async () => {
        const ch = channel(`noauth-${via}`);
        login(undefined);
        store = createNotificationStore({ transport: make(via, `${A}/sub/${ch}`) });
        store.start();
        await waitFor(() => store!.$status.get() === 'error');
        expect(store.$statusDetail.get().error?.code).to.equal('auth');
        expect(store.$statusDetail.get().error?.status).to.equal(401);
      });

      it(`${via}: person A cannot read person B's channel (403, the auth state, nothing delivered)`, async () => {
        const alice = channel('alice');
        const bob = channel('bob');
        login(alice);
        const log: Delivery[] = [];
        await command({ op: 'publish', channel: bob, body: { id: 'secret', title: "bob's" } });
        store = createNotificationStore({ transport: recorded(make(via, `${A}/sub/${bob}`), log) });
        store.start();
        await waitFor(() => store!.$status.get() === 'error');
        expect(store.$statusDetail.get().error?.code).to.equal('auth');
        expect(store.$statusDetail.get().error?.status).to.equal(403);
        expect(log).to.deep.equal([]);
        expect(store.$items.get()).to.deep.equal([]);
      });

      it(`${via}: an Authorization header (no cookie) is a session too`, async () => {
        const ch = channel(`bearer-${via}`);
        login(undefined);
        store = createNotificationStore({ transport: make(via, `${A}/sub/${ch}`, { withCredentials: false, headers: { Authorization: `Bearer ${ch}` } }) });
        store.start();
        await waitFor(() => store!.$status.get() === 'open');
        await command({ op: 'publish', channel: ch, body: { id: 'h0', title: 'with a header' } });
        await waitFor(() => store!.$items.get().some((n) => n.id === 'h0'));
      });
    }

    it("websocket: a refused handshake (401, 403) never opens and nothing is delivered; the browser shows it only as a failed connection, so the store keeps retrying", async () => {
      const alice = channel('alice');
      const bob = channel('bob');
      await command({ op: 'publish', channel: bob, body: { id: 'secret', title: "bob's" } });
      const seen: { user: string | undefined; status: ConnectionStatus; code: string | undefined }[] = [];
      for (const user of [undefined, alice]) {
        login(user);
        const statuses: { status: ConnectionStatus; at: number }[] = [];
        const log: Delivery[] = [];
        store = createNotificationStore({ transport: recorded(make('websocket', `${A}/sub/${bob}`), log, statuses) });
        store.start();
        await waitFor(() => statuses.filter((s) => s.status === 'reconnecting').length >= 2);
        expect(statuses.some((s) => s.status === 'open')).to.equal(false);
        expect(log).to.deep.equal([]);
        seen.push({ user, status: store.$status.get(), code: store.$statusDetail.get().error?.code });
        store.stop();
      }
      const calls = await command<{ channel?: string; user?: string; type?: string; status: number }[]>({ op: 'auth-calls' });
      const decisions = calls.filter((c) => c.channel === bob && c.type === 'websocket').map((c) => c.status);
      expect(decisions).to.include(401);
      expect(decisions).to.include(403);
      console.log(`[nchan auth websocket] refused handshakes (the app answered ${[...new Set(decisions)].join(', ')}): store ${seen.map((s) => `${s.status}/${s.code}`).join(', ')}`);
    });
  });

  describe('a cursor older than the buffer (Nchan keeps 100 messages and sends no gap signal)', () => {
    for (const via of VIAS) {
      it(`${via}: after 105 messages while away, the store resyncs through history and ends with all of them once`, async () => {
        const ch = channel(`gap-${via}`);
        login(ch);
        const log: Delivery[] = [];
        const resyncs: (string | undefined)[] = [];
        const historyCalls: (string | undefined)[] = [];
        // The app's history endpoint knows every notification (here: those the buffer lost).
        const history = async (before?: string) => {
          historyCalls.push(before);
          return { items: ids('g', 3, 8).map((id) => ({ id, title: id })) };
        };
        store = createNotificationStore({ transport: recorded(make(via, `${A}/sub/${ch}`), log), history });
        store.on('resync', (reason) => resyncs.push(reason));
        store.start();
        await command({ op: 'burst', channel: ch, count: 3, prefix: 'g' });
        await waitFor(() => store!.$items.get().length === 3);
        store.stop();

        // Away: 105 more; Redis keeps the newest 100 (g8 … g107), g3 … g7 are gone. Node A
        // restarts meanwhile: a node that just had a subscriber on the channel keeps its
        // own copy of it for a while, untrimmed (all 105 came back from it here).
        await command({ op: 'burst', channel: ch, count: 105, prefix: 'g', from: 3 });
        await command({ op: 'restart', node: 0 });
        store.start();
        await waitFor(() => store!.$items.get().length === 108, { message: () => `${store!.$items.get().length} of 108 held` });

        expect(resyncs.length).to.equal(1, 'one resync');
        expect(historyCalls).to.deep.equal([undefined], 'history loaded once, from the top');
        expect(new Set(store.$items.get().map((n) => n.id))).to.deep.equal(new Set(ids('g', 0, 108)));
        const streamed = log.filter((d) => d.id).map((d) => d.id);
        expect(streamed).to.deep.equal([...ids('g', 0, 3), ...ids('g', 8, 108)], 'the stream: the first 3, then the buffer; nothing twice');
        console.log(`[nchan gap ${via}] cursor evicted: resync "${resyncs[0]}", history filled g3 … g7`);
      });

      it(`${via}: a short absence (the cursor still buffered) resumes exactly: no resync, nothing twice`, async () => {
        const ch = channel(`nogap-${via}`);
        login(ch);
        const log: Delivery[] = [];
        const resyncs: (string | undefined)[] = [];
        let historyCalls = 0;
        store = createNotificationStore({
          transport: recorded(make(via, `${A}/sub/${ch}`), log),
          history: async () => {
            historyCalls++;
            return { items: [] };
          },
        });
        store.on('resync', (reason) => resyncs.push(reason));
        store.start();
        await command({ op: 'burst', channel: ch, count: 3, prefix: 'k' });
        await waitFor(() => store!.$items.get().length === 3);
        store.stop();
        await command({ op: 'burst', channel: ch, count: 5, prefix: 'k', from: 3 });
        store.start();
        await waitFor(() => store!.$items.get().length === 8);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(resyncs).to.deep.equal([]);
        expect(historyCalls).to.equal(0);
        expect(log.filter((d) => d.id).map((d) => d.id)).to.deep.equal(ids('k', 0, 8));
      });
    }
  });
});
