import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createNotificationStore, type NotificationStore } from '../../src/core/store/index.js';
import { NotifError } from '../../src/core/model/errors.js';
import type { Notification } from '../../src/core/model/types.js';
import '../../src/elements/notif-feed/notif-feed.define.js';
import { defaultFeedStrings } from '../../src/elements/notif-feed/notif-feed.js';
import type { NotifFeed } from '../../src/elements/notif-feed/notif-feed.js';
import '../../src/elements/notif-provider/notif-provider.define.js';
import type { NotifProvider } from '../../src/elements/notif-provider/notif-provider.js';
import type { NotifClickEvent } from '../../src/events/notif-click-event.js';
import type { NotifReadEvent } from '../../src/events/notif-read-event.js';
import { fromSubscribe } from '../../src/transports/from-subscribe.js';
import '../helpers/benign-errors.js';
import { channel, control, hubUrl, waitFor } from '../helpers/hub.js';

const HOUR = 3600_000;
const now = Date.now();

function storeWith(items: Record<string, unknown>[], options: Parameters<typeof createNotificationStore>[0] = {}): NotificationStore {
  const store = createNotificationStore(options);
  store.add(items);
  return store;
}

const sample = (): Record<string, unknown>[] => [
  { id: 'a', title: 'Build passed', body: 'main is green', createdAt: now - 1000, topic: 'ci', url: '/builds/1' },
  { id: 'b', title: 'New comment', body: 'Looks good to me', createdAt: now - 2 * HOUR, topic: 'social', read: true },
  {
    id: 'c',
    title: 'Invoice ready',
    createdAt: now - 30 * HOUR,
    topic: 'billing',
    actions: [
      { id: 'pay', label: 'Pay now', url: 'https://pay.example/1' },
      { id: 'later', label: 'Remind me' },
    ],
  },
];

async function feed(store: NotificationStore, attrs = ''): Promise<NotifFeed> {
  const el = await fixture<NotifFeed>(html`<notif-feed .store=${store} theme=${attrs || 'light'}></notif-feed>`);
  if (store.$items.get().length) await waitFor(() => items(el).length > 0);
  return el;
}

/** `count` notifications, newest first one second apart: "Notification 0", "Notification 1"… */
const numbered = (count: number): Record<string, unknown>[] =>
  Array.from({ length: count }, (_, i) => ({ id: i, title: `Notification ${i}`, createdAt: now - i * 1000 }));
const listOf = (el: NotifFeed): HTMLElement => el.shadowRoot!.querySelector<HTMLElement>('[part~="list"]')!;
const items = (el: NotifFeed): HTMLElement[] => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="item"]')];
const titles = (el: NotifFeed): string[] => items(el).map((i) => i.querySelector('[part~="title"]')!.textContent.trim());
const button = (el: NotifFeed, label: string): HTMLButtonElement =>
  [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent.trim() === label)!;

async function settle(el: NotifFeed): Promise<void> {
  await nextFrame();
  await el.updateComplete;
  await nextFrame();
}

/** A feed 260px wide (titles wrap) over `items`, all applied, and its scrolling list. */
async function narrowFeed(items: Record<string, unknown>[]): Promise<{ el: NotifFeed; list: HTMLElement }> {
  const store = storeWith(items);
  store.flush();
  const el = await feed(store);
  el.style.inlineSize = '260px';
  await settle(el);
  return { el, list: listOf(el) };
}

describe('notif-feed', () => {
  it('renders newest first, grouped by day, with unread marked visually and for screen readers', async () => {
    const el = await feed(storeWith(sample()));
    expect(titles(el)).to.deep.equal(['Build passed', 'New comment', 'Invoice ready']);
    const headings = [...el.shadowRoot!.querySelectorAll('[role="heading"]')].map((h) => h.textContent);
    expect(headings[0]).to.equal('Today');
    expect(headings.length).to.be.at.least(2);
    const [first, second] = items(el);
    expect(first!.dataset.read).to.equal('false');
    expect(first!.textContent).to.contain('Unread:');
    expect(second!.dataset.read).to.equal('true');
    expect(second!.textContent).not.to.contain('Unread:');
    expect(first!.querySelector('[part~="time"]')!.textContent.trim()).to.match(/now|second|minute/);
  });

  it('gives the title part exactly the title: the unread prefix for screen readers is outside it', async () => {
    const el = await feed(storeWith(sample()));
    const [unread, read] = items(el);
    expect(unread!.querySelector('[part~="title"]')!.textContent).to.equal('Build passed');
    expect(read!.querySelector('[part~="title"]')!.textContent).to.equal('New comment');
    // The row still starts with "Unread:" for assistive tech, and only unread rows do.
    expect(unread!.textContent.trim()).to.match(/^Unread:\s+Build passed/);
    expect(read!.textContent).not.to.contain('Unread:');
  });

  it('is accessible in light and dark, empty and with items', async () => {
    await expect(await feed(storeWith(sample()))).to.be.accessible();
    await expect(await feed(storeWith(sample()), 'dark')).to.be.accessible();
    await expect(await feed(createNotificationStore())).to.be.accessible();
  });

  it('shows the empty state, replaceable through the empty slot', async () => {
    const el = await feed(createNotificationStore());
    expect(el.shadowRoot!.querySelector('[part="empty"]')!.textContent).to.contain("You're all caught up.");
    const slotted = await fixture<NotifFeed>(
      html`<notif-feed .store=${createNotificationStore()}><p slot="empty">Inbox zero!</p></notif-feed>`,
    );
    const slot = slotted.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="empty"]')!;
    expect(slot.assignedElements()[0]?.textContent).to.equal('Inbox zero!');
  });

  it('filters by unread and by topic, reflecting the filter attribute', async () => {
    const store = storeWith(sample(), { topics: [{ id: 'billing', label: 'Billing' }] });
    const el = await feed(store);
    button(el, 'Unread').click();
    await settle(el);
    expect(el.getAttribute('filter')).to.equal('unread');
    expect(titles(el)).to.deep.equal(['Build passed', 'Invoice ready']);
    button(el, 'Billing').click();
    await settle(el);
    expect(titles(el)).to.deep.equal(['Invoice ready']);
    expect(button(el, 'Billing').getAttribute('aria-selected')).to.equal('true');
  });

  it('exports frozen default strings: no page can change another element\'s text by mutating them', () => {
    expect(Object.isFrozen(defaultFeedStrings)).to.equal(true);
    expect(() => {
      (defaultFeedStrings as { empty: string }).empty = 'hijacked';
    }).to.throw(TypeError);
  });

  it('keeps six topic filters on one row, a scrollable tab list reachable by keyboard', async () => {
    const topics = ['Billing', 'Security', 'Deployments', 'Comments', 'Mentions', 'Releases'].map((label) => ({
      id: label.toLowerCase(),
      label,
    }));
    const el = await feed(storeWith(sample(), { topics }));
    el.style.inlineSize = '360px';
    await settle(el);
    const bar = el.shadowRoot!.querySelector<HTMLElement>('[role="tablist"]')!;
    const tabs = [...bar.querySelectorAll<HTMLElement>('[role="tab"]')];
    expect(tabs.map((t) => t.textContent.trim())).to.deep.equal(['All', 'Unread', ...topics.map((t) => t.label)]);
    expect(new Set(tabs.map((t) => Math.round(t.getBoundingClientRect().top))).size, 'rows of tabs').to.equal(1);
    expect(bar.scrollWidth, 'the bar scrolls instead').to.be.greaterThan(bar.clientWidth);
    // One tab stop: the selected tab.
    expect(tabs.map((t) => t.tabIndex)).to.deep.equal([0, -1, -1, -1, -1, -1, -1, -1]);
    tabs[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect(el.filter).to.equal('unread');
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Unread');
    await sendKeys({ press: 'End' });
    await settle(el);
    expect(el.filter).to.equal('releases');
    const last = el.shadowRoot!.activeElement!.getBoundingClientRect();
    const box = bar.getBoundingClientRect();
    expect(last.right, 'the selected tab is scrolled into view').to.be.at.most(box.right + 1);
    expect(last.left).to.be.at.least(box.left - 1);
    const panel = el.shadowRoot!.querySelector('[role="tabpanel"]')!;
    expect(panel.getAttribute('aria-labelledby')).to.equal(el.shadowRoot!.activeElement!.id);
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect(el.filter, 'wraps around').to.equal('all');
    await expect(el).to.be.accessible();
  });

  it('overrides strings partially', async () => {
    const store = createNotificationStore();
    const el = await fixture<NotifFeed>(html`<notif-feed .store=${store} .strings=${{ empty: 'Rien de neuf' }}></notif-feed>`);
    expect(el.shadowRoot!.querySelector('[part="empty"]')!.textContent).to.contain('Rien de neuf');
    expect(button(el, 'Mark all as read')).to.exist;
  });

  it('follows lang for relative times', async () => {
    const store = storeWith([{ id: 'x', title: 'Hola', createdAt: now - 3 * 60_000 }]);
    const el = await fixture<NotifFeed>(html`<div lang="es"><notif-feed .store=${store}></notif-feed></div>`).then(
      (div) => div.querySelector('notif-feed')!,
    );
    await settle(el);
    expect(el.shadowRoot!.querySelector('[part~="time"]')!.textContent).to.contain('hace 3 minutos');
  });

  it('says "now" for a notification under a minute old, in each language', async () => {
    const expected: Record<string, string> = { en: 'now', de: 'jetzt', fr: 'maintenant', ja: '今', ar: 'الآن' };
    for (const [lang, word] of Object.entries(expected)) {
      const store = storeWith([{ id: lang, title: 'Just now', createdAt: Date.now() - 20_000 }]);
      const el = await fixture<NotifFeed>(html`<div lang=${lang}><notif-feed .store=${store}></notif-feed></div>`).then(
        (div) => div.querySelector('notif-feed')!,
      );
      await settle(el);
      expect(el.shadowRoot!.querySelector('[part~="time"]')!.textContent.trim(), lang).to.equal(word);
    }
  });

  it('exposes the documented parts, with data-id and data-read on items', async () => {
    const el = await feed(storeWith(sample()));
    for (const part of ['list', 'item', 'title', 'body', 'time', 'action', 'mark-all']) {
      expect(el.shadowRoot!.querySelector(`[part~="${part}"]`), part).to.exist;
    }
    expect(items(el).map((i) => i.dataset.id)).to.deep.equal(['a', 'b', 'c']);
  });

  it('renderItem replaces the default template', async () => {
    const store = storeWith(sample());
    const el = await fixture<NotifFeed>(
      html`<notif-feed .store=${store} .renderItem=${(n: Notification) => html`<b class="custom">${n.title.toUpperCase()}</b>`}></notif-feed>`,
    );
    await settle(el);
    expect([...el.shadowRoot!.querySelectorAll('.custom')].map((b) => b.textContent)).to.deep.equal([
      'BUILD PASSED',
      'NEW COMMENT',
      'INVOICE READY',
    ]);
    expect(el.shadowRoot!.querySelector('[part~="title"]')).to.equal(null);
  });

  it('click fires notif-click then notif-read, marks read; a prevented click changes nothing', async () => {
    const store = storeWith(sample().map((n) => ({ ...n, url: undefined })));
    const el = await feed(store);
    const clicks: NotifClickEvent[] = [];
    el.addEventListener('notif-click', (e) => clicks.push(e));
    el.addEventListener('notif-click', (e) => e.preventDefault(), { once: true });
    items(el)[0]!.click();
    expect(clicks).to.have.length(1);
    expect(store.$items.get()[0]?.read).to.equal(false);
    const reads: NotifReadEvent[] = [];
    el.addEventListener('notif-read', (e) => reads.push(e));
    items(el)[0]!.click();
    expect(clicks[1]?.notification.id).to.equal('a');
    expect(reads[0]?.ids).to.deep.equal(['a']);
    expect(store.$items.get()[0]?.read).to.equal(true);
  });

  it('an action fires notif-click with the action; external action links are noopener noreferrer', async () => {
    const el = await feed(storeWith(sample()));
    const actions = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="action"]')];
    expect(actions.map((a) => a.textContent.trim())).to.deep.equal(['Pay now', 'Remind me']);
    const link = actions[0] as HTMLAnchorElement;
    expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(link.target).to.equal('_blank');
    const clicks: NotifClickEvent[] = [];
    el.addEventListener('notif-click', (e) => {
      clicks.push(e);
      e.preventDefault();
    });
    link.click();
    (actions[1] as HTMLButtonElement).click();
    expect(clicks.map((c) => c.action?.id)).to.deep.equal(['pay', 'later']);
  });

  it('mark all as read fires a cancelable notif-read with every unread item', async () => {
    const store = storeWith(sample());
    const el = await feed(store);
    el.addEventListener('notif-read', (e) => e.preventDefault(), { once: true });
    button(el, 'Mark all as read').click();
    expect(store.$unreadCount.get()).to.equal(2);
    let ids: string[] = [];
    el.addEventListener('notif-read', (e) => (ids = e.ids));
    button(el, 'Mark all as read').click();
    expect(ids).to.deep.equal(['a', 'c']);
    expect(store.$unreadCount.get()).to.equal(0);
    await settle(el);
    expect(button(el, 'Mark all as read').disabled).to.equal(true);
  });

  it('mark all as read is disabled while nothing is unread, and enabled when something unread arrives', async () => {
    const store = storeWith(numbered(3).map((n) => ({ ...n, read: true })));
    const el = await feed(store);
    expect(button(el, 'Mark all as read').disabled).to.equal(true);
    store.add({ id: 'new', title: 'Unread one', createdAt: now });
    await settle(el);
    expect(button(el, 'Mark all as read').disabled).to.equal(false);
  });

  it('arrow keys move between items, Home/End jump, Enter activates', async () => {
    const store = storeWith(sample().map((n) => ({ ...n, url: undefined })));
    const el = await feed(store);
    el.focus();
    await settle(el);
    const focusedId = (): string | undefined => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.id;
    expect(focusedId()).to.equal('a');
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(focusedId()).to.equal('b');
    await sendKeys({ press: 'End' });
    await settle(el);
    expect(focusedId()).to.equal('c');
    await sendKeys({ press: 'ArrowUp' }); // over the day heading between them
    await settle(el);
    expect(focusedId()).to.equal('b');
    await sendKeys({ press: 'Home' });
    await settle(el);
    expect(focusedId()).to.equal('a');
    const clicked: string[] = [];
    el.addEventListener('notif-click', (e) => clicked.push(e.notification.id));
    await sendKeys({ press: 'Enter' });
    expect(clicked).to.deep.equal(['a']);
    expect(items(el).filter((i) => i.tabIndex === 0)).to.have.length(1);
    // Keys pressed on an action inside a row are the action's: Home does not jump away.
    const action = button(el, 'Remind me');
    action.focus();
    await sendKeys({ press: 'Home' });
    await settle(el);
    expect(el.shadowRoot!.activeElement === action, 'the focus stays on the action').to.equal(true);
  });

  it('loads older pages with a visible loading state and shows a failure with a retry', async () => {
    let fail = true;
    let release: () => void = () => {};
    const store = storeWith([{ id: 'new', title: 'Newest', createdAt: now }], {
      history: async () => {
        await new Promise<void>((resolve) => (release = resolve));
        if (fail) throw new Error('503');
        return { items: [{ id: 'old', title: 'Older', createdAt: now - 50 * HOUR }] };
      },
    });
    const el = await feed(store);
    await waitFor(() => el.shadowRoot!.textContent.includes('Loading older notifications…'));
    release();
    await waitFor(() => el.shadowRoot!.querySelector('[role="alert"]')?.textContent?.includes('could not be loaded'));
    fail = false;
    button(el, 'Try again').click();
    release();
    await waitFor(() => titles(el).includes('Older'));
    expect(el.shadowRoot!.querySelector('[part~="load-more"]')).to.equal(null);
  });

  it('shows connection errors instead of swallowing them', async () => {
    const c = channel('feed');
    await control(c, { action: 'respond', status: 404, times: -1 });
    const provider = await fixture<NotifProvider>(html`<notif-provider src=${hubUrl(c, 'sse')}><notif-feed></notif-feed></notif-provider>`);
    const el = provider.querySelector('notif-feed')!;
    await waitFor(() => el.shadowRoot!.querySelector('[role="alert"]')?.textContent?.includes('Cannot reach'));
  });

  it('shows the current connection error when only its detail changes', async () => {
    let report: ((status: 'error', detail: { error: NotifError }) => void) | undefined;
    const store = createNotificationStore({
      transport: fromSubscribe((_emit, status) => {
        report = status;
        return () => {};
      }),
    });
    store.start();
    const el = await feed(store);
    const alert = (): string => el.shadowRoot!.querySelector('[role="alert"]')?.textContent ?? '';
    report?.('error', { error: new NotifError('http', 'first failure') });
    await settle(el);
    expect(alert()).to.contain('first failure');
    // Still 'error': only $statusDetail changes.
    report?.('error', { error: new NotifError('auth', 'second failure') });
    await settle(el);
    expect(alert()).to.contain('second failure');
    store.stop();
  });

  it('marks an item whose read waits for the server, and says changes will sync while offline', async () => {
    let report: ((status: 'offline') => void) | undefined;
    const store = createNotificationStore({
      actions: { markRead: () => new Promise(() => {}) }, // the server never answers
      transport: fromSubscribe((_emit, status) => {
        report = status;
        return () => {};
      }),
    });
    store.start();
    store.add(sample());
    const el = await feed(store);
    store.markRead('a');
    await settle(el);
    const row = items(el).find((i) => i.dataset.id === 'a')!;
    expect(row.dataset.pending).to.equal('true');
    expect(row.textContent).to.contain('not synced yet');
    expect(items(el).find((i) => i.dataset.id === 'c')!.dataset.pending).to.equal(undefined);
    expect(el.shadowRoot!.querySelector('[role="status"]')?.textContent).to.contain('Syncing 1 change');
    report?.('offline');
    await settle(el);
    expect(el.shadowRoot!.querySelector('[role="status"]')?.textContent).to.contain('changes will sync');
    await expect(el).to.be.accessible();
    store.stop();
  });

  it('renders live notifications from an SSE server through a provider', async () => {
    const c = channel('feed');
    await control(c, { action: 'publish', count: 3 });
    const provider = await fixture<NotifProvider>(html`<notif-provider src=${hubUrl(c, 'sse')}><notif-feed></notif-feed></notif-provider>`);
    const el = provider.querySelector('notif-feed')!;
    await waitFor(() => items(el).length === 3);
    await control(c, { action: 'publish', count: 1 });
    await waitFor(() => items(el)[0]?.dataset.id === '4');
    await control(c, { action: 'reset' });
  });

  it('keeps the DOM small with 100,000 notifications', async function () {
    this.timeout(20_000);
    const store = createNotificationStore({ maxItems: 100_000 });
    const base = now - 100_000 * 60_000;
    store.add(Array.from({ length: 100_000 }, (_, i) => ({ id: i, title: `Notification ${i}`, createdAt: base + i * 60_000 })));
    const el = await feed(store);
    await waitFor(() => store.$items.get().length === 100_000, { message: 'all 100,000 applied' });
    await settle(el);
    expect(items(el).length).to.be.within(1, 100);
    const list = listOf(el);
    await waitFor(() => list.scrollHeight > 100 * list.clientHeight);
    list.scrollTop = list.scrollHeight / 2;
    await waitFor(() => Number(items(el)[0]?.dataset.id) < 90_000);
    expect(items(el).length).to.be.within(1, 100);
    expect(Number(items(el)[0]?.dataset.id)).to.be.within(20_000, 80_000);
  });

  it('reaches the oldest of 100,000 notifications at the bottom, rows of every height stacked without gaps or overlaps', async function () {
    this.timeout(20_000);
    const store = createNotificationStore({ maxItems: 100_000 });
    const base = now - 100_000 * 60_000;
    store.add(
      Array.from({ length: 100_000 }, (_, i) => ({
        id: i,
        title: i % 7 ? `Notification ${i}` : `A notification title long enough to wrap onto a second line in a narrow feed ${i}`,
        body: i % 2 ? `Body ${i}` : undefined,
        actions: i % 5 ? undefined : [{ id: 'open', label: 'Open' }],
        createdAt: base + i * 60_000,
      })),
    );
    store.flush();
    const el = await feed(store);
    el.style.inlineSize = '320px';
    const list = listOf(el);
    const stacked = (): void => {
      const rows = [...list.querySelectorAll<HTMLElement>('[data-row]')];
      for (let i = 1; i < rows.length; i++) {
        const gap = rows[i]!.getBoundingClientRect().top - rows[i - 1]!.getBoundingClientRect().bottom;
        expect(Math.abs(gap), `gap above row ${rows[i]!.dataset.row}`).to.be.below(1);
      }
    };
    list.scrollTop = list.scrollHeight / 3;
    await settle(el);
    await settle(el);
    stacked();
    await waitFor(
      async () => {
        list.scrollTop = list.scrollHeight;
        await settle(el);
        return items(el).some((item) => item.dataset.id === '0');
      },
      { message: 'the oldest notification rendered at the bottom' },
    );
    stacked();
    expect(items(el).length).to.be.within(1, 100);
    // Only a window of rows exists: each says where it sits, so a screen reader can say "n of N".
    const rows = [...list.querySelectorAll<HTMLElement>('[role="listitem"]')];
    const setSize = Number(rows[0]!.getAttribute('aria-setsize'));
    expect(setSize).to.be.greaterThan(100_000); // the items and their day headings
    expect(Number(rows.at(-1)!.getAttribute('aria-posinset'))).to.equal(setSize);
    const first = Number(rows[0]!.getAttribute('aria-posinset'));
    expect(rows.map((row) => Number(row.getAttribute('aria-posinset')))).to.deep.equal(rows.map((_, i) => first + i));
  });

  it('shows notifications added on top or at the bottom exactly as a feed built from scratch would (one header per day)', async () => {
    const noon = new Date(now);
    noon.setHours(12, 0, 0, 0);
    const dayAt = (daysAgo: number, hour = 0): number => noon.getTime() - daysAgo * 24 * HOUR + hour * HOUR;
    const store = storeWith([
      { id: 'old-1', title: 'Old 1', createdAt: dayAt(5) },
      { id: 'old-2', title: 'Old 2', createdAt: dayAt(4) },
      { id: 'old-3', title: 'Old 3', createdAt: dayAt(3) },
    ]);
    const el = await feed(store);
    // Tall enough that every row is rendered: the test compares all of them.
    el.style.setProperty('--notif-feed-height', '80rem');
    // Newer ones on the top day of the list, then on a day of their own; then one more on that day.
    store.add([
      { id: 'same-day', title: 'Same day', createdAt: dayAt(3, 1) },
      { id: 'new-day', title: 'New day', createdAt: dayAt(2) },
    ]);
    await settle(el);
    store.add({ id: 'new-day-2', title: 'New day 2', createdAt: dayAt(2, 1) });
    await settle(el);
    // Older ones at the bottom (as a history page brings them): on the bottom day, then on a day of their own.
    store.add([
      { id: 'older-same-day', title: 'Older same day', createdAt: dayAt(5, -1) },
      { id: 'older-day', title: 'Older day', createdAt: dayAt(7) },
    ]);
    await settle(el);
    const rowKeys = (feedEl: NotifFeed): string[] =>
      [...feedEl.shadowRoot!.querySelectorAll<HTMLElement>('[role="listitem"]')].map((row) => row.dataset.key!);
    const fresh = await feed(store);
    fresh.style.setProperty('--notif-feed-height', '80rem');
    await settle(fresh);
    expect(rowKeys(el)).to.deep.equal(rowKeys(fresh));
    expect(rowKeys(el).filter((key) => key.startsWith('day:'))).to.have.length(5);
    expect(titles(el)).to.deep.equal(['New day 2', 'New day', 'Same day', 'Old 3', 'Old 2', 'Old 1', 'Older same day', 'Older day']);
    const setSize = (feedEl: NotifFeed) => feedEl.shadowRoot!.querySelector('[role="listitem"]')!.getAttribute('aria-setsize');
    expect(setSize(el)).to.equal('13');
  });

  it('reuses row elements while scrolling, in order, and never moves focus to another notification', async function () {
    this.timeout(20_000);
    const store = storeWith(numbered(2_000));
    store.flush();
    const el = await feed(store);
    await settle(el);
    const list = listOf(el);
    const ids = (): number[] => items(el).map((item) => Number(item.dataset.id));
    const inOrder = (): void => {
      expect(ids()).to.deep.equal(ids().map((_, i) => ids()[0]! + i));
    };
    const focused = (): HTMLElement | null => el.shadowRoot!.activeElement as HTMLElement | null;

    // A few rows down, away from the top (where no rows are rendered above): the rows that
    // stay are not moved (moving a node drops its focus), so the focused notification keeps
    // its element and the focus.
    list.scrollTop = 20 * items(el)[0]!.getBoundingClientRect().height;
    await settle(el);
    await settle(el);
    const row = items(el)[8]!;
    const rowId = row.dataset.id;
    row.focus();
    const shown = new Map(items(el).map((item) => [item, item.dataset.id]));
    const moved: Node[] = [];
    const mutations = new MutationObserver((records) => records.forEach((r) => moved.push(...r.removedNodes)));
    mutations.observe(list, { childList: true });
    list.scrollTop += 3 * row.getBoundingClientRect().height;
    await settle(el);
    await settle(el);
    mutations.disconnect();
    // (Ids and booleans, not elements, in the assertions: a failure report serialises its values.)
    expect(focused()?.dataset.id ?? 'none').to.equal(rowId);
    expect(focused() === row, 'the same element keeps the focus').to.equal(true);
    const staying = items(el).filter((item) => shown.get(item) === item.dataset.id);
    expect(staying.includes(row)).to.equal(true);
    expect(moved.filter((node) => staying.includes(node as HTMLElement)).map((node) => (node as HTMLElement).dataset.id)).to.deep.equal([]);
    inOrder();

    // Far down: the rows that came into view took over the elements of those that left (the
    // window holds more rows away from the top, where rows are rendered beyond both edges).
    const before = new Set(items(el));
    list.scrollTop = list.scrollHeight / 2;
    await settle(el);
    await settle(el);
    expect(ids()[0]).to.be.above(100);
    inOrder();
    // (+1: the focused row's element left with it rather than being handed on.)
    expect(items(el).filter((item) => !before.has(item)).length).to.be.at.most(Math.max(0, items(el).length - before.size) + 1);
    // The focused row scrolled out of view: its element left with it, and no other
    // notification sits under the keyboard focus.
    expect(focused()?.dataset.id ?? 'none').to.be.oneOf(['none', rowId]);
  });

  it('gives each notification its own copy of a renderItem template: state in it does not pass to another', async function () {
    this.timeout(20_000);
    const store = storeWith(numbered(2_000));
    store.flush();
    const el = await fixture<NotifFeed>(
      html`<notif-feed .store=${store} .renderItem=${(n: Notification) => html`<details><summary>${n.title}</summary>More</details>`}></notif-feed>`,
    );
    await waitFor(() => items(el).length > 0);
    await settle(el);
    items(el)[0]!.querySelector('details')!.open = true;
    const list = listOf(el);
    list.scrollTop = list.scrollHeight / 2;
    await settle(el);
    await settle(el);
    expect(Number(items(el)[0]!.dataset.id)).to.be.above(100);
    expect(list.querySelectorAll('details[open]').length).to.equal(0);
  });

  it('measures a row shown in a reused element even when it is exactly as high as the row before it', async () => {
    // Twenty tall rows, then short ones: a short row estimated from the mean of both (not
    // measured) would make the list taller than its rows.
    const count = 240;
    const tallRows = 20;
    const { el, list } = await narrowFeed(
      Array.from({ length: count }, (_, i) => ({
        id: i,
        title: i < tallRows ? `A notification title long enough to wrap onto a few lines in a narrow feed ${i}` : `Short ${i}`,
        createdAt: now - i * 1000,
      })),
    );
    const height = (row: HTMLElement): number => row.getBoundingClientRect().height;
    const heading = height(list.querySelector<HTMLElement>('.day')!);
    const tall = height(items(el)[0]!);
    // Every row comes into view once; the short ones mostly in elements that showed a short one.
    for (let y = 0; y <= list.scrollHeight; y += list.clientHeight / 2) {
      list.scrollTop = y;
      await settle(el);
    }
    await settle(el);
    const short = height(items(el).at(-1)!);
    expect(tall).to.be.greaterThan(short + 10);
    const headings = Number(items(el)[0]!.getAttribute('aria-setsize')) - count; // one, or two across midnight
    const rowsHeight = headings * heading + tallRows * tall + (count - tallRows) * short;
    const spacers = [...list.querySelectorAll<HTMLElement>('.spacer')].reduce((sum, spacer) => sum + height(spacer), 0);
    const rendered = [...list.querySelectorAll<HTMLElement>('[data-row]')].reduce((sum, row) => sum + height(row), 0);
    expect(spacers + rendered).to.be.closeTo(rowsHeight, 2);
  });

  it('keeps the rows on screen in place when rows above them turn out taller than estimated', async () => {
    const { el, list } = await narrowFeed(
      Array.from({ length: 400 }, (_, i) => ({
        id: i,
        title: `A title that is long enough to wrap onto two or three lines in a narrow feed, number ${i}`,
        body: 'A body of two lines, clamped, also long enough to wrap in a narrow feed',
        createdAt: now - i * 1000,
      })),
    );
    list.scrollTop = 20_000;
    await settle(el);
    await settle(el);
    const top = (): { id: string | undefined; y: number } => {
      const listTop = list.getBoundingClientRect().top;
      const row = items(el).find((item) => item.getBoundingClientRect().bottom > listTop)!;
      return { id: row.dataset.id, y: row.getBoundingClientRect().top - listTop };
    };
    const before = top();
    await settle(el);
    await settle(el);
    expect(top()).to.deep.equal(before);
  });

  it('keeps measuring rows after being moved to another place in the page', async () => {
    const title = (i: number): string => `A notification whose title wraps in a narrow feed, number ${i}`;
    const store = storeWith(Array.from({ length: 50 }, (_, i) => ({ id: i, title: title(i), createdAt: now - i * 1000 })));
    const el = await feed(store);
    el.style.inlineSize = '900px'; // one line each
    await settle(el);
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    elsewhere.append(el); // disconnected, then connected again
    await settle(el);
    el.style.inlineSize = '200px'; // titles wrap: every row grows
    const list = listOf(el);
    // The spacer below stands for the rows not rendered, estimated from the measured ones:
    // the list is as tall as 50 rows of the new height only if the grown rows were measured.
    const measured = async (): Promise<boolean> => {
      await settle(el);
      const row = items(el)[0]!.getBoundingClientRect().height;
      return list.scrollHeight > 0.9 * 50 * row;
    };
    await waitFor(measured, { message: 'rows measured after the move' });
    elsewhere.remove();
  });

  it('renders hostile text as text and never links an unsafe URL', async () => {
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const store = storeWith([
      {
        id: 'x',
        title: payload,
        body: payload,
        url: 'javascript:window.__pwned=1',
        icon: 'javascript:window.__pwned=1',
        actions: [{ id: 'a', label: payload, url: 'javascript:window.__pwned=1' }],
      },
    ]);
    const el = await feed(store);
    await settle(el);
    expect(el.shadowRoot!.querySelector('img, script')).to.equal(null);
    expect(items(el)[0]!.textContent).to.contain('<img src=x');
    expect([...el.shadowRoot!.querySelectorAll('a')].filter((a) => a.href.startsWith('javascript:'))).to.have.length(0);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});
