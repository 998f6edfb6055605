// deploy/socketio (a socket.io server with @socket.io/redis-adapter) and its
// client transport (fromSubscribe around socket.io-client), for real: two
// Node processes and one Redis started by the `socketio` server command
// (test/servers/socketio-plugin.js), the store in this page.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { socketioNotifications } from '../../deploy/socketio/client.js';
import { createNotificationStore, type NotificationStore } from '../../src/core/store/index.js';
import type { ConnectionStatus, Transport } from '../../src/core/model/types.js';
import { waitFor } from '../helpers/hub.js';
import { tap } from '../helpers/tap.js';

const command = <T>(payload: Record<string, unknown>): Promise<T> => executeServerCommand<T, Record<string, unknown>>('socketio', payload);

let counter = 0;
const person = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${++counter}`;
const ids = (prefix: string, from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);
// Quick reconnects, so the test does not wait socket.io's default second.
const quick = { reconnectionDelay: 100, reconnectionDelayMax: 400 };

/** What the transport hands the store (notification ids), before the store's dedupe. */
function recorded(transport: Transport, log: (string | undefined)[], statuses?: { status: ConnectionStatus; at: number }[]): Transport {
  return tap(transport, {
    message(data) {
      const value = data as { id?: unknown };
      log.push(typeof value.id === 'string' ? value.id : undefined);
    },
    status: (status) => statuses?.push({ status, at: Date.now() }),
  });
}

describe('socket.io + @socket.io/redis-adapter through fromSubscribe (deploy/socketio)', function () {
  this.timeout(20_000);
  let node1: string;
  let store: NotificationStore | undefined;

  before(async function () {
    this.timeout(20_000);
    const started = await command<{ nodes: { url: string }[] }>({ op: 'start' });
    node1 = started.nodes[0]!.url;
  });

  afterEach(async () => {
    store?.stop();
    store = undefined;
    await command({ op: 'start-node', node: 0 });
  });

  it('a client on node 1 gets, in order, what the app publishes on node 2', async () => {
    const user = person('sio');
    const log: (string | undefined)[] = [];
    const order: string[] = [];
    store = createNotificationStore({ transport: recorded(socketioNotifications(node1, { auth: { token: user }, ...quick }), log) });
    store.on('notification', (n) => order.push(n.id));
    store.start();
    await waitFor(() => store!.$status.get() === 'open');
    const { eventIds } = await command<{ eventIds: number[] }>({ op: 'burst', user, count: 30, prefix: 'a', node: 1 });
    await waitFor(() => order.length >= 30);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(order).to.deep.equal(ids('a', 0, 30));
    expect(log).to.deep.equal(ids('a', 0, 30));
    expect(store.cursor).to.equal(String(eventIds.at(-1)));
  });

  it('node 1 crashes (SIGKILL) while node 2 keeps publishing: the client reconnects and resumes, nothing lost, nothing twice', async () => {
    const user = person('sio-crash');
    const log: (string | undefined)[] = [];
    const statuses: { status: ConnectionStatus; at: number }[] = [];
    const order: string[] = [];
    store = createNotificationStore({ transport: recorded(socketioNotifications(node1, { auth: { token: user }, ...quick }), log, statuses) });
    store.on('notification', (n) => order.push(n.id));
    store.start();
    await waitFor(() => store!.$status.get() === 'open');
    await command({ op: 'burst', user, count: 5, prefix: 'c', node: 1 });
    await waitFor(() => order.length === 5);

    const killedAt = Date.now();
    await command({ op: 'kill', node: 0, signal: 'SIGKILL' });
    await command({ op: 'burst', user, count: 10, prefix: 'c', from: 5, node: 1 });
    await waitFor(() => store!.$status.get() !== 'open');
    const { ms } = await command<{ ms: number }>({ op: 'start-node', node: 0 });
    await command({ op: 'burst', user, count: 5, prefix: 'c', from: 15, node: 1 });
    await waitFor(() => order.length >= 20, { timeout: 8000, message: () => `${order.length} of 20` });
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(order).to.deep.equal(ids('c', 0, 20), 'nothing lost, in order');
    expect(log).to.deep.equal(ids('c', 0, 20), 'nothing delivered twice');
    const reopened = statuses.find((s) => s.status === 'open' && s.at > killedAt);
    console.log(`[socketio crash] node 1 back in ${ms.toFixed(0)} ms; crash -> open again ${reopened ? reopened.at - killedAt : NaN} ms; the 10 published meanwhile replayed from Redis`);
  });

  it('away for more than the server keeps (105 > 100): the store resyncs through history and ends with all of them once', async () => {
    const user = person('sio-gap');
    const log: (string | undefined)[] = [];
    const resyncs: (string | undefined)[] = [];
    const historyCalls: (string | undefined)[] = [];
    store = createNotificationStore({
      transport: recorded(socketioNotifications(node1, { auth: { token: user }, ...quick }), log),
      history: async (before) => {
        historyCalls.push(before);
        return { items: ids('g', 3, 8).map((id) => ({ id, title: id })) };
      },
    });
    store.on('resync', (reason) => resyncs.push(reason));
    store.start();
    await waitFor(() => store!.$status.get() === 'open');
    await command({ op: 'burst', user, count: 3, prefix: 'g', node: 1 });
    await waitFor(() => store!.$items.get().length === 3);
    store.stop();
    await command({ op: 'burst', user, count: 105, prefix: 'g', from: 3, node: 1 });
    store.start();
    await waitFor(() => store!.$items.get().length === 108, { message: () => `${store!.$items.get().length} of 108` });
    expect(resyncs).to.deep.equal(['buffer-passed']);
    expect(historyCalls).to.deep.equal([undefined]);
    expect(log.filter(Boolean)).to.deep.equal([...ids('g', 0, 3), ...ids('g', 8, 108)]);
  });

  it('a short absence resumes exactly: no resync, nothing twice', async () => {
    const user = person('sio-short');
    const log: (string | undefined)[] = [];
    const resyncs: (string | undefined)[] = [];
    store = createNotificationStore({ transport: recorded(socketioNotifications(node1, { auth: { token: user }, ...quick }), log) });
    store.on('resync', (reason) => resyncs.push(reason));
    store.start();
    await waitFor(() => store!.$status.get() === 'open');
    await command({ op: 'burst', user, count: 3, prefix: 's', node: 1 });
    await waitFor(() => store!.$items.get().length === 3);
    store.stop();
    await command({ op: 'burst', user, count: 4, prefix: 's', from: 3, node: 1 });
    store.start();
    await waitFor(() => store!.$items.get().length === 7);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(resyncs).to.deep.equal([]);
    expect(log.filter(Boolean)).to.deep.equal(ids('s', 0, 7));
  });

  it('without a session the server refuses the connection and the store shows the auth state', async () => {
    store = createNotificationStore({ transport: socketioNotifications(node1, quick) });
    store.start();
    await waitFor(() => store!.$status.get() === 'error');
    expect(store.$statusDetail.get().error?.code).to.equal('auth');
  });
});
