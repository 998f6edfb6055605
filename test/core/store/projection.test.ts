// What the views read: $items newest first without archived or opted-out topics, and the unread count.
import { expect } from '@open-wc/testing';
import { createNotificationStore } from '../../../src/core/store/index.js';

const note = (id: number, fields: Record<string, unknown> = {}) => ({ id: `n${id}`, title: `N${id}`, createdAt: 1_700_000_000_000 + id * 1000, ...fields });

describe('store projection', () => {
  it('leaves out archived items and topics whose feed is off, and counts only what it shows', () => {
    const store = createNotificationStore({ topics: [{ id: 'billing', label: 'Billing' }] });
    store.add([note(1), note(2, { topic: 'billing' }), note(3, { read: true }), note(4)]);
    expect(store.$items.get().map((n) => n.id)).to.deep.equal(['n4', 'n3', 'n2', 'n1']);
    expect(store.$unreadCount.get()).to.equal(3);
    store.archive('n4');
    store.setPreference('billing', 'feed', false);
    expect(store.$items.get().map((n) => n.id)).to.deep.equal(['n3', 'n1']);
    expect(store.$unreadCount.get()).to.equal(1);
  });

  it('counts on top of what it showed when newer items arrive, and the same when rebuilt', () => {
    const store = createNotificationStore();
    store.add([note(1), note(2)]);
    store.add([note(3), note(4, { read: true })]);
    expect(store.$unreadCount.get()).to.equal(3);
    store.add([note(0)]); // older: at the bottom
    expect(store.$items.get().map((n) => n.id)).to.deep.equal(['n4', 'n3', 'n2', 'n1', 'n0']);
    expect(store.$unreadCount.get()).to.equal(4);
    store.markAllRead();
    expect(store.$unreadCount.get()).to.equal(0);
  });
});
