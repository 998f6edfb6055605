import { ContextConsumer } from '@lit/context';
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { notificationStoreContext } from '../../src/context.js';
import { createNotificationStore, type NotificationStore } from '../../src/core/store/index.js';
import '../../src/elements/notif-provider/notif-provider.define.js';
import type { NotifProvider } from '../../src/elements/notif-provider/notif-provider.js';
import type { NotifErrorEvent } from '../../src/events/notif-error-event.js';
import type { NotifStatusEvent } from '../../src/events/notif-status-event.js';
import { channel, control, hubLog, hubUrl, waitFor } from '../helpers/hub.js';

/** A minimal element that reads the store the way every notif-* element does: by context. */
class StoreProbe extends LitElement {
  consumer = new ContextConsumer(this, { context: notificationStoreContext, subscribe: true });
  get store(): NotificationStore | undefined {
    return this.consumer.value;
  }
}
customElements.define('store-probe', StoreProbe);

describe('notif-provider', () => {
  let c: string;
  beforeEach(() => {
    c = channel('provider');
  });
  afterEach(() => control(c, { action: 'reset' }));

  it('renders nothing of its own and creates no store without src', async () => {
    const el = await fixture<NotifProvider>(html`<notif-provider><store-probe></store-probe></notif-provider>`);
    expect(getComputedStyle(el).display).to.equal('contents');
    expect(el.store).to.equal(undefined);
  });

  it('creates a store from src, provides it by context and delivers from a live SSE server', async () => {
    await control(c, { action: 'publish', count: 3 });
    const el = await fixture<NotifProvider>(
      html`<notif-provider src=${hubUrl(c, 'sse')} max-items="2"><store-probe></store-probe></notif-provider>`,
    );
    const probe = el.querySelector('store-probe') as StoreProbe;
    expect(probe.store).to.equal(el.store);
    await waitFor(() => probe.store?.$items.get().length === 2);
    expect(probe.store?.$items.get().map((n) => n.id)).to.deep.equal(['3', '2']);
  });

  it('.store is the store it made from src, the one every element inside uses', async () => {
    await control(c, { action: 'publish', count: 2 });
    const wrapper = await fixture(html`<div></div>`);
    // As a page written in plain HTML does it: markup first, then a look at the store.
    wrapper.innerHTML = `<notif-provider src="${hubUrl(c, 'sse')}"><store-probe></store-probe></notif-provider>`;
    const el = wrapper.querySelector('notif-provider')!;
    const store = el.store;
    expect(store, 'the created store').to.not.equal(undefined);
    expect((el.querySelector('store-probe') as StoreProbe).store).to.equal(store);
    await waitFor(() => store?.$items.get().length === 2);
    el.src = hubUrl(c, 'poll');
    el.transport = 'poll';
    await el.updateComplete;
    expect(el.store, 'the same store after a new src').to.equal(store);
  });

  it('a store set on .store replaces the created one: elements switch to it and the created one stops', async () => {
    const el = await fixture<NotifProvider>(html`<notif-provider src=${hubUrl(c, 'sse')}><store-probe></store-probe></notif-provider>`);
    const created = el.store!;
    await waitFor(() => created.$status.get() === 'open');
    const given = createNotificationStore();
    el.store = given;
    expect(el.store).to.equal(given);
    expect((el.querySelector('store-probe') as StoreProbe).store).to.equal(given);
    expect(created.$status.get()).to.equal('idle');
    await waitFor(async () => (await hubLog(c)).open === 0);
  });

  it('cross-tab: the store it makes shares one connection between two pages of this browser', async () => {
    await control(c, { action: 'publish', count: 2 });
    const el = await fixture<NotifProvider>(html`<notif-provider src=${hubUrl(c, 'sse')} cross-tab></notif-provider>`);
    const frame = document.createElement('iframe');
    frame.srcdoc = `<script>globalThis.process = { env: { NODE_ENV: 'development' } };</script>
      <script type="module">
        await import('/src/elements/notif-provider/notif-provider.define.ts');
        document.body.innerHTML = '<notif-provider src="${hubUrl(c, 'sse')}" cross-tab></notif-provider>';
      </script>`;
    document.body.append(frame);
    try {
      const other = (): NotifProvider | null | undefined => frame.contentDocument?.querySelector('notif-provider');
      await waitFor(() => el.store?.$items.get().length === 2 && other()?.store?.$items.get().length === 2);
      await waitFor(() => [el.store?.$role.get(), other()?.store?.$role.get()].sort().join() === 'follower,leader');
      expect((await hubLog(c)).requests.length, 'one connection for both pages').to.equal(1);
    } finally {
      frame.remove();
    }
  });

  it('starts its store once when connected, never per update', async () => {
    const store = createNotificationStore();
    let starts = 0;
    const start = store.start.bind(store);
    store.start = () => {
      starts++;
      start();
    };
    const el = await fixture<NotifProvider>(html`<notif-provider .store=${store}></notif-provider>`);
    for (const label of ['A', 'B', 'C']) {
      el.topics = [{ id: 'x', label }];
      await el.updateComplete;
    }
    expect(store.$topics.get()[0]?.label).to.equal('C');
    expect(starts).to.equal(1);
  });

  it('badge="title" puts the unread count in the document title, and takes it out when removed', async () => {
    const saved = document.title;
    document.title = 'My app';
    const before = document.title;
    const store = createNotificationStore();
    store.add([{ id: 1, title: 'One' }, { id: 2, title: 'Two' }]);
    const el = await fixture<NotifProvider>(html`<notif-provider .store=${store} badge="title"></notif-provider>`);
    await waitFor(() => document.title === `(2) ${before}`); // the badge code arrives on first use
    store.markRead('1');
    expect(document.title).to.equal(`(1) ${before}`);
    el.remove();
    expect(document.title).to.equal(before);
    document.title = saved;
  });

  it('re-dispatches status as notif-status and rejected frames as notif-error with error and raw', async () => {
    await control(c, { action: 'publish', frames: ['{oops'] });
    const statuses: string[] = [];
    const errors: NotifErrorEvent[] = [];
    const el = document.createElement('notif-provider');
    el.addEventListener('notif-status', (e: NotifStatusEvent) => statuses.push(e.status));
    el.addEventListener('notif-error', (e) => errors.push(e));
    el.src = hubUrl(c, 'sse');
    document.body.append(el);
    try {
      await waitFor(() => errors.length === 1);
      expect(statuses).to.include('open');
      expect(errors[0]?.error.code).to.equal('invalid-json');
      expect(errors[0]?.raw).to.equal('{oops');
      expect(errors[0]?.bubbles && errors[0]?.composed).to.equal(true);
    } finally {
      el.remove();
    }
  });

  it('switching transport reconnects the same store: items kept, cursor reset', async () => {
    await control(c, { action: 'publish', count: 2 });
    const el = await fixture<NotifProvider>(html`<notif-provider src=${hubUrl(c, 'sse')}></notif-provider>`);
    const store = el.store;
    await waitFor(() => store?.$items.get().length === 2);
    el.transport = 'websocket';
    el.src = hubUrl(c, 'ws');
    await waitFor(async () => (await hubLog(c)).requests.some((r) => r.transport === 'ws'));
    await control(c, { action: 'publish', count: 1 });
    await waitFor(() => store?.$items.get().length === 3);
    expect(el.store).to.equal(store);
    const ws = (await hubLog(c)).requests.find((r) => r.transport === 'ws');
    expect(ws?.lastEventId).to.equal(null);
  });

  it('stops its own store when removed from the page', async () => {
    const el = await fixture<NotifProvider>(html`<notif-provider src=${hubUrl(c, 'sse')}></notif-provider>`);
    await waitFor(() => el.store?.$status.get() === 'open');
    el.remove();
    await waitFor(async () => (await hubLog(c)).open === 0);
    expect(el.store?.$status.get()).to.equal('idle');
  });

  it('uses a store given as .store instead of creating one', async () => {
    const store = createNotificationStore();
    store.add({ id: 1, title: 'from code' });
    const el = await fixture<NotifProvider>(
      html`<notif-provider .store=${store} src=${hubUrl(c, 'sse')}><store-probe></store-probe></notif-provider>`,
    );
    expect((el.querySelector('store-probe') as StoreProbe).store).to.equal(store);
    expect((await hubLog(c)).requests).to.have.length(0);
  });

  it('reports an unknown transport name as notif-error', async () => {
    const el = document.createElement('notif-provider');
    const errors: NotifErrorEvent[] = [];
    el.addEventListener('notif-error', (e) => errors.push(e));
    el.setAttribute('transport', 'carrier-pigeon');
    el.src = '/nowhere';
    document.body.append(el);
    try {
      await waitFor(() => errors.length === 1);
      expect(errors[0]?.error.message).to.contain('carrier-pigeon');
    } finally {
      el.remove();
    }
  });
});
