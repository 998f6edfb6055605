import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createNotificationStore } from '../../src/core/store/index.js';
import type { Notification } from '../../src/core/model/types.js';
import '../../src/elements/notif-provider/notif-provider.define.js';
import '../../src/elements/notif-toast/notif-toast.define.js';
import type { NotifToast } from '../../src/elements/notif-toast/notif-toast.js';
import type { NotifClickEvent } from '../../src/events/notif-click-event.js';
import type { NotifReadEvent } from '../../src/events/notif-read-event.js';
import type { NotifDismissEvent } from '../../src/events/notif-dismiss-event.js';
import { useFakeClock } from '../helpers/fake-clock.js';
import { channel, control, hubUrl, waitFor } from '../helpers/hub.js';

// --- helpers -------------------------------------------------------------------------------


let seq = 0;
function sample(fields: Partial<Notification> = {}): Notification {
  seq += 1;
  return {
    id: `t${seq}`,
    title: `Title ${seq}`,
    body: `Body ${seq}`,
    createdAt: 1_700_000_000_000 + seq,
    read: false,
    seen: false,
    archived: false,
    ...fields,
  };
}

const part = (el: NotifToast, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: NotifToast, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
/** The button that opens the notification: it holds the title and body. */
const mainButton = (el: NotifToast) => part(el, 'title')!.closest('button')!;
/** The part (or class) of what has focus inside the toast, else null. Never compare elements with chai: a failing
 * comparison of DOM nodes hangs the runner while it serialises them. */
const focused = (el: NotifToast) => {
  const active = el.shadowRoot!.activeElement;
  return active ? (active.getAttribute('part') ?? active.className) : null;
};
const isShown = (el: Element) => getComputedStyle(el).display !== 'none';

function collect<E extends Event>(target: EventTarget, type: string): E[] {
  const events: E[] = [];
  target.addEventListener(type, (e) => events.push(e as E));
  return events;
}

function touch(el: Element, type: string, clientX: number, pointerType = 'touch'): void {
  el.dispatchEvent(
    new PointerEvent(type, { pointerType, pointerId: 7, isPrimary: true, clientX, clientY: 10, bubbles: true, composed: true }),
  );
}

// --- tests ---------------------------------------------------------------------------------

describe('notif-toast', () => {
  let clock: ReturnType<typeof useFakeClock> | undefined;
  afterEach(() => {
    clock?.restore();
    clock = undefined;
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  });

  it('renders with defaults: a dismiss button named "Dismiss", normal priority, no alert, no timer', async () => {
    clock = useFakeClock();
    const el = await fixture<NotifToast>(html`<notif-toast>Saved</notif-toast>`);
    expect(el.getAttribute('priority')).to.equal('normal');
    expect(el.duration).to.equal(0);
    expect(getComputedStyle(el).display).to.equal('block');
    const dismiss = part(el, 'dismiss')!;
    expect(dismiss.tagName).to.equal('BUTTON');
    expect(dismiss.getAttribute('aria-label')).to.equal('Dismiss');
    expect(el.shadowRoot!.querySelectorAll('[role="alert"]').length).to.equal(0);
    expect(part(el, 'title')!.querySelector('slot')!.assignedNodes()[0]?.textContent).to.equal('Saved');
    clock.tick(60_000);
    expect(isShown(el)).to.equal(true);
  });

  it('renders a notification: icon, title, body and its actions', async () => {
    const n = sample({
      title: 'Build finished',
      body: 'main is green',
      icon: '/avatar.png',
      actions: [
        { id: 'open', label: 'Open', url: '/builds/1' },
        { id: 'retry', label: 'Retry' },
      ],
    });
    const el = await fixture<NotifToast>(html`<notif-toast .notification=${n}></notif-toast>`);
    expect(part(el, 'title')!.textContent).to.equal('Build finished');
    expect(part(el, 'body')!.textContent).to.equal('main is green');
    const icon = part(el, 'icon') as HTMLImageElement;
    expect(icon.tagName).to.equal('IMG');
    expect(icon.getAttribute('src')).to.equal('/avatar.png');
    expect(icon.alt).to.equal('');
    const actions = parts(el, 'action');
    expect(actions.map((a) => [a.tagName, a.textContent.trim()])).to.deep.equal([
      ['A', 'Open'],
      ['BUTTON', 'Retry'],
    ]);
    expect(actions[0]!.getAttribute('href')).to.equal('/builds/1');
    expect(mainButton(el).textContent).to.contain('Build finished');
  });

  describe('accessibility', () => {
    const rich = () =>
      sample({ icon: '/a.png', actions: [{ id: 'a', label: 'Open', url: '/x' }, { id: 'b', label: 'Later' }] });
    it('is accessible empty, light and dark', async () => {
      await expect(await fixture(html`<notif-toast>Saved</notif-toast>`)).to.be.accessible();
      await expect(await fixture(html`<notif-toast theme="dark">Saved</notif-toast>`)).to.be.accessible();
    });
    it('is accessible with a notification, light and dark', async () => {
      await expect(await fixture(html`<notif-toast .notification=${rich()}></notif-toast>`)).to.be.accessible();
      await expect(await fixture(html`<notif-toast theme="dark" .notification=${rich()}></notif-toast>`)).to.be.accessible();
    });
    it('is accessible when urgent, light and dark', async () => {
      const urgent = () => ({ ...rich(), priority: 'urgent' as const });
      await expect(await fixture(html`<notif-toast .notification=${urgent()}></notif-toast>`)).to.be.accessible();
      await expect(await fixture(html`<notif-toast theme="dark" .notification=${urgent()}></notif-toast>`)).to.be.accessible();
    });
  });

  describe('attributes and properties', () => {
    it('priority follows the notification and reflects; urgent is an alert', async () => {
      const el = await fixture<NotifToast>(html`<notif-toast .notification=${sample({ priority: 'urgent' })}></notif-toast>`);
      expect(el.getAttribute('priority')).to.equal('urgent');
      expect(el.shadowRoot!.querySelectorAll('[role="alert"]').length).to.equal(1);
      el.notification = sample({ priority: 'low' });
      await el.updateComplete;
      expect(el.getAttribute('priority')).to.equal('low');
      expect(el.shadowRoot!.querySelectorAll('[role="alert"]').length).to.equal(0);
    });

    it('a priority the app sets wins over the notification; removing it follows the notification again', async () => {
      const el = await fixture<NotifToast>(html`<notif-toast priority="high" .notification=${sample()}></notif-toast>`);
      expect(el.getAttribute('priority')).to.equal('high');
      el.notification = sample({ priority: 'urgent' });
      await el.updateComplete;
      expect(el.getAttribute('priority')).to.equal('high');
      el.removeAttribute('priority');
      await el.updateComplete;
      expect(el.getAttribute('priority')).to.equal('urgent');
    });

    it('urgent remaps the accent to --notif-danger (tokens only)', async () => {
      const n = sample({ actions: [{ id: 'a', label: 'Act' }] });
      const el = await fixture<NotifToast>(
        html`<notif-toast style="--notif-danger: rgb(1, 2, 3); --notif-accent: rgb(4, 5, 6)" .notification=${n}></notif-toast>`,
      );
      expect(getComputedStyle(part(el, 'action')!).color).to.equal('rgb(4, 5, 6)');
      el.priority = 'urgent';
      await el.updateComplete;
      expect(getComputedStyle(part(el, 'action')!).color).to.equal('rgb(1, 2, 3)');
    });

    it('duration dismisses it (reason timeout) when time is up; 0 keeps it', async () => {
      clock = useFakeClock();
      const el = await fixture<NotifToast>(html`<notif-toast duration="5000" .notification=${sample()}></notif-toast>`);
      const dismissed = collect<NotifDismissEvent>(el, 'notif-dismiss');
      clock.tick(4999);
      expect(isShown(el)).to.equal(true);
      clock.tick(1);
      expect(dismissed.map((e) => e.reason)).to.deep.equal(['timeout']);
      expect(el.hidden).to.equal(true);
      expect(isShown(el)).to.equal(false);

      const stays = await fixture<NotifToast>(html`<notif-toast duration="0" .notification=${sample()}></notif-toast>`);
      clock.tick(10 * 60_000);
      expect(isShown(stays)).to.equal(true);
    });

    it('a duration under 4 s counts as 4 s', async () => {
      clock = useFakeClock();
      const el = await fixture<NotifToast>(html`<notif-toast duration="500" .notification=${sample()}></notif-toast>`);
      clock.tick(3999);
      expect(isShown(el)).to.equal(true);
      clock.tick(1);
      expect(isShown(el)).to.equal(false);
    });

    it('strings: a partial override merges with the English defaults', async () => {
      const el = await fixture<NotifToast>(html`<notif-toast .strings=${{ dismiss: 'Schließen' }}></notif-toast>`);
      expect(part(el, 'dismiss')!.getAttribute('aria-label')).to.equal('Schließen');
      el.strings = {};
      await el.updateComplete;
      expect(part(el, 'dismiss')!.getAttribute('aria-label')).to.equal('Dismiss');
    });
  });

  describe('parts and slots', () => {
    it('exposes icon, title, body, action and dismiss parts; the body is clamped to 3 lines', async () => {
      const n = sample({ icon: '/a.png', body: 'word '.repeat(400), actions: [{ id: 'a', label: 'A' }] });
      const el = await fixture<NotifToast>(html`<notif-toast .notification=${n}></notif-toast>`);
      for (const name of ['icon', 'title', 'body', 'action', 'dismiss']) expect(part(el, name), name).to.not.equal(null);
      const body = part(el, 'body')!;
      expect(getComputedStyle(body).webkitLineClamp).to.equal('3');
      const lineHeight = parseFloat(getComputedStyle(body).lineHeight);
      expect(body.getBoundingClientRect().height).to.be.at.most(lineHeight * 3 + 1);
    });

    it('slot "icon" replaces the icon and slot "actions" replaces the actions', async () => {
      const n = sample({ icon: '/a.png', actions: [{ id: 'a', label: 'Built-in' }] });
      const el = await fixture<NotifToast>(
        html`<notif-toast .notification=${n}><span slot="icon" id="my-icon">★</span><button slot="actions">Mine</button></notif-toast>`,
      );
      const iconSlot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="icon"]')!;
      const actionsSlot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="actions"]')!;
      expect(iconSlot.assignedElements().map((e) => e.id)).to.deep.equal(['my-icon']);
      expect(actionsSlot.assignedElements().map((e) => e.textContent)).to.deep.equal(['Mine']);
      // Fallback content is not shown when something is slotted.
      expect(isShown(part(el, 'icon')!) && part(el, 'icon')!.getBoundingClientRect().width > 0).to.equal(false);
      expect(parts(el, 'action').every((a) => a.getBoundingClientRect().width === 0)).to.equal(true);
    });

    it('the default slot is the title when there is no notification', async () => {
      const el = await fixture<NotifToast>(html`<notif-toast><b>3</b> files uploaded</notif-toast>`);
      const slot = part(el, 'title')!.querySelector('slot')!;
      expect(slot.assignedNodes().map((node) => node.textContent).join('')).to.equal('3 files uploaded');
      expect(el.shadowRoot!.querySelectorAll('button:not([part])').length).to.equal(0);
    });
  });

  describe('events', () => {
    it('clicking the toast fires notif-click, then marks it read, follows its url and dismisses', async () => {
      const store = createNotificationStore();
      store.add({ id: 'c1', title: 'Open me', url: '#toast-followed' });
      const n = store.$items.get()[0]!;
      const el = await fixture<NotifToast>(html`<notif-toast .store=${store} .notification=${n}></notif-toast>`);
      const clicks = collect<NotifClickEvent>(document, 'notif-click');
      const dismissed = collect<NotifDismissEvent>(document, 'notif-dismiss');
      mainButton(el).click();
      expect(clicks.length).to.equal(1);
      expect(clicks[0]!.notification.id).to.equal('c1');
      expect(clicks[0]!.action).to.equal(undefined);
      expect(clicks[0]!.bubbles && clicks[0]!.composed && clicks[0]!.cancelable).to.equal(true);
      expect(store.$items.get()[0]!.read).to.equal(true);
      expect(location.hash).to.equal('#toast-followed');
      expect(dismissed.map((e) => e.reason)).to.deep.equal(['click']);
      expect(isShown(el)).to.equal(false);
    });

    it('a prevented notif-click changes nothing: not read, not followed, still shown', async () => {
      const store = createNotificationStore();
      store.add({ id: 'c2', title: 'Stay', url: '#not-followed' });
      const el = await fixture<NotifToast>(html`<notif-toast .store=${store} .notification=${store.$items.get()[0]}></notif-toast>`);
      el.addEventListener('notif-click', (e) => e.preventDefault());
      const dismissed = collect(el, 'notif-dismiss');
      mainButton(el).click();
      expect(store.$items.get()[0]!.read).to.equal(false);
      expect(location.hash).to.equal('');
      expect(dismissed.length).to.equal(0);
      expect(isShown(el)).to.equal(true);
    });

    it('a click on an unread one asks notif-read (cancelable) before marking it read; a prevented one stays unread', async () => {
      const store = createNotificationStore();
      store.add([{ id: 'r1', title: 'Read me' }, { id: 'r2', title: 'Keep me unread' }]);
      const [second, first] = store.$items.get();
      const el = await fixture<NotifToast>(html`<notif-toast .store=${store} .notification=${first}></notif-toast>`);
      const reads = collect<NotifReadEvent>(el, 'notif-read');
      mainButton(el).click();
      expect(reads.map((e) => e.ids)).to.deep.equal([['r1']]);
      expect(reads[0]!.cancelable && reads[0]!.bubbles && reads[0]!.composed).to.equal(true);
      expect(store.$items.get().find((n) => n.id === 'r1')!.read).to.equal(true);

      const other = await fixture<NotifToast>(html`<notif-toast .store=${store} .notification=${second}></notif-toast>`);
      other.addEventListener('notif-read', (e) => e.preventDefault());
      mainButton(other).click();
      expect(store.$items.get().find((n) => n.id === 'r2')!.read).to.equal(false);
    });

    it('an action fires notif-click with event.action; a link action keeps its safe href and rel', async () => {
      const n = sample({
        actions: [
          { id: 'later', label: 'Later' },
          { id: 'ext', label: 'Docs', url: 'https://example.com/docs' },
        ],
      });
      const el = await fixture<NotifToast>(html`<notif-toast .notification=${n}></notif-toast>`);
      const [later, ext] = parts(el, 'action');
      expect(ext!.getAttribute('rel')).to.equal('noopener noreferrer');
      expect(ext!.getAttribute('target')).to.equal('_blank');
      setTimeout(() => later!.click());
      const event = (await oneEvent(el, 'notif-click')) as unknown as NotifClickEvent;
      expect(event.action?.id).to.equal('later');
      expect(event.notification).to.equal(n);
    });

    it('a prevented action link does not navigate', async () => {
      const n = sample({ actions: [{ id: 'go', label: 'Go', url: '#action-followed' }] });
      const el = await fixture<NotifToast>(html`<notif-toast .notification=${n}></notif-toast>`);
      el.addEventListener('notif-click', (e) => e.preventDefault());
      const link = part(el, 'action')!;
      const native = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
      link.dispatchEvent(native);
      expect(native.defaultPrevented).to.equal(true);
      expect(location.hash).to.equal('');
      expect(isShown(el)).to.equal(true);
    });

    it('the dismiss button fires notif-dismiss (reason button) and hides the toast', async () => {
      const n = sample();
      const el = await fixture<NotifToast>(html`<notif-toast .notification=${n}></notif-toast>`);
      setTimeout(() => part(el, 'dismiss')!.click());
      const event = (await oneEvent(el, 'notif-dismiss')) as unknown as NotifDismissEvent;
      expect(event.reason).to.equal('button');
      expect(event.notification).to.equal(n);
      expect(event.cancelable && event.bubbles && event.composed).to.equal(true);
      expect(isShown(el)).to.equal(false);
    });

    it('a prevented notif-dismiss keeps the toast', async () => {
      const el = await fixture<NotifToast>(html`<notif-toast .notification=${sample()}></notif-toast>`);
      el.addEventListener('notif-dismiss', (e) => e.preventDefault());
      part(el, 'dismiss')!.click();
      expect(el.dismiss('escape')).to.equal(false);
      expect(el.hidden).to.equal(false);
      expect(isShown(el)).to.equal(true);
    });

    it('without a notification, a click on the toast dismisses it (reason click) and fires no notif-click', async () => {
      const el = await fixture<NotifToast>(html`<notif-toast>12 new notifications</notif-toast>`);
      const clicks = collect(document, 'notif-click');
      const dismissed = collect<NotifDismissEvent>(el, 'notif-dismiss');
      part(el, 'title')!.click();
      expect(clicks.length).to.equal(0);
      expect(dismissed.map((e) => [e.reason, e.notification])).to.deep.equal([['click', undefined]]);
    });

    it('a horizontal touch swipe over 30% of its width dismisses it (reason swipe); a short one does not', async () => {
      const el = await fixture<NotifToast>(html`<notif-toast style="width: 300px" .notification=${sample()}></notif-toast>`);
      const surface = part(el, 'title')!.closest('.toast')!;
      const dismissed = collect<NotifDismissEvent>(el, 'notif-dismiss');
      const clicks = collect(el, 'notif-click');

      touch(surface, 'pointerdown', 100);
      touch(surface, 'pointermove', 150);
      touch(surface, 'pointerup', 150); // 50 px < 90 px
      expect(dismissed.length).to.equal(0);
      mainButton(el).click(); // the click that ends a drag is not an activation
      expect(clicks.length).to.equal(0);

      // A mouse drag is not a swipe.
      touch(surface, 'pointerdown', 100, 'mouse');
      touch(surface, 'pointermove', 250, 'mouse');
      touch(surface, 'pointerup', 250, 'mouse');
      expect(dismissed.length).to.equal(0);

      touch(surface, 'pointerdown', 200);
      touch(surface, 'pointermove', 120);
      touch(surface, 'pointerup', 90); // 110 px > 90 px, towards the start
      expect(dismissed.map((e) => e.reason)).to.deep.equal(['swipe']);
      expect(isShown(el)).to.equal(false);
    });
  });

  describe('keyboard and focus', () => {
    it('Escape while focus is inside dismisses it (reason escape)', async () => {
      const el = await fixture<NotifToast>(html`<notif-toast .notification=${sample()}></notif-toast>`);
      const dismissed = collect<NotifDismissEvent>(el, 'notif-dismiss');
      part(el, 'dismiss')!.focus();
      await sendKeys({ press: 'Escape' });
      expect(dismissed.map((e) => e.reason)).to.deep.equal(['escape']);
      expect(isShown(el)).to.equal(false);
    });

    it('Escape elsewhere does nothing to it', async () => {
      const wrapper = await fixture(html`<div><button id="outside">x</button><notif-toast .notification=${sample()}></notif-toast></div>`);
      const el = wrapper.querySelector('notif-toast')!;
      const dismissed = collect(el, 'notif-dismiss');
      wrapper.querySelector<HTMLButtonElement>('#outside')!.focus();
      await sendKeys({ press: 'Escape' });
      expect(dismissed.length).to.equal(0);
      expect(isShown(el)).to.equal(true);
    });

    it('appearing never takes focus; Tab reaches the toast, then its action, then dismiss', async () => {
      const wrapper = await fixture(html`<div><button id="outside">x</button></div>`);
      const outside = wrapper.querySelector<HTMLButtonElement>('#outside')!;
      outside.focus();
      const el = document.createElement('notif-toast');
      el.notification = sample({ priority: 'urgent', actions: [{ id: 'a', label: 'Act' }] });
      wrapper.append(el);
      await el.updateComplete;
      expect(document.activeElement?.id).to.equal('outside');
      expect(focused(el)).to.equal(null);
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal('main');
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal('action');
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal('dismiss');
    });

    it('its timer pauses on hover and while focus is inside, and resumes with the time left', async () => {
      clock = useFakeClock();
      const el = await fixture<NotifToast>(html`<notif-toast duration="5000" .notification=${sample()}></notif-toast>`);
      clock.tick(3000);
      el.dispatchEvent(new PointerEvent('pointerenter'));
      clock.tick(60_000);
      expect(isShown(el)).to.equal(true);
      el.dispatchEvent(new PointerEvent('pointerleave'));
      clock.tick(1999);
      expect(isShown(el)).to.equal(true);

      part(el, 'dismiss')!.focus();
      clock.tick(60_000);
      expect(isShown(el)).to.equal(true);
      part(el, 'dismiss')!.blur();
      clock.tick(1);
      expect(isShown(el)).to.equal(false);
    });
  });

  describe('store integration', () => {
    it('marks read in the provider store it finds by context', async () => {
      const store = createNotificationStore();
      store.add({ id: 'ctx', title: 'By context' });
      const provider = await fixture(
        html`<notif-provider .store=${store}><notif-toast .notification=${store.$items.get()[0]}></notif-toast></notif-provider>`,
      );
      const el = provider.querySelector('notif-toast')!;
      await el.updateComplete;
      mainButton(el).click();
      expect(store.$items.get()[0]!.read).to.equal(true);
      expect(store.$unreadCount.get()).to.equal(0);
    });

    it('shows a notification from a live SSE source and marks it read there', async () => {
      const c = channel('toast');
      try {
        const provider = await fixture(html`<notif-provider src=${hubUrl(c, 'sse')}><notif-toast></notif-toast></notif-provider>`);
        const store = (provider as HTMLElementTagNameMap['notif-provider']).store!;
        await waitFor(() => store.$status.get() === 'open');
        await control(c, { action: 'publish', frames: [{ id: 'live-1', title: 'Deploy done', body: 'v2 is out' }] });
        const n = await waitFor(() => store.$items.get().find((item) => item.id === 'live-1'));
        const el = provider.querySelector('notif-toast')!;
        el.notification = n;
        await el.updateComplete;
        expect(part(el, 'title')!.textContent).to.equal('Deploy done');
        expect(part(el, 'body')!.textContent).to.equal('v2 is out');
        mainButton(el).click();
        expect(store.$items.get().find((item) => item.id === 'live-1')!.read).to.equal(true);
      } finally {
        await control(c, { action: 'reset' });
      }
    });

    it('renders untrusted fields inert: text stays text, unsafe URLs are dropped (even when set directly)', async () => {
      const evil = '<img src=x onerror="window.__pwned=1">';
      const n = sample({
        title: evil,
        body: evil,
        url: 'javascript:window.__pwned=1',
        icon: 'javascript:window.__pwned=1',
        actions: [
          { id: 'a', label: evil, url: 'javascript:window.__pwned=1' },
          { id: 'b', label: 'data', url: 'data:text/html,<script>window.__pwned=1</script>' },
          { id: 'c', label: 'proto', url: '//evil.example/x' },
        ],
      });
      const el = await fixture<NotifToast>(html`<notif-toast .notification=${n}></notif-toast>`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(part(el, 'title')!.textContent).to.equal(evil);
      expect(part(el, 'body')!.textContent).to.equal(evil);
      expect(parts(el, 'action')[0]!.textContent.trim()).to.equal(evil);
      expect(el.shadowRoot!.querySelectorAll('img').length).to.equal(0);
      expect(el.shadowRoot!.querySelectorAll('a[href]').length).to.equal(0);
      expect(parts(el, 'action').map((a) => a.tagName)).to.deep.equal(['BUTTON', 'BUTTON', 'BUTTON']);
      el.addEventListener('notif-click', () => undefined);
      mainButton(el).click();
      expect(location.hash).to.equal('');
      expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
    });
  });
});
