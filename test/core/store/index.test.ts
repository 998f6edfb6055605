import { expect } from '@open-wc/testing';
import { createNotificationStore } from '../../../src/core/store/index.js';
import type { NotifError } from '../../../src/core/model/errors.js';
import type { Notification } from '../../../src/core/model/types.js';
import { fromSubscribe, type Emit } from '../../../src/transports/from-subscribe.js';

const at = (seconds: number): number => 1_700_000_000_000 + seconds * 1000;
const note = (id: number, extra: Record<string, unknown> = {}) => ({ id, title: `N${id}`, createdAt: at(id), ...extra });
const ids = (items: Notification[]): string[] => items.map((n) => n.id);

/** A store whose transport is a sink the test drives by hand (no network involved). */
function driven(options: Parameters<typeof createNotificationStore>[0] = {}) {
  let emit: Emit | undefined;
  const store = createNotificationStore({
    ...options,
    transport: fromSubscribe((e) => {
      emit = e;
    }),
  });
  store.start();
  const send = (data: unknown, meta?: { replay?: boolean }): void => {
    emit?.(typeof data === 'string' ? data : JSON.stringify(data), meta);
  };
  return { store, send };
}

describe('createNotificationStore', () => {
  afterEach(() => localStorage.clear());

  it('orders newest first by createdAt whatever the arrival order', () => {
    const { store, send } = driven();
    for (const id of [1, 3, 2, 4]) send(note(id));
    store.flush();
    expect(ids(store.$items.get())).to.deep.equal(['4', '3', '2', '1']);
  });

  it('dedupes by id: a repeat updates fields, keeps read state and is announced once', () => {
    const { store, send } = driven();
    const announced: string[] = [];
    store.on('notification', (n) => announced.push(n.id));
    send(note(1));
    store.flush();
    store.markRead('1');
    send(note(1, { title: 'edited' }));
    send(note(1, { title: 'edited' }));
    store.flush();
    expect(store.$items.get()).to.have.length(1);
    expect(store.$items.get()[0]?.title).to.equal('edited');
    expect(store.$items.get()[0]?.read).to.equal(true);
    expect(announced).to.deep.equal(['1']);
  });

  it('applies a burst in one update per frame', async () => {
    const { store, send } = driven({ maxItems: 2000 });
    let updates = 0;
    store.$items.listen(() => updates++);
    for (let i = 1; i <= 1000; i++) send(note(i));
    expect(store.$items.get()).to.have.length(0);
    // Staged on the next frame, published in the task after (a large publish gets its own task).
    for (let frame = 0; frame < 3 && store.$items.get().length < 1000; frame++) {
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    }
    expect(store.$items.get()).to.have.length(1000);
    expect(updates).to.equal(1);
  });

  it('caps at maxItems, evicting the oldest read ones first', () => {
    const { store, send } = driven({ maxItems: 3 });
    for (const id of [1, 2, 3]) send(note(id));
    store.flush();
    store.markRead('2');
    send(note(4));
    store.flush();
    expect(ids(store.$items.get())).to.deep.equal(['4', '3', '1']);
    send(note(5));
    store.flush();
    expect(ids(store.$items.get())).to.deep.equal(['5', '4', '3']);
  });

  it('never lets a live replay resurrect an evicted or removed id', () => {
    const { store, send } = driven({ maxItems: 2 });
    for (const id of [1, 2, 3]) send(note(id));
    store.flush();
    expect(ids(store.$items.get())).to.deep.equal(['3', '2']);
    send({ type: 'remove', ids: ['3'] });
    store.flush();
    send(note(1));
    send(note(3));
    store.flush();
    expect(ids(store.$items.get())).to.deep.equal(['2']);
  });

  it('counts unread and follows read, markAllRead and archive', () => {
    const { store, send } = driven();
    for (const id of [1, 2, 3]) send(note(id));
    store.flush();
    expect(store.$unreadCount.get()).to.equal(3);
    store.markRead(['1', '2']);
    expect(store.$unreadCount.get()).to.equal(1);
    store.archive('3');
    expect(ids(store.$items.get())).to.deep.equal(['2', '1']);
    expect(store.$unreadCount.get()).to.equal(0);
    send(note(4));
    store.flush();
    store.markAllRead();
    expect(store.$unreadCount.get()).to.equal(0);
  });

  it('applies the command envelopes: notification, read, remove, snapshot', () => {
    const { store, send } = driven();
    const silent: boolean[] = [];
    store.on('notification', (_n, info) => silent.push(info.silent));
    send({ type: 'notification', ...note(1) });
    send([note(2), note(3)]);
    send({ type: 'read', ids: ['2'] });
    send({ type: 'remove', ids: [3] });
    store.flush();
    expect(ids(store.$items.get())).to.deep.equal(['2', '1']);
    expect(store.$items.get()[0]?.read).to.equal(true);
    send({ type: 'snapshot', items: [note(7), note(1)] });
    store.flush();
    expect(ids(store.$items.get())).to.deep.equal(['7', '1']);
    // 3 was added and removed in the same frame: never shown, so never announced.
    expect(silent).to.deep.equal([false, false, true]);
  });

  it('rejects a read or remove whose ids have a hole or a bad id, and applies none of them', () => {
    const store = createNotificationStore();
    const errors: string[] = [];
    store.on('error', (e) => errors.push(e.message));
    store.add([note(1), note(2)]);
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point: add() takes JS values, not only JSON
    store.add({ type: 'read', ids: ['1', , '2'] });
    store.add({ type: 'remove', ids: ['1', {}] });
    expect(errors).to.deep.equal(['read: ids must be an array of ids', 'remove: ids must be an array of ids']);
    expect(store.$unreadCount.get()).to.equal(2);
    expect(ids(store.$items.get())).to.deep.equal(['2', '1']);
  });

  it('reports bad frames with a typed error and keeps the good ones', () => {
    const { store, send } = driven();
    const errors: NotifError[] = [];
    store.on('error', (e) => errors.push(e));
    send('{not json');
    send({ id: 9 });
    send({ type: 'explode' });
    send([note(1), { title: 'no id' }, note(2)]);
    store.flush();
    expect(errors.map((e) => e.code)).to.deep.equal([
      'invalid-json',
      'invalid-notification',
      'invalid-command',
      'invalid-notification',
    ]);
    expect(errors[0]?.raw).to.equal('{not json');
    expect(store.$errorCount.get()).to.equal(4);
    expect(ids(store.$items.get())).to.deep.equal(['2', '1']);
  });

  it('isolates a subscriber that throws: it is reported and the others still get every message', () => {
    const { store, send } = driven();
    const seen: string[] = [];
    const errors: NotifError[] = [];
    const thrown = new Error('boom');
    store.on('notification', (n) => {
      if (Number(n.id) % 3 === 0) throw thrown;
    });
    store.on('notification', (n) => seen.push(n.id));
    store.on('error', (e) => errors.push(e));
    for (let i = 1; i <= 6; i++) send(note(i));
    store.flush();
    expect(seen).to.have.length(6);
    expect(errors.map((e) => e.code)).to.deep.equal(['listener', 'listener']);
    // The report says what was thrown, and keeps it as the cause.
    expect(errors[0]?.message).to.contain('boom');
    expect(errors[0]?.cause).to.equal(thrown);
  });

  it('marks replays silent', () => {
    const { store, send } = driven();
    const silent: boolean[] = [];
    store.on('notification', (_n, info) => silent.push(info.silent));
    send(note(1), { replay: true });
    send({ ...note(2), replay: true });
    send(note(3));
    store.flush();
    expect(silent).to.deep.equal([true, true, false]);
  });

  it('persists read state and preferences under storageKey', () => {
    const first = driven({ storageKey: 'test-persist' });
    first.send(note(1));
    first.send(note(2));
    first.store.flush();
    first.store.markRead('1');
    first.store.setPreference('billing', 'toast', false);
    first.store.stop();

    const second = driven({ storageKey: 'test-persist' });
    second.send(note(1));
    second.send(note(2));
    second.store.flush();
    expect(second.store.$items.get().map((n) => [n.id, n.read])).to.deep.equal([
      ['2', false],
      ['1', true],
    ]);
    expect(second.store.$preferences.get().billing?.toast).to.equal(false);
  });

  it('survives corrupt persisted state', () => {
    localStorage.setItem('corrupt:state', '{"read": 5');
    localStorage.setItem('corrupt:preferences', '[1,2]');
    const { store, send } = driven({ storageKey: 'corrupt' });
    send(note(1));
    store.flush();
    expect(store.$unreadCount.get()).to.equal(1);
    expect(store.$preferences.get().default).to.deep.equal({ feed: true, toast: true, desktop: false });
  });

  it('resolves preferences: feed and toast on, desktop off, topic defaults, and hides opted-out topics from the feed', () => {
    const { store, send } = driven({
      topics: [
        { id: 'billing', label: 'Billing' },
        { id: 'social', label: 'Social', defaults: { toast: false } },
      ],
    });
    expect(store.$preferences.get()).to.deep.equal({
      default: { feed: true, toast: true, desktop: false },
      billing: { feed: true, toast: true, desktop: false },
      social: { feed: true, toast: false, desktop: false },
    });
    send(note(1, { topic: 'billing' }));
    send(note(2, { topic: 'social' }));
    send(note(3));
    store.flush();
    expect(store.allows(store.$items.get()[1] as Notification, 'toast')).to.equal(false);
    store.setPreference('billing', 'feed', false);
    expect(ids(store.$items.get())).to.deep.equal(['3', '2']);
  });

  it('pages history with loadMore: silent items, cursor passed, done at the end', async () => {
    const calls: (string | undefined)[] = [];
    const { store, send } = driven({
      history: async (before) => {
        calls.push(before);
        return before === 'p2' ? { items: [note(1)] } : { items: [note(2)], next: 'p2' };
      },
    });
    const silent: boolean[] = [];
    store.on('notification', (_n, info) => silent.push(info.silent));
    send(note(5));
    store.flush();
    await store.loadMore();
    expect(store.$history.get()).to.deep.equal({ loading: false, done: false });
    await store.loadMore();
    expect(calls).to.deep.equal(['5', 'p2']);
    expect(ids(store.$items.get())).to.deep.equal(['5', '2', '1']);
    expect(store.$history.get().done).to.equal(true);
    expect(silent).to.deep.equal([false, true, true]);
  });

  it('reports a failed history page and stays retryable', async () => {
    const { store } = driven({ history: () => Promise.reject(new Error('offline')) });
    const errors: string[] = [];
    store.on('error', (e) => errors.push(e.code));
    await store.loadMore();
    expect(errors).to.deep.equal(['http']);
    expect(store.$history.get()).to.include({ loading: false, done: false });
  });

  it('calls server actions after changing local state; a failure without a status keeps the change waiting', async () => {
    const calls: string[][] = [];
    const { store, send } = driven({
      actions: {
        markRead: async (list) => {
          calls.push(list);
          throw new Error('Failed to fetch');
        },
      },
    });
    const errors: string[] = [];
    store.on('error', (e) => errors.push(e.code));
    send(note(1));
    store.flush();
    store.markRead('1');
    expect(store.$items.get()[0]?.read).to.equal(true);
    await Promise.resolve();
    await Promise.resolve();
    expect(calls).to.deep.equal([['1']]);
    // A network failure is retried later, not reported: the read stays, waiting.
    expect(errors).to.deep.equal([]);
    expect(store.$pending.get()).to.equal(1);
    expect(store.$items.get()[0]?.read).to.equal(true);
  });

  it('markAllRead without a markAllRead action sends the unread ids to markRead; an action that throws at once waits like a network failure', async () => {
    const calls: string[][] = [];
    const { store, send } = driven({
      actions: {
        markRead: async (list) => {
          calls.push(list);
        },
        archive: () => {
          throw new Error('not signed in');
        },
      },
    });
    const errors: NotifError[] = [];
    store.on('error', (e) => errors.push(e));
    send([note(1), note(2), note(3, { read: true })]);
    store.flush();
    store.markAllRead();
    expect(calls.map((list) => [...list].sort())).to.deep.equal([['1', '2']]);
    expect(store.$unreadCount.get()).to.equal(0);
    store.archive('1');
    expect(ids(store.$items.get())).to.deep.equal(['3', '2']);
    await Promise.resolve();
    await Promise.resolve();
    expect(errors).to.deep.equal([]);
    expect(store.$pending.get()).to.equal(1);
  });

  it('add() applies at once, as a live message', () => {
    const store = createNotificationStore();
    const silent: boolean[] = [];
    store.on('notification', (_n, info) => silent.push(info.silent));
    store.add(note(1));
    expect(ids(store.$items.get())).to.deep.equal(['1']);
    expect(silent).to.deep.equal([false]);
  });

  it('add() of a large array shows the first slice at once and the rest within a few frames, in order', async () => {
    const store = createNotificationStore({ maxItems: 10_000 });
    const items = Array.from({ length: 5000 }, (_, i) => note(5000 - i));
    store.add(items);
    items.length = 0; // the caller reusing its array must not lose what it added
    expect(ids(store.$items.get()).slice(0, 2)).to.deep.equal(['5000', '4999']);
    const firstSlice = store.$items.get().length;
    expect(firstSlice).to.be.within(100, 2500);
    store.add(note(9999, { title: 'after' }));
    expect(store.$items.get()).to.have.length(firstSlice); // waits behind the first add, not before it
    for (let frame = 0; frame < 60 && store.$items.get().length < 5001; frame++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    const all = ids(store.$items.get());
    expect(all).to.have.length(5001);
    expect(all.slice(0, 3)).to.deep.equal(['9999', '5000', '4999']);
    expect(all.at(-1)).to.equal('1');
  });

  it('add() of up to 1,000 applies all of it at once', () => {
    const store = createNotificationStore({ maxItems: 2000 });
    store.add(Array.from({ length: 1000 }, (_, i) => note(i)));
    expect(store.$items.get()).to.have.length(1000);
  });

  it('flush() applies the rest of a large add() at once', () => {
    const store = createNotificationStore({ maxItems: 10_000 });
    const announced: string[] = [];
    store.on('notification', (n) => announced.push(n.id));
    store.add(Array.from({ length: 3500 }, (_, i) => note(i)));
    store.flush();
    expect(store.$items.get()).to.have.length(3500);
    expect(announced).to.have.length(3500);
    expect(new Set(announced).size).to.equal(3500);
  });

  it('a stream of bursts publishes about every 100 ms, not every frame, and single messages still land on the next frame', async () => {
    const { store, send } = driven({ maxItems: 20_000 });
    let updates = 0;
    store.$items.listen(() => updates++);
    const frames = async (n: number) => {
      for (let i = 0; i < n; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    };
    // 500 a frame for 12 frames: without the burst gap that is 12 updates (and 12 re-renders).
    for (let frame = 0; frame < 12; frame++) {
      for (let i = 1; i <= 500; i++) send(note(frame * 500 + i));
      await frames(1);
    }
    for (let frame = 0; frame < 60 && store.$items.get().length < 6000; frame++) await frames(1);
    expect(store.$items.get()).to.have.length(6000);
    expect(updates).to.be.within(2, 5);
    await new Promise((resolve) => setTimeout(resolve, 150)); // past the burst gap
    send(note(7000));
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    expect(ids(store.$items.get())[0]).to.equal('7000');
  });

  it('ignores a transport that keeps talking after stop()', () => {
    const { store, send } = driven();
    store.stop();
    send(note(1));
    store.flush();
    expect(store.$items.get()).to.have.length(0);
    expect(store.$status.get()).to.equal('idle');
  });
});

describe('preferences of an undeclared topic', () => {
  it('follow the default topic for every channel the person did not set', () => {
    const store = createNotificationStore({ topics: [{ id: 'ci', label: 'CI' }] });
    store.setPreference('default', 'toast', false);
    store.setPreference('social', 'feed', false);
    expect(store.$preferences.get().social).to.deep.equal({ feed: false, toast: false, desktop: false });
    expect(store.allows({ id: '1', title: 't', createdAt: 0, read: false, seen: false, archived: false, topic: 'other' }, 'toast')).to.equal(false);
  });
});
