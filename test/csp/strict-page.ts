// The page under test: every element, fed hostile text, under a strict CSP with Trusted Types.
import '../../src/define.js';
import { createNotificationStore } from '../../src/core/store/index.js';
import { xssVectors } from '../security/xss-vectors.js';

const store = createNotificationStore({ topics: [{ id: 'alerts', label: '<b>Alerts</b>' }] });
const provider = document.querySelector('notif-provider');
if (provider) provider.store = store;
// Added once the elements have the store, as live notifications: the toaster shows them too.
await provider?.updateComplete;
await new Promise(requestAnimationFrame);
store.add(
  xssVectors.map((vector, i) => ({
    id: `x${i}`,
    title: vector,
    body: vector,
    url: vector,
    icon: vector,
    actions: [{ id: 'a', label: vector, url: vector }],
    createdAt: Date.now() - i * 1000,
  })),
);
document.querySelector('notif-bell')?.setAttribute('open', '');
(globalThis as { pageReady?: boolean }).pageReady = true;
