import { atom, computed } from 'nanostores';
import type { Channel, Topic } from '../model/types.js';
import { allows, resolvePreferences, sanitizeChoices } from '../preferences.js';
import { decodeMessage } from '../wire/decode.js';
import { createServerSync } from './actions.js';
import type { NotificationInfo, NotificationStore, NotificationStoreOptions } from './api.js';
import { createCollection, SILENT } from './collection.js';
import { createStoreConnection } from './connection.js';
import { createStoreEvents } from './events.js';
import { createHistory } from './history.js';
import { createIngest } from './ingest.js';
import { createPersistence } from './persistence.js';
import { createProjection } from './projection.js';
import { createSinks } from './sink.js';
import { createTabBridge } from './tabs.js';

export type { HistoryState, NotificationInfo, NotificationStore, NotificationStoreOptions, StoreEvents } from './api.js';

// Shared, frozen: a burst of 10,000 must not allocate 10,000 info objects.
const SILENT_INFO: NotificationInfo = Object.freeze({ silent: true });
const LIVE_INFO: NotificationInfo = Object.freeze({ silent: false });

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
  const { report, notifications, statuses, resyncs } = events;

  const persistence = createPersistence(options.storageKey, Math.max(1000, maxItems * 2));
  const $preferences = computed([$topics, persistence.$choices], (topics, choices) => resolvePreferences(topics, sanitizeChoices(choices)));
  const projection = createProjection($preferences);
  const server = createServerSync(options.actions, report);

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

  const ingest = createIngest({
    decode,
    parses: options.parse !== undefined,
    stage: collection.stage,
    staged: () => collection.staged,
    publish() {
      const published = collection.publish();
      if (!published) return 0;
      persistence.save();
      projection.publish(collection.sorted, published.appended);
      // Nobody listening (a page with a feed and no toaster): no pass over a burst to announce it.
      if (notifications.size) {
        published.added.forEach((entry, i) => {
          // One evicted or removed before it was published was never visible; announcing it would toast a ghost.
          if (collection.holds(entry)) notifications.emit(entry.notification, published.silent[i] ? SILENT_INFO : LIVE_INFO);
        });
      }
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
      if (status === 'open') resyncedThisConnection = false;
      statuses.emit(status, detail);
    },
    changed: (transport) => tabs.use(transport),
  });

  // With crossTab(): the person's changes in another tab, shown here without calling the server.
  const tabs = createTabBridge((change) => {
    if (change.type === 'preference') setChoice(change.topic, change.channel, change.enabled);
    else mark(change.ids, change.type === 'read' ? 'read' : 'archived');
  });
  tabs.use(options.transport);
  function setChoice(topic: string, channel: Channel, enabled: boolean): void {
    const choices = sanitizeChoices(persistence.$choices.get());
    persistence.$choices.set({ ...choices, [topic]: { ...choices[topic], [channel]: enabled } });
  }

  /** Marks ids locally and republishes; returns those it changed. */
  function mark(ids: string[], flag: 'read' | 'seen' | 'archived'): string[] {
    const touched = collection.mark(ids, flag);
    persistence.save();
    if (touched.length) republish();
    return touched;
  }

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
    get tabs() {
      return tabs.tabs();
    },
    $errorCount: events.$errorCount,
    get cursor() {
      return sinks.cursor;
    },
    start: connection.start,
    stop: connection.stop,
    setTransport: connection.setTransport,
    add: ingest.add,
    flush: ingest.flush,
    markRead(idOrIds) {
      const ids = mark(toIds(idOrIds), 'read');
      if (!ids.length) return;
      server.markRead(ids);
      tabs.share({ type: 'read', ids });
    },
    markAllRead() {
      const ids = mark(projection.$items.get().filter((n) => !n.read).map((n) => n.id), 'read');
      if (!ids.length) return;
      server.markAllRead(ids);
      tabs.share({ type: 'read', ids });
    },
    markSeen(idOrIds) {
      mark(toIds(idOrIds), 'seen');
    },
    archive(idOrIds) {
      const ids = mark(toIds(idOrIds), 'archived');
      if (!ids.length) return;
      server.archive(ids);
      tabs.share({ type: 'archive', ids });
    },
    setPreference(topic, channel, enabled) {
      setChoice(topic, channel, enabled);
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
