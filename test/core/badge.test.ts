// The unread count in the title, on the favicon and as the app badge.
import { expect } from '@open-wc/testing';
import { unreadBadge } from '../../src/core/badge.js';
import { createNotificationStore } from '../../src/core/store/index.js';

const note = (id: number) => ({ id: `n${id}`, title: `N${id}`, createdAt: 1_700_000_000_000 + id });
const mutations = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('unreadBadge', () => {
  const originalTitle = document.title;
  afterEach(() => {
    document.title = originalTitle;
    document.querySelectorAll('link[rel~="icon"]').forEach((link) => link.remove());
  });

  it('puts the count before the title, keeps the app\'s own title changes, and restores it at 0', async () => {
    document.title = 'Inbox – Acme';
    const store = createNotificationStore();
    const stop = unreadBadge(store, { title: true });
    expect(document.title).to.equal('Inbox – Acme');
    store.add([note(1), note(2), note(3)]);
    expect(document.title).to.equal('(3) Inbox – Acme');
    document.title = 'Settings – Acme'; // the app's router
    await mutations();
    expect(document.title).to.equal('(3) Settings – Acme');
    store.add(Array.from({ length: 120 }, (_, i) => note(10 + i)));
    expect(document.title).to.equal('(99+) Settings – Acme');
    store.markAllRead();
    expect(document.title).to.equal('Settings – Acme');
    store.add(note(500));
    stop();
    expect(document.title, 'stopped: as the app set it').to.equal('Settings – Acme');
  });

  it('draws the count on the favicon and puts the page\'s own icon back at 0', async () => {
    const link = Object.assign(document.createElement('link'), { rel: 'icon', href: '/favicon-test.png' });
    document.head.append(link);
    const store = createNotificationStore();
    const stop = unreadBadge(store, { title: false, favicon: true });
    expect(link.getAttribute('href')).to.equal('/favicon-test.png');
    store.add([note(1), note(2)]);
    expect(link.href).to.match(/^data:image\/png;base64,/);
    const two = link.href;
    store.add(note(3));
    expect(link.href, 'redrawn for a new count').to.not.equal(two);
    store.markAllRead();
    expect(link.getAttribute('href')).to.equal('/favicon-test.png');
    stop();
  });

  it('sets the app badge to the count and clears it at 0 (stubbed: headless Chromium has no installed app)', () => {
    const calls: (number | 'clear')[] = [];
    Object.defineProperty(navigator, 'setAppBadge', { configurable: true, value: (n: number) => (calls.push(n), Promise.resolve()) });
    Object.defineProperty(navigator, 'clearAppBadge', { configurable: true, value: () => (calls.push('clear'), Promise.resolve()) });
    try {
      const store = createNotificationStore();
      const stop = unreadBadge(store, { title: false, appBadge: true });
      store.add([note(1), note(2)]);
      store.markRead('n1');
      store.markAllRead();
      stop();
      expect(calls).to.deep.equal(['clear', 2, 1, 'clear', 'clear']);
    } finally {
      // The own properties go; the prototype's (if any) show again.
      delete (navigator as { setAppBadge?: unknown }).setAppBadge;
      delete (navigator as { clearAppBadge?: unknown }).clearAppBadge;
    }
  });
});
