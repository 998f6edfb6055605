// The store fed by a real SSE connection: what a user sees after duplicates,
// reordering and command envelopes arrive over the wire.
import { expect } from '@open-wc/testing';
import { createNotificationStore, type NotificationStore } from '../../src/core/store/index.js';
import { sse } from '../../src/transports/sse.js';
import { channel, control, hubUrl, waitFor } from '../helpers/hub.js';

const note = (id: number) => ({ id: String(id), title: `N${id}`, createdAt: 1_700_000_000_000 + id * 1000 });

describe('store over a live SSE connection', () => {
  let c: string;
  let store: NotificationStore;
  beforeEach(() => {
    c = channel('store-sse');
  });
  afterEach(async () => {
    store.stop();
    await control(c, { action: 'reset' });
  });

  it('orders reordered frames and drops duplicates: 1,3,2,2,4 shows 4,3,2,1 and announces four', async () => {
    await control(c, { action: 'publish', frames: [note(1), note(3), note(2), note(2), note(4)] });
    store = createNotificationStore({ transport: sse(hubUrl(c, 'sse')) });
    const announced: string[] = [];
    store.on('notification', (n) => announced.push(n.id));
    store.start();
    await waitFor(() => store.$items.get().length === 4);
    await control(c, { action: 'publish', frames: [note(2)] });
    await waitFor(() => store.cursor === '6');
    store.flush();
    expect(store.$items.get().map((n) => n.id)).to.deep.equal(['4', '3', '2', '1']);
    expect(announced.sort()).to.deep.equal(['1', '2', '3', '4']);
  });

  it('applies read, remove and snapshot commands from the server', async () => {
    await control(c, { action: 'publish', frames: [note(1), note(2), note(3)] });
    store = createNotificationStore({ transport: sse(hubUrl(c, 'sse')) });
    store.start();
    await waitFor(() => store.$items.get().length === 3);
    await control(c, { action: 'publish', frames: [{ type: 'read', ids: ['2'] }, { type: 'remove', ids: ['3'] }] });
    await waitFor(() => store.$items.get().length === 2);
    expect(store.$items.get().map((n) => [n.id, n.read])).to.deep.equal([
      ['2', true],
      ['1', false],
    ]);
    await control(c, { action: 'publish', frames: [{ type: 'snapshot', items: [note(7), note(8)] }] });
    await waitFor(() => store.$items.get()[0]?.id === '8');
    expect(store.$items.get().map((n) => n.id)).to.deep.equal(['8', '7']);
    expect(store.$unreadCount.get()).to.equal(2);
  });

  it('caps at maxItems while a stream keeps coming', async () => {
    await control(c, { action: 'publish', count: 30 });
    store = createNotificationStore({ transport: sse(hubUrl(c, 'sse')), maxItems: 10 });
    store.start();
    await waitFor(() => store.cursor === '30');
    store.flush();
    expect(store.$items.get().map((n) => n.id)).to.deep.equal(['30', '29', '28', '27', '26', '25', '24', '23', '22', '21']);
  });
});
