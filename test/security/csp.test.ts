// Every element on a page served with script-src 'self', style-src 'self' and
// require-trusted-types-for 'script', fed the XSS corpus in every field.
import { expect } from '@open-wc/testing';
import { waitFor } from '../helpers/hub.js';
import { xssVectors } from './xss-vectors.js';

interface StrictPage extends Window {
  cspViolations?: string[];
  pageReady?: boolean;
  __pwned?: number;
}

describe('strict CSP and Trusted Types page', () => {
  let frame: HTMLIFrameElement;
  afterEach(() => frame.remove());

  it('renders every element with zero violations and nothing executed', async function () {
    this.timeout(15_000);
    frame = document.createElement('iframe');
    frame.style.width = '800px';
    frame.style.height = '600px';
    frame.src = '/test/csp/strict.html';
    document.body.append(frame);
    const page = (): StrictPage | undefined => {
      const win: StrictPage | null = frame.contentWindow;
      return win?.pageReady ? win : undefined;
    };
    const win = await waitFor(page, { timeout: 10_000 });
    const doc = frame.contentDocument!;
    const feed = doc.querySelector('notif-feed')!;
    await waitFor(() => feed.shadowRoot?.querySelectorAll('[part~="item"]').length);
    const bell = doc.querySelector('notif-bell')!;
    await waitFor(() => bell.shadowRoot?.querySelector('[part~="badge"]'));
    expect(bell.shadowRoot!.querySelector('[part~="badge"]')!.textContent).to.equal(xssVectors.length > 99 ? '99+' : String(xssVectors.length));
    // Lit's styles arrive through adoptedStyleSheets, which style-src 'self' allows.
    expect(getComputedStyle(bell.shadowRoot!.querySelector('[part~="button"]')!).borderRadius).to.equal('50%');
    const toaster = doc.querySelector('notif-toaster')!;
    await waitFor(() => toaster.shadowRoot?.querySelector('[part~="toast"][data-summary]'));
    const preferences = doc.querySelector('notif-preferences')!;
    await waitFor(() => preferences.shadowRoot?.querySelector('[part~="toggle"][data-topic="alerts"]'));
    expect(preferences.shadowRoot!.querySelector('legend')!.textContent).to.contain('<b>Alerts</b>');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(win.cspViolations).to.deep.equal([]);
    // The policy is really in force: Trusted Types refuses a plain string as HTML.
    expect(() => {
      doc.createElement('div').innerHTML = '<b>x</b>';
    }).to.throw(/TrustedHTML/);
    expect(win.__pwned).to.equal(undefined);
    const rendered = [...feed.shadowRoot!.querySelectorAll('[part~="title"]')].map((t) => t.textContent ?? '');
    expect(rendered.some((text) => text.includes('<script>window.__pwned=1</script>'))).to.equal(true);
    const links = [...feed.shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
    expect(links.filter((href) => /^\s*(javascript|data|vbscript|blob|file):/i.test(href))).to.deep.equal([]);
    for (const host of [feed, toaster, bell]) {
      expect(host.shadowRoot!.querySelectorAll('script, iframe, object, embed, svg image').length).to.equal(0);
    }
  });

  it('has a corpus of at least 100 vectors', () => {
    expect(xssVectors.length).to.be.at.least(100);
  });
});
