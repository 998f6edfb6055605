import { expect, fixture, html, nextFrame, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { createNotificationStore, type NotificationStore } from '../../src/core/store/index.js';
import '../../src/elements/notif-bell/notif-bell.define.js';
import { defaultBellStrings, type NotifBell } from '../../src/elements/notif-bell/notif-bell.js';
import '../../src/elements/notif-provider/notif-provider.define.js';
import type { NotifProvider } from '../../src/elements/notif-provider/notif-provider.js';
import { fromSubscribe } from '../../src/transports/from-subscribe.js';
import '../helpers/benign-errors.js';
import { channel, control, hubUrl, setOffline, waitFor } from '../helpers/hub.js';

const now = Date.now();
const unread = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `u${i}`, title: `Unread ${i}`, createdAt: now - i * 1000 }));

function storeWith(count: number): NotificationStore {
  const store = createNotificationStore();
  store.add(unread(count));
  return store;
}

async function bell(store: NotificationStore, template = html``): Promise<NotifBell> {
  const el = await fixture<NotifBell>(html`<notif-bell .store=${store}>${template}</notif-bell>`);
  await el.updateComplete;
  return el;
}

const part = (el: NotifBell, name: string): HTMLElement | null => el.shadowRoot!.querySelector(`[part~="${name}"]`);
const isOpen = (el: NotifBell): boolean => part(el, 'panel')!.matches(':popover-open');

describe('notif-bell', () => {
  it('renders a native button named by the count, with the badge hidden from screen readers', async () => {
    const el = await bell(storeWith(3));
    const button = part(el, 'button') as HTMLButtonElement;
    expect(button.tagName).to.equal('BUTTON');
    expect(button.getAttribute('aria-label')).to.equal('Notifications, 3 unread');
    expect(part(el, 'badge')!.textContent).to.equal('3');
    expect(part(el, 'badge')!.getAttribute('aria-hidden')).to.equal('true');
  });

  it('exports frozen default strings: no page can change another element\'s text by mutating them', () => {
    expect(Object.isFrozen(defaultBellStrings)).to.equal(true);
    expect(() => {
      (defaultBellStrings as { label: string }).label = 'hijacked';
    }).to.throw(TypeError);
  });

  it('hides the badge at zero', async () => {
    const el = await bell(createNotificationStore());
    expect(part(el, 'badge')).to.equal(null);
    expect(part(el, 'button')!.getAttribute('aria-label')).to.equal('Notifications');
  });

  it('is accessible closed and open, light and dark', async () => {
    const el = await bell(storeWith(2));
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    el.open = true;
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('caps the badge at max-count ("99+") and takes label and strings overrides', async () => {
    const el = await bell(storeWith(120));
    expect(part(el, 'badge')!.textContent).to.equal('99+');
    el.maxCount = 9;
    el.label = 'Alerts';
    el.strings = { unread: (n) => `${n} nuevas` };
    await el.updateComplete;
    expect(part(el, 'badge')!.textContent).to.equal('9+');
    expect(part(el, 'button')!.getAttribute('aria-label')).to.equal('Alerts, 120 nuevas');
  });

  it('the icon slot replaces the bell icon', async () => {
    const el = await bell(storeWith(1), html`<span slot="icon" id="custom">★</span>`);
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="icon"]')!;
    expect(slot.assignedElements()[0]?.id).to.equal('custom');
  });

  it('opens the panel with the feed on click, reflects open, fires notif-open and notif-close', async () => {
    const el = await bell(storeWith(2));
    const opened = oneEvent(el, 'notif-open');
    (part(el, 'button') as HTMLButtonElement).click();
    await opened;
    expect(isOpen(el)).to.equal(true);
    expect(el.hasAttribute('open')).to.equal(true);
    const feed = part(el, 'panel')!.querySelector('notif-feed')!;
    await waitFor(() => feed.shadowRoot!.querySelectorAll('[part~="item"]').length === 2);
    const closed = oneEvent(el, 'notif-close');
    el.open = false;
    await closed;
    expect(isOpen(el)).to.equal(false);
  });

  it('mounts the feed at the first open only, and keeps it (and its filter) after closing', async () => {
    const store = storeWith(2);
    const el = await bell(store);
    store.add(unread(5));
    store.flush();
    await el.updateComplete;
    // A bell never opened does no work for the feed, however many notifications arrive.
    expect(part(el, 'panel')!.querySelector('notif-feed')).to.equal(null);
    el.open = true;
    await oneEvent(el, 'notif-open');
    const feed = part(el, 'panel')!.querySelector('notif-feed')!;
    expect(feed).to.not.equal(null);
    feed.filter = 'unread';
    el.open = false;
    await oneEvent(el, 'notif-close');
    el.open = true;
    await oneEvent(el, 'notif-open');
    expect(part(el, 'panel')!.querySelector('notif-feed')).to.equal(feed);
    expect(feed.filter).to.equal('unread');
  });

  it('is never clipped by an overflow: hidden ancestor (top layer)', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="overflow:hidden;width:60px;height:60px;position:relative">
      <notif-bell .store=${storeWith(1)}></notif-bell>
    </div>`);
    const el = wrapper.querySelector('notif-bell')!;
    el.open = true;
    await el.updateComplete;
    await nextFrame();
    const rect = part(el, 'panel')!.getBoundingClientRect();
    expect(rect.width).to.be.greaterThan(200);
    const topmost = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
    expect(topmost === el || el.shadowRoot!.contains(topmost)).to.equal(true);
  });

  it('Escape closes the panel and returns focus to the button', async () => {
    const el = await bell(storeWith(2));
    (part(el, 'button') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => isOpen(el));
    await waitFor(() => el.shadowRoot!.activeElement !== part(el, 'button'));
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !isOpen(el));
    expect(el.open).to.equal(false);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'button'));
  });

  it('a click outside closes the panel', async () => {
    const el = await bell(storeWith(1));
    el.open = true;
    await el.updateComplete;
    await nextFrame();
    await sendMouse({ type: 'click', position: [5, window.innerHeight - 5] });
    await waitFor(() => !isOpen(el));
    expect(el.open).to.equal(false);
  });

  it('rings when the count grows', async () => {
    const store = storeWith(1);
    const el = await bell(store);
    expect(part(el, 'button')!.classList.contains('ringing')).to.equal(false);
    store.add({ id: 'new', title: 'New' });
    await el.updateComplete;
    expect(part(el, 'button')!.classList.contains('ringing')).to.equal(true);
  });

  it('shows the connection state in the indicator and the name', async () => {
    let report: (s: 'offline' | 'error' | 'open') => void = () => {};
    const store = createNotificationStore({
      transport: fromSubscribe((_emit, status) => {
        report = status;
      }),
    });
    store.start();
    const el = await bell(store);
    report('offline');
    await el.updateComplete;
    expect(part(el, 'status')).to.exist;
    expect(part(el, 'button')!.getAttribute('aria-label')).to.equal('Notifications, offline');
    report('open');
    await el.updateComplete;
    expect(part(el, 'status')).to.equal(null);
  });

  it('counts live notifications from an SSE server through a provider, and shows offline', async () => {
    const c = channel('bell');
    await control(c, { action: 'publish', count: 2 });
    const provider = await fixture<NotifProvider>(html`<notif-provider src=${hubUrl(c, 'sse')}><notif-bell></notif-bell></notif-provider>`);
    const el = provider.querySelector('notif-bell')!;
    await waitFor(() => part(el, 'badge')?.textContent === '2');
    await control(c, { action: 'publish', count: 1 });
    await waitFor(() => part(el, 'badge')?.textContent === '3');
    expect(await setOffline(true)).to.equal(true);
    try {
      await control(c, { action: 'cut' });
      await waitFor(() => part(el, 'button')!.getAttribute('aria-label')!.endsWith('offline'));
    } finally {
      await setOffline(false);
      await control(c, { action: 'reset' });
    }
  });
});
