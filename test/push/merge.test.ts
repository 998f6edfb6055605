// merge(...transports): one store fed by a live connection and Web Push. What the store relies
// on: each keeps its own cursor, a relayed push moves none, and what crossTab() and webPush()
// hand the store (tabs, push) survives the merge. Fake transports; a web-test-runner file.
import { expect } from '@open-wc/testing';
import { createNotificationStore } from '../../src/core/store/index.js';
import type { PushControl, TabSync, Transport, TransportSink } from '../../src/core/model/types.js';
import { merge } from '../../src/transports/merge.js';

function fake(extra: Partial<Transport> = {}): Transport & { sink?: TransportSink; cursors: (string | undefined)[] } {
  const transport: Transport & { sink?: TransportSink; cursors: (string | undefined)[] } = {
    ...extra,
    cursors: [],
    connect(sink) {
      transport.sink = sink;
      transport.cursors.push(sink.cursor());
      sink.status('open');
      return () => undefined;
    },
  };
  return transport;
}

const tabs: TabSync = { role: () => 'leader', anyVisible: () => true, share: () => undefined, follow: () => () => undefined, onRole: () => () => undefined };
const followed: unknown[] = [];
const push: PushControl = { state: () => 'subscribed', onState: () => () => undefined, onRead: () => () => undefined, onEnable: () => () => undefined, follow: (preferences) => void followed.push(preferences) };

describe('merge', () => {
  it('passes crossTab’s tabs and webPush’s push control to the store', () => {
    const store = createNotificationStore({ transport: merge(fake({ tabs }), fake({ push })) });
    expect(store.tabs).to.equal(tabs);
    expect(store.$role.get()).to.equal('leader');
    expect(store.push).to.equal(push);
    expect(followed.length).to.be.greaterThan(0, 'the push control follows the preferences');
  });

  it('keeps the live connection’s cursor where a relayed push left it, and dedupes by id', () => {
    const live = fake();
    const relay = fake({ push });
    const store = createNotificationStore({ transport: merge(live, relay) });
    store.start();
    live.sink!.message(JSON.stringify({ id: 'a', title: 'A' }), { id: '7' });
    relay.sink!.message(JSON.stringify({ id: 'b', title: 'B' }), { cursorless: true });
    relay.sink!.message(JSON.stringify({ id: 'a', title: 'A' }), { cursorless: true });
    store.flush();
    expect(store.$items.get().map((n) => n.id).sort()).to.deep.equal(['a', 'b']);
    expect(store.cursor).to.equal('7');
    expect(live.sink!.cursor()).to.equal('7');
    store.stop();
  });

  it('reports the live connection’s status, not the push’s', () => {
    const live: Transport = { connect: (sink) => (sink.status('reconnecting'), () => undefined) };
    const store = createNotificationStore({ transport: merge(live, fake({ push })) });
    store.start();
    expect(store.$status.get()).to.equal('reconnecting');
    store.stop();
  });
});
