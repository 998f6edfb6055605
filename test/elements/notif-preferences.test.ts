import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, readFile, resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { createNotificationStore, type NotificationStore } from '../../src/core/store/index.js';
import type { Channel, PushControl, Topic } from '../../src/core/model/types.js';
import '../../src/elements/notif-preferences/notif-preferences.define.js';
import { defaultPreferencesStrings, type NotifPreferences } from '../../src/elements/notif-preferences/notif-preferences.js';
import '../../src/elements/notif-provider/notif-provider.define.js';
import type { NotifPreferencesChangeEvent } from '../../src/events/notif-preferences-change-event.js';
import { waitFor } from '../helpers/hub.js';

const TOPICS: Topic[] = [
  { id: 'orders', label: 'Orders' },
  { id: 'mentions', label: 'Mentions', defaults: { toast: false } },
];

function toggles(el: NotifPreferences): HTMLInputElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part~="toggle"]')];
}

function toggle(el: NotifPreferences, topic: string, channel: Channel): HTMLInputElement {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>(
    `[part~="toggle"][data-topic="${topic}"][data-channel="${channel}"]`,
  );
  if (!input) throw new Error(`no toggle for ${topic} × ${channel}`);
  return input;
}

/** The visible label text of a control, as a person reads it next to the checkbox. */
function labelText(input: HTMLInputElement): string {
  return input.labels?.[0]?.textContent?.trim() ?? '';
}

function legends(el: NotifPreferences): string[] {
  return [...el.shadowRoot!.querySelectorAll('fieldset > legend')].map((legend) => legend.textContent?.trim() ?? '');
}

/** The element the control's aria-describedby points at (it must be in the same shadow root). */
function description(el: NotifPreferences, input: HTMLInputElement): HTMLElement | null {
  const id = input.getAttribute('aria-describedby');
  return id ? el.shadowRoot!.getElementById(id) : null;
}

function isShown(node: Element | null): boolean {
  return !!node && node.checkVisibility() && (node.textContent?.trim().length ?? 0) > 0;
}

async function clickWithMouse(input: HTMLInputElement): Promise<void> {
  const box = input.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

interface PermissionStub {
  /** How many times the page asked for permission. */
  readonly requests: number;
  /** Whether each request carried a user gesture (transient activation). */
  readonly withGesture: boolean[];
  /** Resolves the pending request the way the person answered the browser's prompt. */
  answer(permission: NotificationPermission): void;
}

const restores: (() => void)[] = [];

/**
 * Replaces `Notification.permission` and `Notification.requestPermission` for
 * one test (headless Chromium cannot show or answer the real prompt); the
 * originals are restored in afterEach.
 */
function stubPermission(initial: NotificationPermission): PermissionStub {
  const target = window.Notification;
  const saved = ['permission', 'requestPermission'].map(
    (key) => [key, Object.getOwnPropertyDescriptor(target, key)] as const,
  );
  restores.push(() => {
    for (const [key, descriptor] of saved) {
      if (descriptor) Object.defineProperty(target, key, descriptor);
      else delete (target as unknown as Record<string, unknown>)[key];
    }
  });
  let permission = initial;
  let pending: ((answer: NotificationPermission) => void) | undefined;
  const stub = {
    requests: 0,
    withGesture: [] as boolean[],
    answer(answer: NotificationPermission) {
      permission = answer;
      pending?.(answer);
      pending = undefined;
    },
  };
  Object.defineProperty(target, 'permission', { configurable: true, get: () => permission });
  Object.defineProperty(target, 'requestPermission', {
    configurable: true,
    writable: true,
    value: () => {
      stub.requests += 1;
      stub.withGesture.push(navigator.userActivation.isActive);
      return new Promise<NotificationPermission>((resolve) => {
        pending = resolve;
      });
    },
  });
  return stub;
}

/** Removes the Notification API for one test, as in a browser without it. */
function removeNotificationApi(): void {
  const descriptor = Object.getOwnPropertyDescriptor(window, 'Notification');
  restores.push(() => {
    if (descriptor) Object.defineProperty(window, 'Notification', descriptor);
  });
  Object.defineProperty(window, 'Notification', { configurable: true, writable: true, value: undefined });
}

async function render(store: NotificationStore | undefined, extra: Partial<NotifPreferences> = {}): Promise<NotifPreferences> {
  const el = await fixture<NotifPreferences>(html`<notif-preferences .store=${store}></notif-preferences>`);
  Object.assign(el, extra);
  await el.updateComplete;
  return el;
}

describe('notif-preferences', () => {
  let store: NotificationStore;
  beforeEach(() => {
    store = createNotificationStore({ topics: TOPICS });
  });
  afterEach(async () => {
    for (const restore of restores.splice(0).reverse()) restore();
    await resetMouse();
    await emulateMedia({ colorScheme: 'light' });
  });

  // renders with defaults

  it('renders one fieldset per topic with three labelled checkboxes, checked from the store defaults', async () => {
    const el = await render(store);
    expect(legends(el)).to.deep.equal(['Orders', 'Mentions']);
    const form = el.shadowRoot!.querySelector('form')!;
    for (const fieldset of form.querySelectorAll('fieldset')) {
      const inputs = [...fieldset.querySelectorAll('input')];
      expect(inputs.map((input) => input.type)).to.deep.equal(['checkbox', 'checkbox', 'checkbox']);
      expect(inputs.map(labelText)).to.deep.equal(['In the feed', 'As a toast', 'On the desktop']);
      expect(inputs.every((input) => input.checkVisibility() && !input.disabled)).to.equal(true);
    }
    const state = (topic: string): boolean[] => (['feed', 'toast', 'desktop'] as const).map((c) => toggle(el, topic, c).checked);
    expect(state('orders')).to.deep.equal([true, true, false]);
    // the topic's declared defaults win over the channel defaults
    expect(state('mentions')).to.deep.equal([true, false, false]);
    expect(toggles(el).some((input) => input.dataset.topic === 'default')).to.equal(false);
  });

  it('shows one "All notifications" row for the default topic when no topics are declared', async () => {
    const el = await render(createNotificationStore());
    expect(legends(el)).to.deep.equal(['All notifications']);
    expect(toggles(el).map((input) => `${input.dataset.topic}/${input.dataset.channel}/${input.checked}`)).to.deep.equal([
      'default/feed/true',
      'default/toast/true',
      'default/desktop/false',
    ]);
  });

  // accessibility and theming

  it('is accessible in the light theme', async () => {
    const el = await render(store);
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(255, 255, 255)');
    await expect(el).to.be.accessible();
  });

  it('is accessible in the dark theme, from the theme attribute and from prefers-color-scheme', async () => {
    const el = await fixture<NotifPreferences>(html`<notif-preferences theme="dark" .store=${store}></notif-preferences>`);
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(17, 24, 39)');
    expect(getComputedStyle(el).color).to.equal('rgb(249, 250, 251)');
    await expect(el).to.be.accessible();

    await emulateMedia({ colorScheme: 'dark' });
    const auto = await render(store);
    expect(getComputedStyle(auto).backgroundColor).to.equal('rgb(17, 24, 39)');
    await expect(auto).to.be.accessible();
    auto.theme = 'light';
    await auto.updateComplete;
    expect(getComputedStyle(auto).backgroundColor).to.equal('rgb(255, 255, 255)');
  });

  it('uses every @cssprop it documents, and the theme tokens reach the controls', async () => {
    const source = await readFile({ path: '../../src/elements/notif-preferences/notif-preferences.ts' });
    const documented = [...(source ?? '').matchAll(/@cssprop \[(--notif-[\w-]+)=/g)].map((m) => m[1]!);
    expect(documented.length).to.be.greaterThan(5);
    const el = await render(store);
    const sheets = (el.constructor as typeof NotifPreferences).styles as { cssText: string }[];
    const all = sheets.map((sheet) => sheet.cssText).join('\n');
    const own = sheets.at(-1)!.cssText;
    for (const property of documented) {
      // used directly by the element's own styles, or through the local it feeds (`--_x: var(--notif-y, …)`)
      const local = new RegExp(`(--_[\\w-]+):\\s*var\\(${property}[,)]`).exec(all)?.[1];
      const used = own.includes(`var(${property}`) || (local !== undefined && own.includes(`var(${local})`));
      expect(used, `${property} is documented but not used`).to.equal(true);
    }
    el.style.setProperty('--notif-accent', 'rgb(1, 2, 3)');
    el.style.setProperty('--notif-preferences-toggle-size', '30px');
    const input = toggle(el, 'orders', 'feed');
    expect(getComputedStyle(input).accentColor).to.equal('rgb(1, 2, 3)');
    expect(input.getBoundingClientRect().width).to.equal(30);
  });

  it('lays out right to left with the checkbox at the inline start of its label', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl"><notif-preferences .store=${store}></notif-preferences></div>`);
    const el = wrapper.querySelector('notif-preferences')!;
    await el.updateComplete;
    const input = toggle(el, 'orders', 'feed');
    const text = input.labels![0]!.querySelector('span')!;
    expect(input.getBoundingClientRect().left).to.be.greaterThan(text.getBoundingClientRect().right - 1);
  });

  // attributes and properties

  it('.topics overrides the store topics; values still come from the store', async () => {
    store.setPreference('billing', 'toast', false);
    const el = await render(store, { topics: [{ id: 'billing', label: 'Billing' }] });
    expect(legends(el)).to.deep.equal(['Billing']);
    expect(toggle(el, 'billing', 'toast').checked).to.equal(false);
    expect(toggle(el, 'billing', 'feed').checked).to.equal(true);
    el.topics = undefined;
    await el.updateComplete;
    expect(legends(el)).to.deep.equal(['Orders', 'Mentions']);
  });

  it('exports frozen default strings: no page can change another element\'s text by mutating them', () => {
    expect(Object.isFrozen(defaultPreferencesStrings)).to.equal(true);
    expect(() => {
      (defaultPreferencesStrings as { feed: string }).feed = 'hijacked';
    }).to.throw(TypeError);
  });

  it('.strings overrides any subset of the visible strings', async () => {
    const el = await render(createNotificationStore(), {
      strings: { feed: 'Dans le fil', defaultTopic: 'Toutes les notifications' },
    });
    expect(legends(el)).to.deep.equal(['Toutes les notifications']);
    expect(toggles(el).map(labelText)).to.deep.equal(['Dans le fil', 'As a toast', 'On the desktop']);
  });

  it('reflects theme and disables the toggles while it has no store', async () => {
    const el = await render(undefined);
    expect(toggles(el)).to.have.length(3);
    expect(toggles(el).every((input) => input.disabled)).to.equal(true);
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('dark');
    el.store = store;
    await el.updateComplete;
    expect(toggles(el).every((input) => !input.disabled)).to.equal(true);
  });

  // parts

  it('exposes the form, toggle and status parts; each toggle names its topic and channel', async () => {
    const el = await render(store);
    const form = el.shadowRoot!.querySelector('[part~="form"]');
    expect(form?.localName).to.equal('form');
    expect(form?.querySelectorAll('fieldset')).to.have.length(2);
    expect(toggles(el).map((input) => `${input.dataset.topic}/${input.dataset.channel}`)).to.deep.equal([
      'orders/feed',
      'orders/toast',
      'orders/desktop',
      'mentions/feed',
      'mentions/toast',
      'mentions/desktop',
    ]);
    expect(toggles(el).every((input) => input.localName === 'input' && input.type === 'checkbox')).to.equal(true);
    expect(isShown(el.shadowRoot!.querySelector('[part~="status"]'))).to.equal(true);
  });

  // events

  it('a toggle fires notif-preferences-change before the store changes, then updates the store', async () => {
    const el = await render(store);
    const seen: { topic: string; channel: Channel; enabled: boolean; storeBefore: boolean | undefined }[] = [];
    const events: NotifPreferencesChangeEvent[] = [];
    const listener = (event: NotifPreferencesChangeEvent): void => {
      events.push(event);
      const { topic, channel, enabled } = event;
      seen.push({ topic, channel, enabled, storeBefore: store.$preferences.get()[topic]?.[channel] });
    };
    document.addEventListener('notif-preferences-change', listener);
    try {
      toggle(el, 'orders', 'toast').click();
      await el.updateComplete;
      expect(seen).to.deep.equal([{ topic: 'orders', channel: 'toast', enabled: false, storeBefore: true }]);
      expect(events[0]!.bubbles && events[0]!.composed && events[0]!.cancelable).to.equal(true);
      expect(store.$preferences.get().orders).to.deep.equal({ feed: true, toast: false, desktop: false });
      expect(toggle(el, 'orders', 'toast').checked).to.equal(false);

      toggle(el, 'mentions', 'toast').click();
      await el.updateComplete;
      expect(seen[1]).to.deep.include({ topic: 'mentions', channel: 'toast', enabled: true });
      expect(store.$preferences.get().mentions?.toast).to.equal(true);
    } finally {
      document.removeEventListener('notif-preferences-change', listener);
    }
  });

  it('a prevented change leaves the store alone and puts the checkbox back', async () => {
    const permission = stubPermission('default');
    const el = await render(store);
    el.addEventListener('notif-preferences-change', (event) => event.preventDefault());
    const before = structuredClone(store.$preferences.get());
    const feed = toggle(el, 'orders', 'feed');
    feed.click();
    expect(feed.checked).to.equal(true);
    await el.updateComplete;
    expect(feed.checked).to.equal(true);
    await clickWithMouse(toggle(el, 'orders', 'desktop'));
    await el.updateComplete;
    expect(toggle(el, 'orders', 'desktop').checked).to.equal(false);
    expect(permission.requests, 'a vetoed desktop toggle must not prompt').to.equal(0);
    expect(store.$preferences.get()).to.deep.equal(before);
  });

  // desktop permission

  it('never asks for desktop permission on load or on render', async () => {
    const permission = stubPermission('default');
    const withDesktop = createNotificationStore({ topics: [{ id: 'alerts', label: 'Alerts', defaults: { desktop: true } }] });
    const el = await render(withDesktop);
    el.strings = { desktop: 'OS' };
    withDesktop.setTopics([...withDesktop.$topics.get(), { id: 'more', label: 'More' }]);
    await el.updateComplete;
    toggle(el, 'alerts', 'feed').click();
    await el.updateComplete;
    expect(permission.requests).to.equal(0);
    // on in the store, but the browser has not allowed it yet: it shows as off until the person turns it on
    expect(toggle(el, 'alerts', 'desktop').checked).to.equal(false);
    expect(el.shadowRoot!.querySelector('[part~="status"]')?.textContent).to.contain('will ask for permission');
  });

  it('with Web Push, a subscription that failed says so in the status line', async () => {
    stubPermission('granted');
    let state: 'error' | 'subscribed' = 'subscribed';
    const listeners = new Set<(state: 'error' | 'subscribed') => void>();
    const push: PushControl = {
      state: () => state,
      onState: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
      onRead: () => () => {},
      onEnable: () => () => {},
      follow: () => {},
    };
    const pushing = createNotificationStore({ topics: TOPICS, transport: { push, connect: () => () => {} } });
    const el = await render(pushing);
    const status = el.shadowRoot!.querySelector('[part~="status"]')!;
    expect(status.textContent).to.contain('allowed');
    state = 'error';
    for (const listener of listeners) listener(state);
    await el.updateComplete;
    expect(status.textContent).to.contain('could not be set up');
  });

  it('turning desktop on asks once, from the click, and "granted" sets the preference', async () => {
    const permission = stubPermission('default');
    const el = await render(store);
    const desktop = toggle(el, 'orders', 'desktop');
    const status = el.shadowRoot!.querySelector('[part~="status"]')!;
    await clickWithMouse(desktop);
    await el.updateComplete;
    expect(permission.requests).to.equal(1);
    expect(permission.withGesture).to.deep.equal([true]);
    expect(status.textContent).to.contain('Waiting for your answer');
    // stays on while the browser's prompt is open; the store waits for the answer
    expect(desktop.checked).to.equal(true);
    expect(store.$preferences.get().orders?.desktop).to.equal(false);

    // another desktop toggle turned on while the prompt is open shares the same request
    await clickWithMouse(toggle(el, 'mentions', 'desktop'));
    expect(permission.requests).to.equal(1);

    permission.answer('granted');
    await waitFor(() => store.$preferences.get().orders?.desktop === true);
    await el.updateComplete;
    expect(store.$preferences.get().mentions?.desktop).to.equal(true);
    expect(toggle(el, 'orders', 'desktop').checked).to.equal(true);
    expect(toggle(el, 'mentions', 'desktop').checked).to.equal(true);
    expect(status.textContent).to.contain('allowed');

    // off and on again: no more prompts once granted
    await clickWithMouse(desktop);
    expect(store.$preferences.get().orders?.desktop).to.equal(false);
    await clickWithMouse(desktop);
    await el.updateComplete;
    expect(store.$preferences.get().orders?.desktop).to.equal(true);
    expect(desktop.checked).to.equal(true);
    expect(permission.requests).to.equal(1);
  });

  it('"denied" leaves the toggle off and shows "Blocked in browser settings" as its description', async () => {
    const permission = stubPermission('default');
    const el = await render(store);
    const desktop = toggle(el, 'orders', 'desktop');
    await clickWithMouse(desktop);
    permission.answer('denied');
    await waitFor(() => !desktop.checked);
    await el.updateComplete;
    expect(desktop.checked).to.equal(false);
    expect(store.$preferences.get().orders?.desktop).to.equal(false);
    const note = description(el, desktop);
    expect(note?.textContent?.trim()).to.match(/^Blocked in browser settings\. To turn them on, allow notifications/);
    expect(isShown(note)).to.equal(true);
    // a denied permission is never asked again
    await clickWithMouse(desktop);
    await el.updateComplete;
    expect(desktop.checked).to.equal(false);
    expect(permission.requests).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('already denied: no prompt, the toggle reverts off and the blocked message is shown', async () => {
    const permission = stubPermission('denied');
    const el = await render(store);
    const desktop = toggle(el, 'mentions', 'desktop');
    expect(description(el, desktop)?.textContent?.trim()).to.match(/^Blocked in browser settings/);
    await clickWithMouse(desktop);
    await el.updateComplete;
    expect(desktop.checked).to.equal(false);
    expect(permission.requests).to.equal(0);
    expect(store.$preferences.get().mentions?.desktop).to.equal(false);
  });

  it('without the Notification API the desktop toggles are disabled with a note', async () => {
    removeNotificationApi();
    const el = await render(store);
    for (const input of toggles(el)) {
      expect(input.disabled, `${input.dataset.topic}/${input.dataset.channel}`).to.equal(input.dataset.channel === 'desktop');
    }
    const note = description(el, toggle(el, 'orders', 'desktop'));
    expect(isShown(note)).to.equal(true);
    expect(note?.textContent).to.contain('does not support desktop notifications');
  });

  // keyboard and focus

  it('Tab moves between the checkboxes, with a visible focus ring, and Space toggles', async () => {
    const el = await render(store);
    const [first, second] = toggles(el);
    first!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(second);
    const ring = getComputedStyle(second!);
    expect(ring.outlineStyle).to.equal('solid');
    expect(ring.outlineWidth).to.equal('2px');

    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(second!.checked).to.equal(false);
    expect(store.$preferences.get().orders?.toast).to.equal(false);
    await sendKeys({ press: 'Space' });
    expect(store.$preferences.get().orders?.toast).to.equal(true);
  });

  // store integration

  it('works through <notif-provider> and a persisted store: changes survive into a new store', async () => {
    const storageKey = `notif-preferences-test-${Math.random().toString(36).slice(2)}`;
    restores.push(() => {
      localStorage.removeItem(`${storageKey}:preferences`);
      localStorage.removeItem(`${storageKey}:state`);
    });
    const persisted = createNotificationStore({ topics: TOPICS, storageKey });
    const provider = await fixture(
      html`<notif-provider .store=${persisted} .topics=${TOPICS}><notif-preferences></notif-preferences></notif-provider>`,
    );
    const el = provider.querySelector('notif-preferences')!;
    await el.updateComplete;
    expect(legends(el)).to.deep.equal(['Orders', 'Mentions']);

    toggle(el, 'orders', 'feed').click();
    expect(createNotificationStore({ topics: TOPICS, storageKey }).$preferences.get().orders?.feed).to.equal(false);

    // changes made elsewhere show up
    persisted.setPreference('mentions', 'toast', true);
    persisted.setTopics([...TOPICS, { id: 'billing', label: 'Billing' }]);
    await el.updateComplete;
    expect(toggle(el, 'mentions', 'toast').checked).to.equal(true);
    expect(legends(el)).to.deep.equal(['Orders', 'Mentions', 'Billing']);
  });
});
