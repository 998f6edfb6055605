// The toast policy without any element: what becomes a toast, for how long, and the burst summary.
import { expect } from '@open-wc/testing';
import { createNotificationStore, type NotificationStore } from '../../src/core/store/index.js';
import { createToasts, type ToastEntry, type Toasts } from '../../src/core/toasts.js';
import { useFakeClock } from '../helpers/fake-clock.js';

const note = (id: number, fields: Record<string, unknown> = {}) => ({
  id: `n${id}`,
  title: `N${id}`,
  createdAt: 1_700_000_000_000 + id * 1000,
  ...fields,
});
const notes = (from: number, to: number, fields: Record<string, unknown> = {}) =>
  Array.from({ length: to - from + 1 }, (_, i) => note(from + i, fields));
const keys = (toasts: Toasts): string[] =>
  toasts.$toasts.get().map((t: ToastEntry) => (t.notification ? t.notification.id : `summary:${t.count}`));
/** The store announces synchronously; the policy decides in a microtask. */
const decided = (): Promise<void> => Promise.resolve();

describe('createToasts', () => {
  let store: NotificationStore;
  let toasts: Toasts;
  let clock: ReturnType<typeof useFakeClock> | undefined;
  beforeEach(() => {
    store = createNotificationStore({ topics: [{ id: 'billing', label: 'Billing' }] });
  });
  afterEach(() => {
    toasts.destroy();
    clock?.restore();
    clock = undefined;
  });

  it('admits live, unread notifications the preferences allow, each id once', async () => {
    toasts = createToasts(store);
    store.setPreference('billing', 'toast', false);
    store.add([note(1), note(2, { read: true }), note(3, { topic: 'billing' })]);
    store.add({ type: 'snapshot', items: [note(1), note(4)] });
    await decided();
    expect(keys(toasts)).to.deep.equal(['n1']);
    toasts.dismiss('n:n1');
    store.add(note(1));
    await decided();
    expect(keys(toasts)).to.deep.equal([]);
  });

  it('folds a burst larger than the free slots into one summary, which later arrivals join', async () => {
    toasts = createToasts(store);
    store.add(notes(1, 50));
    await decided();
    expect(keys(toasts)).to.deep.equal(['n50', 'n49', 'summary:48']);
    store.add(notes(51, 55));
    await decided();
    expect(keys(toasts)).to.deep.equal(['n50', 'n49', 'summary:53']);
  });

  it('never folds an urgent notification into the summary', async () => {
    toasts = createToasts(store, { max: 3 });
    store.add([note(1, { priority: 'urgent' }), ...notes(2, 30), note(31, { priority: 'urgent' })]);
    await decided();
    const entries = toasts.$toasts.get();
    expect(entries.filter((t) => t.notification?.priority === 'urgent').map((t) => t.notification?.id)).to.deep.equal(['n31', 'n1']);
    expect(entries.find((t) => t.count !== undefined)?.count).to.equal(29);
    expect(entries.length).to.equal(3);
  });

  it('queues urgent notifications beyond the slots and shows each when one frees', async () => {
    toasts = createToasts(store, { max: 2 });
    store.add(notes(1, 3, { priority: 'urgent' }));
    await decided();
    expect(keys(toasts)).to.deep.equal(['n2', 'n1']);
    toasts.dismiss('n:n1');
    expect(keys(toasts)).to.deep.equal(['n3', 'n2']);
  });

  it('expires each toast after duration (at least 4000 ms), holding the time while paused', async () => {
    clock = useFakeClock();
    toasts = createToasts(store, { duration: 1000 });
    store.add(note(1));
    await decided();
    clock.tick(3000);
    toasts.pause('hover');
    clock.tick(60_000);
    expect(keys(toasts), 'held').to.deep.equal(['n1']);
    toasts.resume('hover');
    clock.tick(999);
    expect(keys(toasts), 'the 1000 ms it had left minus 1').to.deep.equal(['n1']);
    clock.tick(1);
    expect(keys(toasts)).to.deep.equal([]);
  });

  it('hands the expiry to onExpire, which may keep the toast', async () => {
    clock = useFakeClock();
    const expired: string[] = [];
    toasts = createToasts(store, { onExpire: (entry) => expired.push(entry.key) });
    store.add(note(1));
    await decided();
    clock.tick(6000);
    expect(expired).to.deep.equal(['n:n1']);
    expect(keys(toasts)).to.deep.equal(['n1']);
    clock.tick(60_000);
    expect(expired, 'once').to.have.length(1);
  });

  it('drops a toast whose notification was read elsewhere, and shows a server update', async () => {
    toasts = createToasts(store);
    store.add(notes(1, 2));
    await decided();
    store.markRead('n1');
    expect(keys(toasts)).to.deep.equal(['n2']);
    store.add(note(2, { title: 'Updated' }));
    expect(toasts.$toasts.get()[0]?.notification?.title).to.equal('Updated');
  });

  it('stops listening once destroyed', async () => {
    toasts = createToasts(store);
    toasts.destroy();
    store.add(note(1));
    await decided();
    expect(keys(toasts)).to.deep.equal([]);
  });
});
