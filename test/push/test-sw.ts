/// <reference lib="webworker" />
// The worker of the Web Push tests: installNotifWorker from src/sw, as dist/notif-sw.js runs it,
// plus probes the tests read (a worker's own events are not observable from outside):
// - every push event, once the promise it handed to waitUntil settled (`handled`);
// - every showNotification that resolved (`shown`), with the time, for the bench.
// They are kept in `self.probes` (read through Playwright's worker handle) and posted on the
// BroadcastChannel `notif-test-probes` (read by open pages). Not a web-test-runner file.
import { installNotifWorker } from '../../src/sw/index.js';

interface Probe {
  type: 'handled' | 'shown';
  at: number;
  data?: string;
  tag?: string;
  title?: string;
  outcome?: 'ok' | 'rejected';
}

declare const self: ServiceWorkerGlobalScope & { probes: Probe[] };
self.probes = [];
const channel = new BroadcastChannel('notif-test-probes');
const note = (probe: Probe): void => {
  self.probes.push(probe);
  channel.postMessage(probe);
};

// eslint-disable-next-line @typescript-eslint/unbound-method -- wrapped, and called with its `this`
const waitUntil = ExtendableEvent.prototype.waitUntil;
ExtendableEvent.prototype.waitUntil = function (this: ExtendableEvent, promise: Promise<unknown>): void {
  if (this.type === 'push') {
    let data = '';
    try {
      data = (this as PushEvent).data?.text() ?? '';
    } catch {
      data = '<undecodable>';
    }
    promise.then(
      () => note({ type: 'handled', at: Date.now(), data, outcome: 'ok' }),
      () => note({ type: 'handled', at: Date.now(), data, outcome: 'rejected' }),
    );
  }
  waitUntil.call(this, promise);
};

// eslint-disable-next-line @typescript-eslint/unbound-method -- wrapped, and called with its `this`
const show = ServiceWorkerRegistration.prototype.showNotification;
ServiceWorkerRegistration.prototype.showNotification = async function (this: ServiceWorkerRegistration, title: string, options?: NotificationOptions): Promise<void> {
  await show.call(this, title, options);
  note({ type: 'shown', at: Date.now(), title, ...(options?.tag !== undefined && { tag: options.tag }) });
};

installNotifWorker({ defaultUrl: new URL(self.location.href).searchParams.get('defaultUrl') ?? '/' });
