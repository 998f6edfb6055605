// The way into the store: a burst is applied in one update per frame, never one per message.
import { expect, nextFrame } from '@open-wc/testing';
import { createNotificationStore } from '../../../src/core/store/index.js';
import { fromSubscribe, type Emit } from '../../../src/transports/from-subscribe.js';

function driven() {
  let emit: Emit | undefined;
  const store = createNotificationStore({
    maxItems: 100_000,
    transport: fromSubscribe((e) => {
      emit = e;
    }),
  });
  store.start();
  const updates: number[] = [];
  store.$items.listen((items) => updates.push(items.length));
  return { store, send: (data: unknown) => emit?.(JSON.stringify(data)), updates };
}

describe('store ingest', () => {
  it('applies a burst of messages in one update on the next frame, not one per message', async () => {
    const { store, send, updates } = driven();
    for (let i = 0; i < 200; i++) send({ id: i, title: `N${i}`, createdAt: 1_700_000_000_000 + i });
    expect(store.$items.get(), 'nothing applied synchronously').to.have.length(0);
    await nextFrame();
    await nextFrame();
    expect(updates).to.deep.equal([200]);
  });

  it('flush() applies what is queued now', () => {
    const { store, send } = driven();
    send({ id: 1, title: 'One' });
    store.flush();
    expect(store.$items.get().map((n) => n.id)).to.deep.equal(['1']);
  });

  it('add() of 100,000 applies a first screenful at once and the rest in later tasks, in order', async () => {
    const { store } = driven();
    const items = Array.from({ length: 100_000 }, (_, i) => ({ id: i, title: `N${i}`, createdAt: 1_700_000_000_000 + i }));
    store.add(items);
    expect(store.$items.get().length, 'the first slice, before add() returns').to.equal(100);
    for (let i = 0; i < 400 && store.$items.get().length < 100_000; i++) await new Promise((r) => setTimeout(r, 10));
    const ids = store.$items.get().map((n) => Number(n.id));
    expect(ids.length).to.equal(100_000);
    expect(ids[0]).to.equal(99_999);
    expect(ids.at(-1)).to.equal(0);
  });
});
