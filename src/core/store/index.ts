import { atom, computed } from 'nanostores';
import type { Topic } from '../model/types.js';
import { allows, DEFAULT_TOPIC, resolvePreferences, sanitizeChoices } from '../preferences.js';
import { decodeMessage } from '../wire/decode.js';
import type { NotificationStore, NotificationStoreOptions } from './api.js';
import { createCollection, SILENT } from './collection.js';
import { createStoreConnection } from './connection.js';
import { createStoreEvents } from './events.js';
import { createHistory } from './history.js';
import { createIngest } from './ingest.js';
import { createOutbox } from './outbox.js';
import { createPersistence } from './persistence.js';
import { createProjection } from './projection.js';
import { createSinks } from './sink.js';
import { createPushBridge } from './push.js';
import { createTabBridge } from './tabs.js';

export type { HistoryState, NotificationInfo, NotificationStore, NotificationStoreOptions, StoreEvents } from './api.js';

const toIds = (idOrIds: string | string[]): string[] => (Array.isArray(idOrIds) ? idOrIds : [idOrIds]);

/**
 * Creates the store every element reads: it connects a transport, validates
 * and dedupes what arrives, orders it newest first, caps it, and owns read,
 * seen, archived and preference state. Nothing in it knows about the DOM.
 * This function only wires the pipeline: ingest → collection → projection,
 * with persistence, history, server sync and the transport's sink beside it.
 */
export function createNotificationStore(options: NotificationStoreOptions = {}): NotificationStore {
  const maxItems = Math.max(1, options.maxItems ?? 500);

  const $topics = atom<Topic[]>(options.topics ?? []);
  const events = createStoreEvents();
  const { report, statuses, resyncs } = events;

  const persistence = createPersistence(options.storageKey, Math.max(1000, maxItems * 2), report);
  const $preferences = computed([$topics, persistence.$choices], (topics, choices) => resolvePreferences(topics, sanitizeChoices(choices)));
  const projection = createProjection($preferences);

  // One resync per connection: a server repeating itself must not refetch in a loop.
  let resyncedThisConnection = false;
  const collection = createCollection({
    maxItems,
    marked: persistence.marked,
    remember: persistence.remember,
    resync(reason) {
      if (resyncedThisConnection) return;
      resyncedThisConnection = true;
      queueMicrotask(() => {
        resyncs.emit(reason);
        void history.refetch();
      });
    },
  });

  const decode = (data: unknown) => {
    const decoded = decodeMessage(data, options.parse);
    decoded.errors.forEach(report);
    return decoded;
  };
  const republish = (): void => projection.publish(collection.sorted);
  const held = (): unknown[] => collection.sorted.map((entry) => entry.notification);

  const ingest = createIngest({
    decode,
    parses: options.parse !== undefined,
    stage: collection.stage,
    staged: () => collection.staged,
    publish() {
      const published = collection.publish();
      if (!published) return 0;
      persistence.save();
      persistence.cacheItems(held);
      projection.publish(collection.sorted, published.appended);
      events.announce(published, collection.holds);
      return published.added.length;
    },
  });

  const history = createHistory({
    load: options.history,
    apply: (items) => ingest.applyNow(decode(items).commands, SILENT),
    oldest: () => collection.sorted.at(-1)?.notification.id,
    report,
  });

  const sinks = createSinks({ decode, enqueue: ingest.enqueue, status: (status, detail) => connection.setStatus(status, detail), report });
  const connection = createStoreConnection({
    transport: options.transport,
    sink: sinks.create,
    retire: sinks.retire,
    resetCursor: sinks.resetCursor,
    status(status, detail) {
      if (status === 'open') {
        resyncedThisConnection = false;
        outbox.retryNow();
      }
      statuses.emit(status, detail);
    },
    changed(transport) {
      tabs.use(transport);
      push.use(transport);
    },
  });

  // With crossTab(): the person's changes in another tab, shown here without calling the server.
  const tabs = createTabBridge((change) => {
    if (change.type === 'preference') persistence.setChoice(change.topic, change.channel, change.enabled);
    else if (change.type === 'pending') outbox.waitingElsewhere(change.ids);
    else mark(change.ids, change.type === 'read' ? 'read' : 'archived');
  });
  tabs.use(options.transport);
  // With webPush(): the desktop preferences drive the subscription; a click on an OS notification reads it here.
  const push = createPushBridge(
    $preferences,
    (ids) => store.markRead(ids),
    () => store.setPreference(DEFAULT_TOPIC, 'desktop', true),
  );
  push.use(options.transport);

  /** Marks ids locally and republishes; returns those it changed. */
  function mark(ids: string[], flag: 'read' | 'seen' | 'archived'): string[] {
    const touched = collection.mark(ids, flag);
    persistence.save();
    if (touched.length) {
      republish();
      persistence.cacheItems(held);
    }
    return touched;
  }

  // What the person did waits here until the server confirms it; a refusal is undone.
  const outbox = createOutbox({
    actions: options.actions,
    restored: persistence.outbox(),
    save: persistence.saveOutbox,
    waiting: (ids) => tabs.share({ type: 'pending', ids }),
    undo(entry) {
      const flag = entry.action === 'archive' ? 'archived' : 'read';
      persistence.forget(flag, entry.ids);
      if (collection.unmark(entry.ids, flag).length) republish();
      persistence.save();
      persistence.cacheItems(held);
    },
    report,
  });
  // Sent as soon as there is a way to the server again (and what a reload found waiting, now).
  // (While started: a stopped store leaves nothing listening and sends nothing, and a call still in
  // flight does not write the outbox a store opened after it, on the same storageKey, now owns;
  // what waits goes at the next start.)
  const online = (): void => outbox.retryNow();
  queueMicrotask(() => outbox.retryNow());
  // The feed as the page left it, shown before the server answers (silent: it was seen).
  const cached = persistence.cachedItems();
  if (cached.length) ingest.applyNow(decode(cached).commands, SILENT);

  // Another tab marked something read or archived: show it here too.
  persistence.follow((read, archived) => {
    collection.mark(read, 'read');
    collection.mark(archived, 'archived');
    republish();
  });
  $preferences.listen(republish);


  const store: NotificationStore = {
    $items: projection.$items,
    $unreadCount: projection.$unreadCount,
    $status: connection.$status,
    $statusDetail: connection.$statusDetail,
    $preferences,
    $topics,
    $history: history.$history,
    $role: tabs.$role,
    $pending: outbox.$pending,
    $pendingIds: outbox.$pendingIds,
    get tabs() {
      return tabs.tabs();
    },
    get push() {
      return push.push();
    },
    $errorCount: events.$errorCount,
    get cursor() {
      return sinks.cursor;
    },
    start() {
      if (typeof window !== 'undefined') window.addEventListener('online', online);
      outbox.resume();
      connection.start();
    },
    stop() {
      if (typeof window !== 'undefined') window.removeEventListener('online', online);
      outbox.pause();
      connection.stop();
    },
    setTransport: connection.setTransport,
    add: ingest.add,
    flush: ingest.flush,
    markRead(idOrIds) {
      const ids = mark(toIds(idOrIds), 'read');
      if (!ids.length) return;
      outbox.add({ action: 'markRead', ids });
      tabs.share({ type: 'read', ids });
    },
    markAllRead() {
      const ids = mark(projection.$items.get().filter((n) => !n.read).map((n) => n.id), 'read');
      if (!ids.length) return;
      outbox.add({ action: 'markAllRead', ids });
      tabs.share({ type: 'read', ids });
    },
    markSeen(idOrIds) {
      mark(toIds(idOrIds), 'seen');
    },
    archive(idOrIds) {
      const ids = mark(toIds(idOrIds), 'archived');
      if (!ids.length) return;
      outbox.add({ action: 'archive', ids });
      tabs.share({ type: 'archive', ids });
    },
    setPreference(topic, channel, enabled) {
      persistence.setChoice(topic, channel, enabled);
      tabs.share({ type: 'preference', topic, channel, enabled });
    },
    setTopics(topics) {
      $topics.set(topics);
    },
    allows(notification, channel) {
      return allows($preferences.get(), notification, channel);
    },
    loadMore: history.loadMore,
    on: events.on,
  };
  return store;
}
