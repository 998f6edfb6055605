// S1/S3/F47: every XSS vector in every untrusted field, rendered by every element, stays inert:
// nothing runs, no element is made from payload text, no link or image has a non-http(s) URL,
// and the text is shown literally.
import { expect, fixture, fixtureCleanup, html, nextFrame } from '@open-wc/testing';
import { createNotificationStore, type NotificationStore } from '../../src/core/store/index.js';
import type { Notification } from '../../src/core/model/types.js';
import '../../src/elements/notif-bell/notif-bell.define.js';
import '../../src/elements/notif-feed/notif-feed.define.js';
import '../../src/elements/notif-preferences/notif-preferences.define.js';
import '../../src/elements/notif-toast/notif-toast.define.js';
import '../../src/elements/notif-toaster/notif-toaster.define.js';
import '../helpers/benign-errors.js';
import { waitFor } from '../helpers/hub.js';
import { xssVectors } from './xss-vectors.js';

interface Pwnable {
  __pwned?: unknown;
}

// Tags our templates may create; anything else in a shadow root came from somewhere it should not.
const ALLOWED_TAGS = new Set([
  'A', 'BUTTON', 'DIV', 'SPAN', 'P', 'UL', 'OL', 'LI', 'H2', 'H3', 'HEADER', 'FOOTER', 'SECTION', 'NAV',
  'SLOT', 'TIME', 'IMG', 'SVG', 'PATH', 'CIRCLE', 'G', 'RECT', 'LINE', 'POLYLINE', 'FORM', 'FIELDSET', 'LEGEND',
  'LABEL', 'INPUT', 'STRONG', 'SMALL', 'NOTIF-FEED', 'NOTIF-TOAST', 'DIALOG', 'MENU', 'ARTICLE', 'SELECT', 'OPTION',
]);

/** Every element in `root`'s shadow tree and the shadow trees nested in it. */
function deepElements(root: Element): Element[] {
  const out: Element[] = [];
  const walk = (node: ParentNode): void => {
    for (const el of node.querySelectorAll('*')) {
      out.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  if (root.shadowRoot) walk(root.shadowRoot);
  return out;
}

function expectInert(host: Element): void {
  const elements = deepElements(host);
  expect(elements.length, `${host.localName} rendered something`).to.be.greaterThan(0);
  for (const el of elements) {
    const tag = el.tagName.toUpperCase();
    expect(ALLOWED_TAGS.has(tag), `<${el.localName}> in ${host.localName}`).to.equal(true);
    for (const attr of el.attributes) {
      expect(/^on/i.test(attr.name), `${attr.name} on <${el.localName}>`).to.equal(false);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'srcdoc', 'data'].includes(attr.name.toLowerCase())) {
        expect(attr.name, `<${el.localName} ${attr.name}>`).to.be.oneOf(['href', 'src']);
        const url = new URL(attr.value, location.href);
        expect(url.protocol, `${attr.name}=${attr.value}`).to.be.oneOf(['http:', 'https:']);
        if (!/^[a-z][a-z\d+.-]*:/i.test(attr.value)) expect(url.origin, attr.value).to.equal(location.origin);
      }
    }
    if (tag === 'IMG') expect(el.getAttribute('part'), 'an img that is not the icon').to.equal('icon');
    if (tag === 'SVG') expect(el.closest('[part~="title"], [part~="body"], [part~="action"]')).to.equal(null);
  }
}

/** Text of every `[part~=name]` in `host`'s shadow trees. */
function partTexts(host: Element, name: string): string[] {
  return deepElements(host)
    .filter((el) => el.getAttribute('part')?.split(/\s+/).includes(name))
    .map((el) => el.textContent ?? '');
}

const settle = async (): Promise<void> => {
  await nextFrame();
  // long enough for an <img onerror> or an <iframe src=javascript:> to have fired
  await new Promise((resolve) => setTimeout(resolve, 150));
};

function hostileStore(withTopics = false, vectors: readonly string[] = xssVectors): NotificationStore {
  const store = createNotificationStore(
    withTopics ? { topics: xssVectors.map((vector, i) => ({ id: `t${i}`, label: vector })) } : {},
  );
  store.add(
    vectors.map((vector, i) => ({
      id: `x${i}`,
      title: vector,
      body: vector,
      url: vector,
      icon: vector,
      ...(withTopics ? { topic: `t${i}` } : {}),
      actions: [{ id: 'a', label: vector, url: vector }],
      createdAt: Date.now() - i * 1000,
    })),
  );
  return store;
}

describe('XSS corpus in every field of every element', function () {
  this.timeout(20_000);
  afterEach(() => {
    expect((window as Pwnable).__pwned).to.equal(undefined);
  });

  it('has at least 100 distinct vectors', () => {
    expect(xssVectors.length).to.be.at.least(100);
    expect(new Set(xssVectors).size).to.equal(xssVectors.length);
  });

  it('notif-feed: title, body, url, icon and action label and url (5 vectors per feed)', async () => {
    // The feed is virtualized: small pages keep every row in the viewport, so every vector renders.
    const covered = new Set<number>();
    for (let start = 0; start < xssVectors.length; start += 5) {
      const vectors = xssVectors.slice(start, start + 5);
      const store = hostileStore(false, vectors);
      expect(store.$items.get().map((n) => n.title)).to.deep.equal(vectors);
      const el = await fixture(html`<notif-feed .store=${store} style="display:block;height:900px"></notif-feed>`);
      const rows = (): Element[] => deepElements(el).filter((e) => e.getAttribute('part') === 'item');
      await waitFor(() => rows().length === vectors.length, {
        message: () => `${rows().length} rows for ${vectors.length} vectors from ${start}`,
      });
      await settle();
      expectInert(el);
      for (const row of rows()) {
        const i = Number(row.getAttribute('data-id')!.slice(1));
        const vector = vectors[i]!;
        expect(row.querySelector('[part~="title"]')!.textContent, vector).to.contain(vector);
        expect(row.querySelector('[part~="body"]')!.textContent, vector).to.equal(vector);
        covered.add(start + i);
      }
      // Feeds pushed below the viewport would render no rows at all.
      fixtureCleanup();
    }
    expect(covered.size).to.equal(xssVectors.length);
  });

  it('notif-bell with its panel open', async () => {
    const store = hostileStore();
    const el = await fixture(html`<notif-bell .store=${store} open></notif-bell>`);
    await waitFor(() => partTexts(el, 'title').length > 0);
    await settle();
    expectInert(el);
    const titles = partTexts(el, 'title');
    expect(xssVectors.filter((v) => titles.some((t) => t.includes(v))).length).to.be.greaterThan(0);
  });

  it('notif-toast: every vector set directly as a raw notification, bypassing normalize', async () => {
    const raw = xssVectors.map(
      (vector, i): Notification => ({
        id: `r${i}`,
        title: vector,
        body: vector,
        url: vector,
        icon: vector,
        actions: [{ id: 'a', label: vector, url: vector }],
        createdAt: 0,
        read: false,
        seen: false,
        archived: false,
      }),
    );
    const el = await fixture(html`<div>${raw.map((n) => html`<notif-toast .notification=${n} .duration=${0}></notif-toast>`)}</div>`);
    await settle();
    const toasts = [...el.querySelectorAll('notif-toast')];
    expect(toasts).to.have.length(xssVectors.length);
    toasts.forEach((toast, i) => {
      expectInert(toast);
      const vector = xssVectors[i]!;
      expect(partTexts(toast, 'title')[0], vector).to.equal(vector);
      expect(partTexts(toast, 'body')[0], vector).to.equal(vector);
      expect(partTexts(toast, 'action')[0]?.trim(), vector).to.equal(vector.trim());
    });
  });

  it('notif-toaster: live notifications carrying every vector', async () => {
    const store = createNotificationStore();
    const el = await fixture(html`<notif-toaster .store=${store}></notif-toaster>`);
    await nextFrame();
    for (let i = 0; i < xssVectors.length; i += 3) {
      store.add(
        xssVectors.slice(i, i + 3).map((vector, j) => ({
          id: `l${i + j}`,
          title: vector,
          body: vector,
          url: vector,
          icon: vector,
          actions: [{ id: 'a', label: vector, url: vector }],
        })),
      );
      await nextFrame();
      expectInert(el);
    }
    await settle();
    expectInert(el);
    expect(partTexts(el, 'title').length).to.be.greaterThan(0);
  });

  it('notif-preferences: every vector as a topic label', async () => {
    const store = hostileStore(true);
    const el = await fixture(html`<notif-preferences .store=${store}></notif-preferences>`);
    await waitFor(() => el.shadowRoot?.querySelector('legend'));
    await settle();
    expectInert(el);
    const text = el.shadowRoot!.textContent ?? '';
    const missing = xssVectors.filter((v) => !text.includes(v.trim()));
    expect(missing, 'topic labels not shown literally').to.deep.equal([]);
  });
});
