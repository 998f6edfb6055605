import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { createNotificationStore, type NotificationStore } from '../../src/core/store/index.js';
import '../../src/elements/notif-bell/notif-bell.define.js';
import '../../src/elements/notif-provider/notif-provider.define.js';
import type { NotifToast } from '../../src/elements/notif-toast/notif-toast.js';
import '../../src/elements/notif-toaster/notif-toaster.define.js';
import { defaultToasterStrings, type NotifToaster } from '../../src/elements/notif-toaster/notif-toaster.js';
import type { NotifClickEvent } from '../../src/events/notif-click-event.js';
import type { NotifDismissEvent } from '../../src/events/notif-dismiss-event.js';
import { sse } from '../../src/transports/sse.js';
import { useFakeClock } from '../helpers/fake-clock.js';
import { channel, control, hubUrl, waitFor } from '../helpers/hub.js';

// --- helpers -------------------------------------------------------------------------------


const toasts = (el: NotifToaster) => [...el.shadowRoot!.querySelectorAll<NotifToast>('[part~="toast"]')];
const region = (el: NotifToaster) => el.shadowRoot!.querySelector<HTMLElement>('[part~="region"]')!;
const summaryOf = (el: NotifToaster) => el.shadowRoot!.querySelector<NotifToast>('[part~="toast"][data-summary]');
const ids = (el: NotifToaster) => toasts(el).map((t) => t.dataset.id ?? `summary:${t.dataset.summary}`);
const inToast = (t: NotifToast, name: string) => t.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
/** The data-id of the toast that has focus (or contains it), else null. */
const focusedToast = (el: NotifToaster) => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.id ?? null;
/** What a person reads on a toast. */
const textOf = (t: NotifToast) =>
  t.dataset.summary !== undefined ? t.textContent.trim() : inToast(t, 'title').textContent;

/** Lets a burst be counted (a microtask), then every render finish. */
async function settle(el: NotifToaster): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await Promise.resolve();
    await el.updateComplete;
    await Promise.all(toasts(el).map((t) => t.updateComplete));
  }
}

function items(count: number, start = 1, fields: Record<string, unknown> = {}) {
  return Array.from({ length: count }, (_, i) => ({
    id: `n${start + i}`,
    title: `Notification ${start + i}`,
    createdAt: 1_700_000_000_000 + (start + i) * 1000,
    ...fields,
  }));
}

async function toasterWith(
  store: NotificationStore,
  attrs: { max?: number; duration?: number; position?: string; theme?: string } = {},
): Promise<NotifToaster> {
  const el = document.createElement('notif-toaster');
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  el.store = store;
  return fixture<NotifToaster>(el);
}

function collect<E extends Event>(target: EventTarget, type: string): E[] {
  const events: E[] = [];
  target.addEventListener(type, (e) => events.push(e as E));
  return events;
}

// --- tests ---------------------------------------------------------------------------------

describe('notif-toaster', () => {
  let clock: ReturnType<typeof useFakeClock> | undefined;
  let store: NotificationStore;
  beforeEach(() => {
    store = createNotificationStore();
  });
  afterEach(() => {
    clock?.restore();
    clock = undefined;
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  });

  it('renders with defaults: an empty polite live region, fixed at the top end', async () => {
    const el = await fixture<NotifToaster>(html`<notif-toaster></notif-toaster>`);
    expect(el.position).to.equal('top-end');
    expect(el.getAttribute('position')).to.equal('top-end');
    expect(el.max).to.equal(3);
    expect(el.duration).to.equal(6000);
    expect(getComputedStyle(el).display).to.equal('contents');
    const r = region(el);
    expect(r.getAttribute('role')).to.equal('status');
    expect(r.getAttribute('aria-live')).to.equal('polite');
    expect(r.getAttribute('aria-label')).to.equal('Notifications');
    const style = getComputedStyle(r);
    expect(style.position).to.equal('fixed');
    expect(style.zIndex).to.equal('1000');
    const rect = r.getBoundingClientRect();
    expect(rect.width).to.equal(360);
    expect(rect.top).to.equal(16);
    expect(Math.round(document.documentElement.clientWidth - rect.right)).to.equal(16);
    expect(toasts(el).length).to.equal(0);
  });

  describe('accessibility', () => {
    it('is accessible empty, light and dark', async () => {
      await expect(await fixture(html`<notif-toaster></notif-toaster>`)).to.be.accessible();
      await expect(await fixture(html`<notif-toaster theme="dark"></notif-toaster>`)).to.be.accessible();
    });

    for (const theme of ['light', 'dark']) {
      it(`is accessible with toasts (urgent, actions, summary), ${theme}`, async () => {
        const el = await toasterWith(store, { theme });
        store.add([
          { id: 'u', title: 'Server down', body: 'db-1 unreachable', priority: 'urgent', actions: [{ id: 'a', label: 'Open', url: '/x' }] },
          ...items(4),
        ]);
        await settle(el);
        expect(toasts(el).length).to.equal(3);
        expect(summaryOf(el)?.dataset.summary).to.equal('3');
        await expect(el).to.be.accessible();
      });
    }
  });

  describe('attributes and properties', () => {
    /** Where the region of a toaster with these attributes sits, and the viewport's size. */
    const place = async (attrs: string, dir = 'ltr') => {
      const wrapper = await fixture(html`<div dir=${dir}></div>`);
      wrapper.innerHTML = `<notif-toaster ${attrs}></notif-toaster>`;
      const el = wrapper.querySelector('notif-toaster')!;
      await el.updateComplete;
      const { left, top, right, bottom, width } = region(el).getBoundingClientRect();
      const { clientWidth, clientHeight } = document.documentElement;
      return {
        start: dir === 'rtl' ? Math.round(clientWidth - right) : Math.round(left),
        end: dir === 'rtl' ? Math.round(left) : Math.round(clientWidth - right),
        top: Math.round(top),
        bottom: Math.round(clientHeight - bottom),
        centreOffset: Math.round(left + width / 2 - clientWidth / 2),
      };
    };

    it('position places the stack at each corner or centre, with logical start/end', async () => {
      const topStart = await place('position="top-start"');
      expect([topStart.start, topStart.top]).to.deep.equal([16, 16]);
      const bottomEnd = await place('position="bottom-end"');
      expect([bottomEnd.end, bottomEnd.bottom]).to.deep.equal([16, 16]);
      const bottomCenter = await place('position="bottom-center"');
      expect([bottomCenter.centreOffset, bottomCenter.bottom]).to.deep.equal([0, 16]);
      const topCenter = await place('position="top-center"');
      expect([topCenter.centreOffset, topCenter.top]).to.deep.equal([0, 16]);
    });

    it('start and end flip in a right-to-left page', async () => {
      // In RTL, "end" is the left edge and "start" the right edge.
      const topEnd = await place('position="top-end"', 'rtl');
      expect([topEnd.end, topEnd.top]).to.deep.equal([16, 16]);
      const bottomStart = await place('position="bottom-start"', 'rtl');
      expect([bottomStart.start, bottomStart.bottom]).to.deep.equal([16, 16]);
    });

    it('never covers a bell: a top stack starts below it, a bottom stack is left alone', async () => {
      const wrapper = await fixture(html`<div>
        <header style="position: fixed; inset: 0 0 auto 0; height: 64px; display: flex; justify-content: flex-end; align-items: center">
          <notif-bell .store=${store}></notif-bell>
        </header>
        <notif-toaster .store=${store}></notif-toaster>
      </div>`);
      const el = wrapper.querySelector('notif-toaster')!;
      const bell = wrapper.querySelector('notif-bell')!;
      store.add(items(3));
      await settle(el);
      // Where they come to rest, after the slide-in.
      await Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished));
      const bellBox = bell.getBoundingClientRect();
      for (const toast of toasts(el)) {
        const box = toast.getBoundingClientRect();
        const overlaps = box.left < bellBox.right && box.right > bellBox.left && box.top < bellBox.bottom && box.bottom > bellBox.top;
        expect(overlaps, `toast ${toast.dataset.id} at ${JSON.stringify(box)} covers the bell at ${JSON.stringify(bellBox)}`).to.equal(false);
      }
      expect(region(el).getBoundingClientRect().top).to.equal(Math.ceil(bellBox.bottom) + 8);
      // A fixed header taller than the bell: the app says how far down the stack starts.
      el.style.setProperty('--notif-toast-offset-top', '120px');
      await settle(el);
      expect(region(el).getBoundingClientRect().top).to.equal(120);
      el.position = 'bottom-end';
      await settle(el);
      expect(innerHeight - region(el).getBoundingClientRect().bottom).to.equal(16);
    });

    it('max limits how many toasts are visible', async () => {
      const el = await toasterWith(store, { max: 5 });
      store.add(items(4));
      await settle(el);
      expect(ids(el)).to.deep.equal(['n4', 'n3', 'n2', 'n1']);
      el.max = 2;
      store.add(items(3, 10));
      await settle(el);
      // Lowered below what is shown, with no summary yet: the oldest give up their slots to the summary.
      expect(ids(el)).to.deep.equal(['summary:3', 'n4']);
    });

    it('each toast stays duration ms (default 6000), then dismisses itself (reason timeout)', async () => {
      clock = useFakeClock();
      const el = await toasterWith(store);
      const dismissed = collect<NotifDismissEvent>(document, 'notif-dismiss');
      store.add(items(1));
      await settle(el);
      clock.tick(5999);
      await settle(el);
      expect(ids(el)).to.deep.equal(['n1']);
      clock.tick(1);
      await settle(el);
      expect(ids(el)).to.deep.equal([]);
      expect(dismissed.map((e) => [e.reason, e.notification?.id])).to.deep.equal([['timeout', 'n1']]);
    });

    it('a duration under 4 s counts as 4 s; 0 keeps toasts until dismissed', async () => {
      clock = useFakeClock();
      const el = await toasterWith(store, { duration: 1000 });
      store.add(items(1));
      await settle(el);
      clock.tick(3999);
      await settle(el);
      expect(toasts(el).length).to.equal(1);
      clock.tick(1);
      await settle(el);
      expect(toasts(el).length).to.equal(0);

      el.duration = 0;
      store.add(items(1, 2));
      await settle(el);
      clock.tick(60 * 60_000);
      await settle(el);
      expect(ids(el)).to.deep.equal(['n2']);
    });

    it('theme is passed on to the toasts', async () => {
      const el = await toasterWith(store, { theme: 'dark' });
      store.add(items(1));
      await settle(el);
      const [toast] = toasts(el);
      expect(toast!.getAttribute('theme')).to.equal('dark');
      expect(getComputedStyle(inToast(toast!, 'title')).color).to.equal('rgb(249, 250, 251)');
      el.theme = 'light';
      await settle(el);
      expect(getComputedStyle(inToast(toast!, 'title')).color).to.equal('rgb(17, 24, 39)');
    });

    it('strings: partial overrides merge; the summary gets the count and the lang', async () => {
      expect(defaultToasterStrings.summary(1, 'en')).to.equal('1 new notification');
      expect(defaultToasterStrings.summary(48, 'en')).to.equal('48 new notifications');
      const el = await toasterWith(store);
      el.lang = 'de';
      el.strings = { summary: (n, lang) => `${n} neue (${lang})`, dismiss: 'Schließen' };
      store.add(items(5));
      await settle(el);
      expect(textOf(summaryOf(el)!)).to.equal('3 neue (de)');
      expect(inToast(toasts(el)[0]!, 'dismiss').getAttribute('aria-label')).to.equal('Schließen');
      expect(region(el).getAttribute('aria-label')).to.equal('Notifications');
    });

    it('css custom properties size and place the stack', async () => {
      const el = await toasterWith(store);
      el.style.cssText = '--notif-toast-width: 300px; --notif-toast-z: 5; --notif-toast-gap: 20px; --notif-toast-offset: 40px';
      store.add(items(2));
      await settle(el);
      const r = region(el);
      expect(r.getBoundingClientRect().width).to.equal(300);
      expect(r.getBoundingClientRect().top).to.equal(40);
      expect(getComputedStyle(r).zIndex).to.equal('5');
      const [first, second] = toasts(el);
      expect(first!.getBoundingClientRect().width).to.equal(300);
      expect(Math.round(second!.getBoundingClientRect().top - first!.getBoundingClientRect().bottom)).to.equal(20);
    });

    it('toasts slide in, except under reduced motion', async () => {
      const el = await toasterWith(store);
      store.add(items(1));
      await settle(el);
      expect(getComputedStyle(toasts(el)[0]!).animationName).to.equal('notif-toast-in');
      await emulateMedia({ reducedMotion: 'reduce' });
      try {
        expect(getComputedStyle(toasts(el)[0]!).animationName).to.equal('none');
      } finally {
        await emulateMedia({ reducedMotion: 'no-preference' });
      }
    });
  });

  describe('parts and slots', () => {
    it('each toast is part="toast" with data-id; the summary has data-summary; the region is part="region"', async () => {
      const el = await toasterWith(store);
      store.add(items(6));
      await settle(el);
      expect(region(el).tagName).to.equal('DIV');
      expect(toasts(el).map((t) => t.dataset.id)).to.deep.equal(['n6', 'n5', undefined]);
      expect(summaryOf(el)!.dataset.summary).to.equal('4');
      expect(summaryOf(el)!.getAttribute('part')).to.equal('toast');
    });

    it('exports the toast parts (dismiss, title …) for ::part() styling from outside', async () => {
      const style = document.createElement('style');
      style.textContent = 'notif-toaster::part(dismiss) { color: rgb(9, 8, 7) } notif-toaster::part(title) { color: rgb(7, 8, 9) }';
      document.head.append(style);
      try {
        const el = await toasterWith(store);
        store.add(items(1));
        await settle(el);
        const [toast] = toasts(el);
        expect(getComputedStyle(inToast(toast!, 'dismiss')).color).to.equal('rgb(9, 8, 7)');
        expect(getComputedStyle(inToast(toast!, 'title')).color).to.equal('rgb(7, 8, 9)');
      } finally {
        style.remove();
      }
    });
  });

  describe('events', () => {
    it('notif-click bubbles out of the toaster from the toast; the toast marks it read', async () => {
      store.add({ id: 'x', title: 'Old', read: true });
      const el = await toasterWith(store);
      store.add({ id: 'c', title: 'Click me', url: '#toaster-followed' });
      await settle(el);
      const clicks = collect<NotifClickEvent>(document, 'notif-click');
      inToast(toasts(el)[0]!, 'title').click();
      expect(clicks.map((e) => e.notification.id)).to.deep.equal(['c']);
      expect((clicks[0]!.target as Element).localName).to.equal('notif-toaster');
      expect(store.$items.get().find((n) => n.id === 'c')!.read).to.equal(true);
      expect(location.hash).to.equal('#toaster-followed');
      await settle(el);
      expect(toasts(el).length).to.equal(0);
    });

    it('notif-dismiss from a toast removes it; a prevented one keeps it', async () => {
      const el = await toasterWith(store);
      store.add(items(2));
      await settle(el);
      const dismissed = collect<NotifDismissEvent>(document, 'notif-dismiss');
      inToast(toasts(el)[0]!, 'dismiss').click();
      await settle(el);
      expect(ids(el)).to.deep.equal(['n1']);
      expect(dismissed.map((e) => [e.reason, e.notification?.id, e.target === el])).to.deep.equal([['button', 'n2', true]]);

      const veto = (e: Event) => e.preventDefault();
      document.addEventListener('notif-dismiss', veto);
      try {
        inToast(toasts(el)[0]!, 'dismiss').click();
        await settle(el);
        expect(ids(el)).to.deep.equal(['n1']);
        expect(getComputedStyle(toasts(el)[0]!).display).to.not.equal('none');
      } finally {
        document.removeEventListener('notif-dismiss', veto);
      }
    });

    it('a prevented timeout keeps the toast', async () => {
      clock = useFakeClock();
      const el = await toasterWith(store);
      el.addEventListener('notif-dismiss', (e) => e.preventDefault());
      store.add(items(1));
      await settle(el);
      clock.tick(60_000);
      await settle(el);
      expect(ids(el)).to.deep.equal(['n1']);
    });

    it('clicking the summary dismisses it (reason click, no notification) and fires no notif-click', async () => {
      const el = await toasterWith(store);
      store.add(items(10));
      await settle(el);
      const clicks = collect(document, 'notif-click');
      const dismissed = collect<NotifDismissEvent>(document, 'notif-dismiss');
      inToast(summaryOf(el)!, 'title').click();
      await settle(el);
      expect(clicks.length).to.equal(0);
      expect(dismissed.map((e) => [e.reason, e.notification])).to.deep.equal([['click', undefined]]);
      expect(summaryOf(el)?.dataset.summary ?? null).to.equal(null);
      expect(toasts(el).length).to.equal(2);
    });
  });

  describe('keyboard and focus', () => {
    it('never moves focus to a new toast, urgent or not', async () => {
      const wrapper = await fixture(html`<div><button id="outside">x</button><notif-toaster></notif-toaster></div>`);
      const el = wrapper.querySelector('notif-toaster')!;
      el.store = store;
      await el.updateComplete;
      const outside = wrapper.querySelector<HTMLButtonElement>('#outside')!;
      outside.focus();
      store.add([{ id: 'u', title: 'Urgent', priority: 'urgent' }, ...items(10)]);
      await settle(el);
      expect(toasts(el).length).to.equal(3);
      expect(document.activeElement?.id).to.equal('outside');
      expect(focusedToast(el)).to.equal(null);
      const urgent = toasts(el).find((t) => t.getAttribute('priority') === 'urgent');
      expect(urgent, 'the urgent toast').to.exist;
      expect(urgent!.shadowRoot!.querySelectorAll('[role="alert"]').length).to.equal(1);
    });

    it('Escape dismisses the toast that has focus, and focus goes back where it was', async () => {
      const wrapper = await fixture(html`<div><button id="outside">x</button><notif-toaster></notif-toaster></div>`);
      const el = wrapper.querySelector('notif-toaster')!;
      el.store = store;
      await el.updateComplete;
      store.add(items(2));
      await settle(el);
      const outside = wrapper.querySelector<HTMLButtonElement>('#outside')!;
      outside.focus();
      await sendKeys({ press: 'Tab' });
      expect(focusedToast(el)).to.equal('n2');
      const dismissed = collect<NotifDismissEvent>(document, 'notif-dismiss');
      await sendKeys({ press: 'Escape' });
      await settle(el);
      expect(dismissed.map((e) => [e.reason, e.notification?.id])).to.deep.equal([['escape', 'n2']]);
      expect(ids(el)).to.deep.equal(['n1']);
      expect(document.activeElement?.id).to.equal('outside');
    });

    it('timers pause while the pointer is over the stack and resume with the time left', async () => {
      clock = useFakeClock();
      const el = await toasterWith(store);
      store.add(items(1));
      await settle(el);
      clock.tick(4000);
      const rect = toasts(el)[0]!.getBoundingClientRect();
      await sendMouse({ type: 'move', position: [Math.round(rect.left + 20), Math.round(rect.top + 10)] });
      try {
        clock.tick(60_000);
        await settle(el);
        expect(ids(el)).to.deep.equal(['n1']);
      } finally {
        await resetMouse();
      }
      clock.tick(1999);
      await settle(el);
      expect(ids(el)).to.deep.equal(['n1']);
      clock.tick(1);
      await settle(el);
      expect(ids(el)).to.deep.equal([]);
    });

    it('timers pause while focus is inside the stack', async () => {
      clock = useFakeClock();
      const el = await toasterWith(store);
      store.add(items(2));
      await settle(el);
      inToast(toasts(el)[1]!, 'dismiss').focus();
      clock.tick(60_000);
      await settle(el);
      expect(ids(el)).to.deep.equal(['n2', 'n1']);
      inToast(toasts(el)[1]!, 'dismiss').blur();
      clock.tick(6000);
      await settle(el);
      expect(ids(el)).to.deep.equal([]);
    });
  });

  describe('store integration', () => {
    it('a burst of 50 shows exactly max toasts: the 2 newest and one "48 new notifications" summary', async () => {
      const el = await toasterWith(store);
      store.add(items(50));
      await settle(el);
      expect(toasts(el).length).to.equal(3);
      expect(ids(el)).to.deep.equal(['n50', 'n49', 'summary:48']);
      expect(textOf(summaryOf(el)!)).to.equal('48 new notifications');
      expect(textOf(toasts(el)[0]!)).to.equal('Notification 50');
    });

    it('later arrivals add to the summary instead of flooding', async () => {
      const el = await toasterWith(store);
      store.add(items(50));
      await settle(el);
      store.add(items(5, 51));
      await settle(el);
      expect(toasts(el).length).to.equal(3);
      expect(textOf(summaryOf(el)!)).to.equal('53 new notifications');
    });

    it('an urgent notification in a burst gets its own toast, never the summary', async () => {
      const el = await toasterWith(store);
      // The urgent one is the oldest of the burst: by arrival order it would be folded into the summary.
      store.add([...items(1, 1, { priority: 'urgent' }), ...items(20, 2)]);
      await settle(el);
      // Newest first: n21, then the summary of n2–n20, then the urgent n1.
      expect(ids(el)).to.deep.equal(['n21', 'summary:19', 'n1']);
      expect(toasts(el)[2]!.getAttribute('priority')).to.equal('urgent');
    });

    it('urgent ones take the place of older toasts, and wait for a slot when every toast is urgent', async () => {
      const el = await toasterWith(store);
      store.add(items(3));
      await settle(el);
      store.add(items(4, 10, { priority: 'urgent' }));
      await settle(el);
      // Three slots, four urgent: three shown (the older toasts gave way), one waiting.
      expect(ids(el)).to.deep.equal(['n12', 'n11', 'n10']);
      toasts(el)[0]!.dismiss();
      await settle(el);
      expect(ids(el)).to.deep.equal(['n13', 'n11', 'n10']);
    });

    it('arrivals one at a time fill the free slots; when full, the oldest makes room', async () => {
      const el = await toasterWith(store);
      for (const item of items(4)) {
        store.add(item);
        await settle(el);
      }
      expect(ids(el)).to.deep.equal(['n4', 'n3', 'n2']);
      expect(summaryOf(el)?.dataset.summary ?? null).to.equal(null);
    });

    it('a burst of 50 from a live SSE source shows exactly 3 toasts, one summary saying 48', async () => {
      const c = channel('toaster');
      const live = createNotificationStore({ transport: sse(hubUrl(c, 'sse')) });
      const el = await toasterWith(live);
      live.start();
      try {
        await waitFor(() => live.$status.get() === 'open');
        await control(c, { action: 'publish', count: 50 });
        await waitFor(() => live.$items.get().length === 50);
        await settle(el);
        expect(toasts(el).length).to.equal(3);
        expect(ids(el)).to.deep.equal(['50', '49', 'summary:48']);
        expect(textOf(summaryOf(el)!)).to.equal('48 new notifications');
      } finally {
        live.stop();
        await control(c, { action: 'reset' });
      }
    });

    it('what a resumed SSE connection replays, and snapshots, update the feed silently: no toast', async () => {
      const c = channel('toaster-replay');
      const live = createNotificationStore({ transport: sse(hubUrl(c, 'sse'), { backoff: { baseMs: 20, capMs: 100 } }) });
      const el = await toasterWith(live);
      live.start();
      try {
        await waitFor(() => live.$status.get() === 'open');
        await control(c, { action: 'publish', count: 1 });
        await waitFor(() => live.$items.get().length === 1);
        await settle(el);
        expect(ids(el)).to.deep.equal(['1']);
        await control(c, { action: 'cut' });
        await control(c, { action: 'publish', count: 20 });
        await waitFor(() => live.$items.get().length === 21);
        await control(c, {
          action: 'publish',
          frames: [{ type: 'snapshot', items: [...items(3, 100), { id: '1', title: 'Notification 1', createdAt: 1 }] }],
        });
        await waitFor(() => live.$items.get().some((n) => n.id === 'n100'));
        await settle(el);
        expect(ids(el)).to.deep.equal(['1']);
      } finally {
        live.stop();
        await control(c, { action: 'reset' });
      }
    });

    it('silent messages (snapshot, "replay": true) never toast', async () => {
      const el = await toasterWith(store);
      store.add({ type: 'snapshot', items: items(3) });
      store.add({ id: 'r', title: 'Replayed', replay: true });
      await settle(el);
      expect(store.$items.get().length).to.equal(4);
      expect(toasts(el).length).to.equal(0);
    });

    it('an id is toasted at most once, even when re-sent or seen again through another store', async () => {
      const el = await toasterWith(store);
      store.add(items(1));
      await settle(el);
      inToast(toasts(el)[0]!, 'dismiss').click();
      await settle(el);
      store.add(items(1));
      store.add({ ...items(1)[0], title: 'Changed' });
      await settle(el);
      expect(toasts(el).length).to.equal(0);

      const other = createNotificationStore();
      el.store = other;
      await settle(el);
      other.add(items(2));
      await settle(el);
      expect(ids(el)).to.deep.equal(['n2']);
    });

    it('a read notification, or one whose topic has toasts turned off, does not toast', async () => {
      const el = await toasterWith(store);
      store.setPreference('billing', 'toast', false);
      store.add([
        { id: 'read', title: 'Already read', read: true },
        { id: 'bill', title: 'Invoice', topic: 'billing' },
        { id: 'ok', title: 'Shown', topic: 'deploys' },
      ]);
      await settle(el);
      expect(ids(el)).to.deep.equal(['ok']);
      store.setPreference('default', 'toast', false);
      store.add({ id: 'none', title: 'No topic' });
      await settle(el);
      expect(ids(el)).to.deep.equal(['ok']);
    });

    it('a toast goes when its notification is read elsewhere, and shows updates to it', async () => {
      const el = await toasterWith(store);
      store.add(items(2));
      await settle(el);
      store.add({ id: 'n2', title: 'Notification 2 (edited)', createdAt: 1_700_000_002_000 });
      await settle(el);
      expect(textOf(toasts(el)[0]!)).to.equal('Notification 2 (edited)');
      store.markRead('n2');
      await settle(el);
      expect(ids(el)).to.deep.equal(['n1']);
    });

    it('works inside a provider: the toast marks read in the provider store', async () => {
      const provider = await fixture(html`<notif-provider .store=${store}><notif-toaster></notif-toaster></notif-provider>`);
      const el = provider.querySelector('notif-toaster')!;
      store.add({ id: 'p', title: 'From the provider' });
      await settle(el);
      expect(ids(el)).to.deep.equal(['p']);
      inToast(toasts(el)[0]!, 'title').click();
      expect(store.$unreadCount.get()).to.equal(0);
    });

    it('renders an XSS payload inert: literal text, no img, no javascript: link', async () => {
      const evil = '<img src=x onerror="window.__pwned=1">';
      const el = await toasterWith(store);
      store.add({
        id: 'xss',
        title: evil,
        body: evil,
        url: 'javascript:window.__pwned=1',
        icon: 'javascript:window.__pwned=1',
        actions: [{ id: 'a', label: evil, url: 'javascript:window.__pwned=1' }],
      });
      await settle(el);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const [toast] = toasts(el);
      expect(textOf(toast!)).to.equal(evil);
      expect(inToast(toast!, 'body').textContent).to.equal(evil);
      expect(inToast(toast!, 'action').textContent.trim()).to.equal(evil);
      expect(inToast(toast!, 'action').tagName).to.equal('BUTTON');
      expect(toast!.shadowRoot!.querySelectorAll('img, a[href^="javascript"]').length).to.equal(0);
      expect(el.shadowRoot!.querySelectorAll('img').length).to.equal(0);
      el.addEventListener('notif-click', (e) => e.preventDefault());
      inToast(toast!, 'title').click();
      expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
    });
  });

  describe('desktop notifications', () => {
    class FakeOsNotification extends EventTarget {
      static permission: NotificationPermission = 'granted';
      static requested = 0;
      static shown: FakeOsNotification[] = [];
      static requestPermission(): Promise<NotificationPermission> {
        FakeOsNotification.requested++;
        return Promise.resolve('granted');
      }
      readonly title: string;
      readonly options: NotificationOptions;
      closed = false;
      constructor(title: string, options: NotificationOptions = {}) {
        super();
        this.title = title;
        this.options = options;
        FakeOsNotification.shown.push(this);
      }
      close(): void {
        this.closed = true;
      }
    }
    let original: PropertyDescriptor | undefined;
    const setHidden = (hidden: boolean) => {
      if (hidden) Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      else delete (document as { visibilityState?: unknown }).visibilityState;
    };
    beforeEach(() => {
      original = Object.getOwnPropertyDescriptor(window, 'Notification');
      Object.defineProperty(window, 'Notification', { configurable: true, writable: true, value: FakeOsNotification });
      FakeOsNotification.permission = 'granted';
      FakeOsNotification.requested = 0;
      FakeOsNotification.shown = [];
      store.setPreference('default', 'desktop', true);
    });
    afterEach(() => {
      setHidden(false);
      if (original) Object.defineProperty(window, 'Notification', original);
    });

    it('while the page is hidden, shows an opted-in live notification once; its click marks read and follows', async () => {
      const el = await toasterWith(store);
      setHidden(true);
      store.add({ id: 'd1', title: 'Hidden hello', body: 'body text', url: '#desktop-followed', icon: '/i.png' });
      store.add({ id: 'd1', title: 'Hidden hello again' });
      await settle(el);
      expect(FakeOsNotification.shown.map((n) => [n.title, n.options.body, n.options.tag, n.options.icon])).to.deep.equal([
        ['Hidden hello', 'body text', 'd1', '/i.png'],
      ]);
      FakeOsNotification.shown[0]!.dispatchEvent(new Event('click', { cancelable: true }));
      expect(store.$items.get()[0]!.read).to.equal(true);
      expect(location.hash).to.equal('#desktop-followed');
      expect(FakeOsNotification.shown[0]!.closed).to.equal(true);
      expect(FakeOsNotification.requested).to.equal(0);
    });

    it('shows nothing while visible, without permission, for silent messages, or when not opted in', async () => {
      const el = await toasterWith(store);
      store.add({ id: 'v', title: 'Visible page' });
      setHidden(true);
      FakeOsNotification.permission = 'default';
      store.add({ id: 'p', title: 'No permission yet' });
      FakeOsNotification.permission = 'granted';
      store.add({ type: 'snapshot', items: [{ id: 's', title: 'Silent' }] });
      store.setPreference('default', 'desktop', false);
      store.add({ id: 'o', title: 'Opted out' });
      await settle(el);
      expect(FakeOsNotification.shown.length).to.equal(0);
      expect(FakeOsNotification.requested).to.equal(0);
    });

    it('a burst while hidden becomes one summary OS notification', async () => {
      const el = await toasterWith(store);
      setHidden(true);
      store.add(items(10));
      await settle(el);
      expect(FakeOsNotification.shown.map((n) => [n.title, n.options.tag])).to.deep.equal([
        ['10 new notifications', 'notif-elements-summary'],
      ]);
    });
  });
});
