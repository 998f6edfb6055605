// The demo page: every element from plain HTML, wired to the dev server's push source.
// The store is built in code, because it takes what attributes cannot say: the server's
// actions endpoint (reads and archives wait in an outbox until it takes them).
import '../src/define.js';
import {
  createNotificationStore,
  crossTab,
  httpActions,
  merge,
  poll,
  sse,
  webPush,
  websocket,
  type NotifProvider,
  type Transport,
  type TransportKind,
} from '../src/index.js';

const provider = document.querySelector<NotifProvider>('#provider');
if (!provider) throw new Error('the demo page lost its <notif-provider>');

// Web Push: a desktop toggle in the preferences asks the browser's permission, subscribes and
// tells the hub, which then pushes every notification of that topic, also with the tab closed.
const { publicKey } = (await (await fetch('/hub/demo/push/key')).json()) as { publicKey: string };
async function tellHub(path: string, body: unknown): Promise<void> {
  const response = await fetch(`/hub/demo/push/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`/hub/demo/push/${path} answered ${response.status}`);
}
const push = webPush({
  serviceWorker: '/notif-sw.js',
  vapidPublicKey: publicKey,
  subscribe: (details) => tellHub('subscribe', details),
  unsubscribe: (details) => tellHub('unsubscribe', details),
});

// One connection for every tab of the demo (open it in three: the server still holds one), and Web Push beside it.
const sources: Record<TransportKind, () => Transport> = {
  sse: () => merge(crossTab(sse('/hub/demo/sse'), { name: 'demo sse' }), push),
  websocket: () => merge(crossTab(websocket('/hub/demo/ws'), { name: 'demo websocket' }), push),
  poll: () => merge(crossTab(poll('/hub/demo/poll', { long: true }), { name: 'demo poll' }), push),
};
const store = createNotificationStore({
  transport: sources.sse(),
  storageKey: 'notif-demo',
  maxItems: 1000,
  actions: httpActions('/hub/demo/actions'),
  topics: [
    { id: 'builds', label: 'Builds' },
    { id: 'comments', label: 'Comments' },
    { id: 'billing', label: 'Billing' },
    { id: 'security', label: 'Security alerts', defaults: { desktop: true } },
  ],
});
provider.store = store;

const $ = <T extends Element>(selector: string): T => {
  const element = document.querySelector<T>(selector);
  if (!element) throw new Error(`missing ${selector}`);
  return element;
};

function log(text: string, kind = 'info'): void {
  const list = $<HTMLOListElement>('#log');
  const item = document.createElement('li');
  item.className = kind;
  item.textContent = `${new Date().toLocaleTimeString()}  ${text}`;
  list.prepend(item);
  while (list.children.length > 12) list.lastElementChild?.remove();
}

async function post(path: string, body?: unknown): Promise<void> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) log(`${path} answered ${response.status}`, 'error');
}

provider.addEventListener('notif-status', (event) => {
  const pill = $<HTMLSpanElement>('#status-pill');
  pill.textContent = event.status;
  pill.dataset.status = event.status;
  const retry = event.detail.retryInMs === undefined ? '' : ` — retry in ${event.detail.retryInMs} ms`;
  const why = event.detail.error ? ` (${event.detail.error.message})` : '';
  log(`${event.status}${retry}${why}`, event.status === 'error' ? 'error' : 'info');
});
push.$state.listen((state) => log(`desktop notifications (Web Push): ${state}`, state === 'error' ? 'error' : 'info'));
provider.addEventListener('notif-error', (event) => log(`rejected: ${event.error.code} — ${event.error.message}`, 'error'));
document.addEventListener('notif-click', (event) => {
  // The demo has no other pages: show what would happen instead of navigating away.
  event.preventDefault();
  const what = event.action ? `action “${event.action.label}”` : 'notification';
  log(`clicked ${what} of “${event.notification.title}”${event.notification.url ? ` → ${event.notification.url}` : ''}`);
  store.markRead(event.notification.id);
});

$<HTMLFormElement>('#publish').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData(event.target as HTMLFormElement);
  const text = (name: string): string => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const url = text('url');
  void post('/demo/publish', {
    topic: text('topic'),
    priority: text('priority'),
    title: text('title'),
    body: text('body'),
    ...(url && { url }),
    ...(form.get('actions') && {
      actions: [
        { id: 'open', label: 'Open', url: url || '/' },
        { id: 'undo', label: 'Undo' },
      ],
    }),
  });
});
$('#burst').addEventListener('click', () => {
  const burst = Array.from({ length: 25 }, (_, i) => ({ topic: 'builds', title: `Batch job ${i + 1} of 25 done`, body: 'Part of a burst: one summary toast, every item in the feed.' }));
  void post('/demo/publish', burst);
});
$('#xss').addEventListener('click', () => {
  void post('/demo/publish', {
    topic: 'comments',
    title: '<img src=x onerror=alert(1)> shows as text',
    body: '<script>alert(1)</script> — and the javascript: link below is dropped.',
    url: 'javascript:alert(1)',
    actions: [{ id: 'evil', label: '<b>bold?</b>', url: 'javascript:alert(1)' }],
  });
});
$<HTMLSelectElement>('#stream').addEventListener('change', (event) => {
  const perSecond = (event.target as HTMLSelectElement).value;
  void fetch(`/demo/stream?perSecond=${perSecond}`);
  log(perSecond === '0' ? 'random stream stopped' : `random stream: ${perSecond}/s`);
});
$('#cut').addEventListener('click', () => {
  log('cutting the connection on the server…');
  void post('/hub/demo/control', { action: 'cut' });
});
for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="transport"]')) {
  radio.addEventListener('change', () => {
    const kind = radio.value as TransportKind;
    store.setTransport(sources[kind]());
    log(`switched to ${kind}`);
  });
}

// The proof of resume: every id the server published is in the store, once.
setInterval(() => {
  void fetch('/hub/demo/log')
    .then((response) => response.json() as Promise<{ lastSeq: number; open: number }>)
    .then(({ lastSeq, open }) => {
      const role = store.$role.get();
      const holder = role === 'leader' ? 'this tab holds it' : role === 'follower' ? 'another tab holds it, this one mirrors it' : 'this tab alone';
      $<HTMLParagraphElement>('#tabs').textContent = `Connections the server holds: ${open} (${holder}). Open this page in more tabs: still one.`;
      const ids = new Set(store.$items.get().map((n) => n.id));
      let missing = 0;
      for (let seq = Math.max(1, lastSeq - 999); seq <= lastSeq; seq++) if (!ids.has(String(seq))) missing++;
      const text = $<HTMLParagraphElement>('#integrity');
      text.textContent = `Server published ${lastSeq} · in the feed: ${ids.size} · missing: ${missing}`;
      text.dataset.ok = String(missing === 0);
    });
}, 1000);

// The hub off the network: reads and archives wait (the feed marks them), and go once it is back.
const offlineButton = $<HTMLButtonElement>('#offline');
offlineButton.addEventListener('click', () => {
  const on = offlineButton.getAttribute('aria-pressed') !== 'true';
  void fetch(`/demo/offline?on=${on ? 1 : 0}`).then(() => {
    offlineButton.setAttribute('aria-pressed', String(on));
    offlineButton.textContent = on ? 'Bring the server back' : 'Take the server offline';
    log(on ? 'the server is offline: reads and archives wait' : 'the server is back');
    // What the browser does when its network comes back: reconnect and send what waits, now.
    if (!on) window.dispatchEvent(new Event('online'));
  });
});
store.$pending.subscribe((pending) => {
  $<HTMLParagraphElement>('#outbox').textContent = pending
    ? `Changes waiting for the server: ${pending} (marked in the feed; sent in order once it answers).`
    : 'Every read and archive has reached the server.';
});
