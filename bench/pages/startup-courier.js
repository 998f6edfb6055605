/* global window, document */
// startup, the peer reference: Courier's web-component inbox (`@trycourier/courier-ui-inbox`,
// bundled by bench/run.mjs from bench/peers with esbuild, minified). Measured like startup.js:
// the page does not load the bundle until runStartup() imports it. No user is signed in, so
// nothing goes to the network; Courier's elements render synchronously when connected.
import { afterPaint, bundleFetched } from './common.js';

window.runStartup = async () => {
  const url = new URL('/startup/courier.js', window.location.href).href;
  const start = performance.now();
  const api = await import(url);
  const imported = performance.now();
  const menu = new api.CourierInboxPopupMenu();
  document.body.append(menu);
  await Promise.resolve(); // the same microtask checkpoint a Lit updateComplete waits for
  const rendered = performance.now();
  await afterPaint();
  const painted = performance.now();
  const { fetched, files, bytes } = bundleFetched(new URL('/startup/', window.location.href).href, imported);
  const root = menu.shadowRoot ?? menu;
  return {
    total: rendered - start,
    fetch: fetched - start,
    afterFetch: rendered - fetched,
    importMs: imported - start,
    renderMs: rendered - imported,
    painted: painted - start,
    rendered: root.querySelector('button, courier-unread-count-badge, courier-icon-button') !== null,
    elements: root.querySelectorAll('*').length,
    files,
    transferSize: bytes,
  };
};
window.benchReady = true;
