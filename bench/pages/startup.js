/* global window, document */
// startup: a store and the bell, bundled from the built package by bench/run.mjs (code-split:
// the feed panel is a lazy chunk), not loaded by this page until runStartup() imports it.
import { afterPaint, bundleFetched } from './common.js';

window.runStartup = async () => {
  const url = new URL('/startup/ours/ours.js', window.location.href).href;
  const start = performance.now();
  const api = await import(url);
  const imported = performance.now();
  const store = api.createNotificationStore();
  const bell = document.createElement('notif-bell');
  bell.store = store;
  document.body.append(bell);
  await bell.updateComplete;
  const rendered = performance.now();
  await afterPaint();
  const painted = performance.now();
  const { fetched, files, bytes } = bundleFetched(new URL('/startup/ours/', window.location.href).href, imported);
  return {
    total: rendered - start,
    fetch: fetched - start,
    afterFetch: rendered - fetched,
    importMs: imported - start,
    renderMs: rendered - imported,
    painted: painted - start,
    rendered: bell.shadowRoot?.querySelector('[part~="button"]') !== null,
    files,
    transferSize: bytes,
  };
};
window.benchReady = true;
