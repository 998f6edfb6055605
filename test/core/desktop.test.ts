// OS notifications as a store subscriber, without any element. Headless Chromium has the
// Notification API but its permission is never 'granted' and its pages are never hidden,
// so both are stubbed here (and only here).
import { expect } from '@open-wc/testing';
import { DESKTOP_SUMMARY_TAG, showDesktopNotifications } from '../../src/core/desktop.js';
import { createNotificationStore, type NotificationStore } from '../../src/core/store/index.js';

interface Shown {
  title: string;
  tag: string | undefined;
  body: string | undefined;
}

const note = (id: number, fields: Record<string, unknown> = {}) => ({ id: `n${id}`, title: `N${id}`, createdAt: 1_700_000_000_000 + id, ...fields });
const decided = (): Promise<void> => Promise.resolve();

describe('showDesktopNotifications', () => {
  const realNotification = globalThis.Notification;
  const realVisibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')!;
  let shown: Shown[];
  let visibility: DocumentVisibilityState;
  let store: NotificationStore;
  let stop: () => void;

  beforeEach(() => {
    shown = [];
    visibility = 'hidden';
    class FakeNotification extends EventTarget {
      static permission: NotificationPermission = 'granted';
      constructor(title: string, init: NotificationOptions = {}) {
        super();
        shown.push({ title, tag: init.tag, body: init.body });
      }
      close(): void {}
    }
    Object.defineProperty(globalThis, 'Notification', { value: FakeNotification, configurable: true, writable: true });
    Object.defineProperty(Document.prototype, 'visibilityState', { get: () => visibility, configurable: true });
    store = createNotificationStore({ topics: [{ id: 'security', label: 'Security', defaults: { desktop: true } }] });
    stop = showDesktopNotifications(store, { summary: (n) => `${n} new` });
  });
  afterEach(() => {
    stop();
    Object.defineProperty(globalThis, 'Notification', { value: realNotification, configurable: true, writable: true });
    Object.defineProperty(Document.prototype, 'visibilityState', realVisibility);
  });

  it('shows a live notification whose topic has desktop on, once per id, with tag = id', async () => {
    store.add([note(1, { topic: 'security', body: 'New sign-in' }), note(2)]);
    await decided();
    store.add(note(1, { topic: 'security' }));
    await decided();
    expect(shown).to.deep.equal([{ title: 'N1', tag: 'n1', body: 'New sign-in' }]);
  });

  it('shows nothing while the page is visible, for silent or read ones, or without permission', async () => {
    visibility = 'visible';
    store.add(note(1, { topic: 'security' }));
    visibility = 'hidden';
    store.add({ type: 'snapshot', items: [note(2, { topic: 'security' })] });
    store.add(note(3, { topic: 'security', read: true }));
    (Notification as unknown as { permission: NotificationPermission }).permission = 'default';
    store.add(note(4, { topic: 'security' }));
    await decided();
    expect(shown).to.deep.equal([]);
  });

  it('folds a burst larger than max into one summary', async () => {
    store.add([1, 2, 3, 4, 5].map((id) => note(id, { topic: 'security' })));
    await decided();
    expect(shown).to.deep.equal([{ title: '5 new', tag: DESKTOP_SUMMARY_TAG, body: undefined }]);
  });

  it('stops with its unsubscribe', async () => {
    stop();
    store.add(note(1, { topic: 'security' }));
    await decided();
    expect(shown).to.deep.equal([]);
  });
});
