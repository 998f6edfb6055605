/// <reference lib="webworker" />
// `notif-elements/sw`: the service-worker half of Web Push. No DOM, no Lit.
import type { Notification as NotificationItem, Preferences } from '../core/model/types.js';
import { safeUrl } from '../core/model/url.js';
import { allows, resolvePreferences } from '../core/preferences.js';
import { decodeMessage } from '../core/wire/decode.js';
import { isToWorker, WORKER_PROTOCOL, WORKER_VERSION, type WorkerNews } from '../core/wire/worker.js';
import { decideClick } from './click.js';

export { decideClick } from './click.js';
export type { ClickDecision, PageInfo } from './click.js';

export interface NotifWorkerOptions {
  /** Opened by a click on a notification whose URL is missing or fails the URL rule. Default `/`. */
  defaultUrl?: string;
}

/** What the worker keeps between wake-ups (it may be stopped at any time). */
interface WorkerState {
  /** The person's preferences, as the pages last handed them over. */
  preferences: Preferences;
  /** Ids shown as OS notifications, so a second push of one shows nothing new. */
  shown: string[];
  /** Ids read through a click while no page was open, for the next page to apply. */
  reads: string[];
}

const STATE_CACHE = 'notif-elements';
const STATE_URL = '/__notif-elements/state';
const SHOWN_LIMIT = 500;

declare const self: ServiceWorkerGlobalScope;

async function readState(): Promise<WorkerState> {
  const empty: WorkerState = { preferences: resolvePreferences([], {}), shown: [], reads: [] };
  try {
    const response = await (await caches.open(STATE_CACHE)).match(STATE_URL);
    const stored = (await response?.json()) as Partial<WorkerState> | undefined;
    return {
      preferences: typeof stored?.preferences === 'object' && stored.preferences !== null ? stored.preferences : empty.preferences,
      shown: Array.isArray(stored?.shown) ? stored.shown.filter((id) => typeof id === 'string') : [],
      reads: Array.isArray(stored?.reads) ? stored.reads.filter((id) => typeof id === 'string') : [],
    };
  } catch {
    return empty;
  }
}

async function writeState(state: WorkerState): Promise<void> {
  const body = JSON.stringify({ ...state, shown: state.shown.slice(-SHOWN_LIMIT) });
  await (await caches.open(STATE_CACHE)).put(STATE_URL, new Response(body, { headers: { 'Content-Type': 'application/json' } }));
}

/**
 * One change of the state at a time, read to write: a worker runs its events concurrently, and
 * two pushes at once would each write back the state without the other's id (shown twice later).
 */
let stateTurn: Promise<unknown> = Promise.resolve();
function changeState<T>(change: (state: WorkerState) => T | Promise<T>): Promise<T> {
  const run = stateTurn.then(async () => {
    const state = await readState();
    const result = await change(state);
    await writeState(state);
    return result;
  });
  stateTurn = run.catch(() => undefined);
  return run;
}

const pages = (): Promise<readonly WindowClient[]> => self.clients.matchAll({ type: 'window', includeUncontrolled: true });

function tell(targets: readonly Client[], message: WorkerNews): void {
  for (const client of targets) client.postMessage({ ns: WORKER_PROTOCOL, v: WORKER_VERSION, ...message });
}

async function onPush(event: PushEvent): Promise<void> {
  let text = '';
  try {
    text = event.data?.text() ?? '';
  } catch {
    // Undecodable bytes: reported below like any bad payload.
  }
  const decoded = decodeMessage(text);
  const open = await pages();
  for (const error of decoded.errors) tell(open, { type: 'rejected', code: error.code, message: error.message, raw: text.slice(0, 1024) });
  const notifications: NotificationItem[] = [];
  for (const command of decoded.commands) if (command.type === 'notification') notifications.push(command.notification);
  // A bad payload is dropped and reported, never shown.
  if (!notifications.length) return;
  // Every open page gets it (deduped there by id); a visible one toasts it instead of the OS.
  tell(open, { type: 'push', data: text });
  if (open.some((page) => page.visibilityState === 'visible')) return;
  await changeState(async (state) => {
    for (const notification of notifications) {
      if (notification.read || state.shown.includes(notification.id) || !allows(state.preferences, notification, 'desktop')) continue;
      const icon = safeUrl(notification.icon);
      await self.registration.showNotification(notification.title, {
        tag: notification.id,
        ...(notification.body && { body: notification.body }),
        ...(icon && { icon }),
        data: { id: notification.id, url: notification.url },
      });
      state.shown.push(notification.id);
      tell(open, { type: 'shown', id: notification.id });
    }
  });
}

async function onClick(event: NotificationEvent, defaultUrl: string): Promise<void> {
  event.notification.close();
  const data = (event.notification.data ?? {}) as { id?: unknown; url?: unknown };
  const id = typeof data.id === 'string' ? data.id : undefined;
  const open = await pages();
  const decision = decideClick(data.url, open, { origin: self.location.origin, defaultUrl });
  if (id !== undefined) {
    // One page marks it read (through the store's actions; crossTab tells the others), or the next page to start.
    const target = 'focus' in decision ? open[decision.focus] : open[0];
    if (target) tell([target], { type: 'read', ids: [id] });
    else await changeState((state) => void state.reads.push(id));
  }
  if ('open' in decision) {
    await self.clients.openWindow(decision.open);
    return;
  }
  const page = open[decision.focus];
  await page?.focus();
  if (decision.navigate) await page?.navigate(decision.navigate);
}

async function onMessage(event: ExtendableMessageEvent): Promise<void> {
  const message: unknown = event.data;
  if (!isToWorker(message) || !event.source) return;
  if (message.type === 'preferences') {
    await changeState((state) => void (state.preferences = message.preferences));
    return;
  }
  const reads = await changeState((state) => state.reads.splice(0));
  if (reads.length) tell([event.source as Client], { type: 'read', ids: reads });
}

async function onSubscriptionChange(event: Event): Promise<void> {
  // The push service replaced the subscription: take a new one like it, and let the pages report it.
  const old = (event as Event & { oldSubscription?: PushSubscription | null }).oldSubscription;
  if (old?.options) await self.registration.pushManager.subscribe(old.options).catch(() => undefined);
  tell(await pages(), { type: 'subscription-changed' });
}

/**
 * Installs the notif-elements handlers in a service worker: `importScripts` is not
 * needed, import this module from your own worker file (or serve the prebuilt
 * `dist/notif-sw.js`). A push payload is the default wire format, validated with
 * the same rules as the page (a bad one is dropped and reported to open pages,
 * never shown). It is relayed to every open page, and shown as an OS notification
 * (tag = id, the URL in data) only when no page of the origin is visible and its
 * topic's `desktop` preference is on; an id is shown at most once. A click closes
 * it, marks it read (in an open page, else in the next one), and focuses a page
 * (showing the URL) or opens the URL (URL rule; else `defaultUrl`).
 */
export function installNotifWorker(options: NotifWorkerOptions = {}): void {
  const defaultUrl = options.defaultUrl ?? '/';
  self.addEventListener('push', (event) => event.waitUntil(onPush(event)));
  self.addEventListener('notificationclick', (event) => event.waitUntil(onClick(event, defaultUrl)));
  self.addEventListener('message', (event) => event.waitUntil(onMessage(event)));
  self.addEventListener('pushsubscriptionchange', (event) => (event as ExtendableEvent).waitUntil(onSubscriptionChange(event)));
}
