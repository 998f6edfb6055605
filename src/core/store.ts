import { atom, computed, type ReadableAtom, type WritableAtom } from 'nanostores';
import { persistentJSON } from '@nanostores/persistent';
import { createEmitter } from './emitter.js';
import { NotifError } from './errors.js';
import {
  allows,
  resolvePreferences,
  sanitizeChoices,
  type PreferenceChoices,
} from './preferences.js';
import { nextFrame, nextTask } from './schedule.js';
import type {
  Channel,
  ConnectionStatus,
  HistoryPage,
  MessageMeta,
  Notification,
  Preferences,
  ServerActions,
  StatusDetail,
  Topic,
  Transport,
  TransportSink,
} from './types.js';
import { decodeMessage, type Command, type DecodedMessage, type ParseFn } from './wire.js';

export interface NotificationStoreOptions {
  /** The push source; without one, feed the store with `add()`. */
  transport?: Transport;
  /** Maps a server's own message format onto the default wire format. */
  parse?: ParseFn;
  /** Most notifications kept; past it the oldest read ones go first. Default 500. */
  maxItems?: number;
  /** Loads older notifications; `before` is the cursor of the oldest one held. */
  history?: (before?: string) => Promise<HistoryPage>;
  /** Server sync for read and archive; local state changes first either way. */
  actions?: ServerActions;
  /** Persists read state and preferences in localStorage under this key. */
  storageKey?: string;
  /** The topics people can opt in to or out of. */
  topics?: Topic[];
}

/** Why a notification reached the store, so views know whether to interrupt. */
export interface NotificationInfo {
  /** Snapshot, history page or resume backlog: update the feed, do not toast. */
  silent: boolean;
}

/** Older-notification paging state, for a "load more" control. */
export interface HistoryState {
  loading: boolean;
  /** No older page exists (or no `history` option was given). */
  done: boolean;
  error?: NotifError;
}

export interface StoreEvents {
  notification: (notification: Notification, info: NotificationInfo) => void;
  /** The server could not resume (history overflow, restart): `history` is fetched again. */
  resync: (reason: string | undefined) => void;
  error: (error: NotifError) => void;
  status: (status: ConnectionStatus, detail: StatusDetail) => void;
}

export interface NotificationStore {
  /** Newest first; archived and opted-out topics excluded. */
  readonly $items: ReadableAtom<Notification[]>;
  readonly $unreadCount: ReadableAtom<number>;
  readonly $status: ReadableAtom<ConnectionStatus>;
  readonly $statusDetail: ReadableAtom<StatusDetail>;
  /** Per topic × channel opt-in, declared defaults merged with the person's choices. */
  readonly $preferences: ReadableAtom<Preferences>;
  readonly $topics: ReadableAtom<Topic[]>;
  readonly $history: ReadableAtom<HistoryState>;
  /** How many messages or items were rejected since the store was created. */
  readonly $errorCount: ReadableAtom<number>;
  /** The resume cursor of the last message applied. */
  readonly cursor: string | undefined;
  start(): void;
  stop(): void;
  /** Swaps the push source: items are kept, the resume cursor starts over. */
  setTransport(transport: Transport | undefined): void;
  /** Adds a notification, an array, or a command, as if it came from the server live. */
  add(input: unknown): void;
  markRead(idOrIds: string | string[]): void;
  markAllRead(): void;
  markSeen(idOrIds: string | string[]): void;
  archive(idOrIds: string | string[]): void;
  setPreference(topic: string, channel: Channel, enabled: boolean): void;
  setTopics(topics: Topic[]): void;
  /** Whether the person's preferences let `notification` use `channel`. */
  allows(notification: Notification, channel: Channel): boolean;
  /** Loads the next older page through the `history` option. */
  loadMore(): Promise<void>;
  on<K extends keyof StoreEvents>(event: K, listener: StoreEvents[K]): () => void;
  /** Applies queued messages now instead of on the next frame. */
  flush(): void;
}

interface Entry {
  notification: Notification;
  /** Arrival order, the tie-breaker between equal timestamps. */
  order: number;
}

/** How a queued command arrived: bit flags, kept beside the queue rather than in an object per message. */
const SILENT = 1;
/** Live messages skip ids the store already let go of (evicted, removed). */
const LIVE = 2;

interface PersistedState {
  read: string[];
  archived: string[];
}

/**
 * A publish of this many notifications or more was a burst: re-sorting, publishing
 * and re-rendering every frame would then cost more than reading what follows, so
 * the next flush waits BURST_GAP_MS, and the publish itself gets a task of its own.
 * One-at-a-time traffic (toasts) never reaches it and still lands on the next frame.
 */
const BURST_COMMANDS = 256;
const BURST_GAP_MS = 100;
/** Work a scheduled flush does before yielding to the page. */
const SLICE_MS = 8;
/** Commands staged between two looks at the clock. */
const STAGE_CHUNK = 64;
/** `add()` applies an array of up to this many at once, like any message. */
const ADD_AT_ONCE = 1000;
/** Of a larger array, this many are applied at once (enough to fill any screen)... */
const ADD_FIRST = 100;
/** ...and the rest in slices of this many, in the tasks that follow. */
const ADD_SLICE = 250;

/** Ids remembered after their notification left the store, so a replay cannot resurrect it. */
const RECENT_IDS = 5000;

// Shared, frozen: a burst of 10,000 must not allocate 10,000 info objects.
const SILENT_INFO: NotificationInfo = Object.freeze({ silent: true });
const LIVE_INFO: NotificationInfo = Object.freeze({ silent: false });

/** Adds `id` as the newest member, dropping the oldest past `limit` so the set stays bounded. */
function addBounded(set: Set<string>, id: string, limit: number): void {
  set.delete(id);
  set.add(id);
  if (set.size > limit) {
    const oldest = set.values().next().value;
    if (oldest !== undefined) set.delete(oldest);
  }
}

/** What was thrown, as text: an Error's message, else the value itself. */
function messageOf(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}

function toIds(idOrIds: string | string[]): string[] {
  return Array.isArray(idOrIds) ? idOrIds : [idOrIds];
}

function newestFirst(a: Entry, b: Entry): number {
  return b.notification.createdAt - a.notification.createdAt || b.order - a.order;
}

function sanitizeState(value: unknown): PersistedState {
  const list = (field: unknown): string[] =>
    Array.isArray(field) ? field.filter((id): id is string => typeof id === 'string') : [];
  if (typeof value !== 'object' || value === null) return { read: [], archived: [] };
  const record = value as Record<string, unknown>;
  return { read: list(record.read), archived: list(record.archived) };
}

function storedAtom<T>(key: string | undefined, initial: T): WritableAtom<T> {
  return key === undefined ? atom(initial) : persistentJSON<T>(key, initial);
}

/**
 * Creates the store every element reads: it connects a transport, validates
 * and dedupes what arrives, orders it newest first, caps it, and owns read,
 * seen, archived and preference state. Nothing in it knows about the DOM.
 */
export function createNotificationStore(options: NotificationStoreOptions = {}): NotificationStore {
  const maxItems = Math.max(1, options.maxItems ?? 500);
  const readLimit = Math.max(1000, maxItems * 2);

  const entries = new Map<string, Entry>();
  let sorted: Entry[] = [];
  let arrivals = 0;
  const recent = new Set<string>();

  const $items = atom<Notification[]>([]);
  const $status = atom<ConnectionStatus>('idle');
  const $statusDetail = atom<StatusDetail>({});
  const $topics = atom<Topic[]>(options.topics ?? []);
  const $history = atom<HistoryState>({ loading: false, done: options.history === undefined });
  const $errorCount = atom(0);
  const $choices = storedAtom<PreferenceChoices>(
    options.storageKey && `${options.storageKey}:preferences`,
    {},
  );
  const $state = storedAtom<PersistedState>(options.storageKey && `${options.storageKey}:state`, {
    read: [],
    archived: [],
  });
  const $preferences = computed([$topics, $choices], (topics, choices) =>
    resolvePreferences(topics, sanitizeChoices(choices)),
  );
  // publishItems() counts as it builds (a burst adds to the count instead of recounting 10,000),
  // and it alone sets $items: the count of the items published is always at hand.
  let counted: { items: Notification[]; unread: number } = { items: $items.get(), unread: 0 };
  const $unreadCount = computed($items, () => counted.unread);

  const errors = createEmitter<[NotifError]>((error) => console.error('notif-elements: an error listener threw', error));
  const report = (error: NotifError): void => {
    $errorCount.set($errorCount.get() + 1);
    errors.emit(error);
  };
  const reportListenerError = (cause: unknown): void =>
    report(new NotifError('listener', `a subscriber threw: ${messageOf(cause)}; the others still got the message`, { cause }));
  const notifications = createEmitter<[Notification, NotificationInfo]>(reportListenerError);
  const statuses = createEmitter<[ConnectionStatus, StatusDetail]>(reportListenerError);
  const resyncs = createEmitter<[string | undefined]>(reportListenerError);
  // One resync per connection: a server repeating itself must not refetch in a loop.
  let resyncedThisConnection = false;

  const initialState = sanitizeState($state.get());
  const readIds = new Set(initialState.read.slice(-readLimit));
  const archivedIds = new Set(initialState.archived.slice(-readLimit));

  // Commands waiting to be staged, one flat list for a whole burst (an object and an array
  // per message would be kept alive until staged: more for the young-generation GC to copy).
  let queue: Command[] = [];
  let queueFlags: number[] = [];
  /** The next queued command to stage: consumed from the front without copying the rest. */
  let queueHead = 0;
  /** Slices of a large `add()` not decoded yet. */
  const pendingAdds: unknown[] = [];
  let cancelFlush: (() => void) | undefined;
  let burstUntil = 0;
  let cursor: string | undefined;
  let transport = options.transport;
  let disconnect: (() => void) | undefined;
  let generation = 0;
  let historyNext: string | undefined;

  // A ring of the last RECENT_IDS ids (a Set for lookups, an array for age).
  const recentOrder: string[] = [];
  let recentHead = 0;
  const remember = (id: string): void => {
    if (recent.has(id)) return;
    recent.add(id);
    recentOrder.push(id);
    if (recent.size > RECENT_IDS) recent.delete(recentOrder[recentHead++] as string);
    if (recentHead > RECENT_IDS) {
      recentOrder.splice(0, recentHead);
      recentHead = 0;
    }
  };

  function withLocalState(notification: Notification): Notification {
    const read = notification.read || readIds.has(notification.id);
    const archived = notification.archived || archivedIds.has(notification.id);
    return read === notification.read && archived === notification.archived
      ? notification
      : { ...notification, read, archived };
  }

  function persist(): void {
    if (options.storageKey === undefined) return;
    $state.set({ read: [...readIds], archived: [...archivedIds] });
  }

  /**
   * Sets $items from `sorted` (all of it), or, given `added` and where they went (on top:
   * all newer than what was there; at the bottom: all older, as history pages are), from
   * the $items already published: then only the added are filtered and counted, and the
   * rest is joined on natively. A burst of 10,000 is published three times, add(100,000)
   * about ten times; each full pass was a JS loop over every item, in the task that
   * re-renders the views.
   */
  function publishItems(added?: Entry[], where?: 'top' | 'bottom'): void {
    const preferences = $preferences.get();
    const items: Notification[] = [];
    let unread = 0;
    for (const entry of added ?? sorted) {
      const notification = entry.notification;
      if (!notification.archived && allows(preferences, notification, 'feed')) {
        items.push(notification);
        if (!notification.read) unread++;
      }
    }
    if (!added) counted = { items, unread };
    else counted = { items: where === 'top' ? items.concat(counted.items) : counted.items.concat(items), unread: unread + counted.unread };
    $items.set(counted.items);
  }

  // Over the cap: archived go first, then read, then unread, oldest first within each.
  /** Returns whether any entry was dropped. */
  function evict(): boolean {
    let excess = sorted.length - maxItems;
    if (excess <= 0) return false;
    const doomed = new Set<Entry>();
    const passes: ((n: Notification) => boolean)[] = [(n) => n.archived, (n) => n.read, () => true];
    for (const pass of passes) {
      for (let i = sorted.length - 1; i >= 0 && excess > 0; i--) {
        const entry = sorted[i];
        if (entry && !doomed.has(entry) && pass(entry.notification)) {
          doomed.add(entry);
          excess--;
        }
      }
    }
    for (const entry of doomed) {
      entries.delete(entry.notification.id);
      remember(entry.notification.id);
    }
    sorted = sorted.filter((entry) => !doomed.has(entry));
    return true;
  }

  // Staging applies commands to `entries`; publishing merges what was staged into
  // `sorted` and sets $items. They are apart so a burst can be staged in slices of
  // a few milliseconds and published (and re-rendered) far less often.
  let staged: Entry[] = [];
  let stagedSilent: boolean[] = [];
  let stagedRemoval = false;
  let stagedChange = false;
  let stagedReorder = false;

  function upsert(incoming: Notification, flags: number): void {
    const existing = entries.get(incoming.id);
    if (existing) {
      // A repeat is an update: the server's fields win, local read/archive state is kept.
      const previous = existing.notification;
      // A new time moves it: kept where it was, it would break the newest-first order.
      if (incoming.createdAt !== previous.createdAt) stagedReorder = true;
      existing.notification = {
        ...incoming,
        read: previous.read || incoming.read,
        seen: previous.seen || incoming.seen,
        archived: previous.archived || incoming.archived,
      };
      stagedChange = true;
      return;
    }
    if (flags & LIVE && recent.has(incoming.id)) return;
    const entry: Entry = { notification: withLocalState(incoming), order: arrivals++ };
    entries.set(incoming.id, entry);
    staged.push(entry);
    stagedSilent.push((flags & SILENT) !== 0);
  }

  function drop(ids: string[]): void {
    for (const id of ids) {
      remember(id);
      if (entries.delete(id)) stagedRemoval = true;
    }
  }

  function stage(command: Command, flags: number): void {
    switch (command.type) {
      case 'notification':
        upsert(command.notification, flags);
        break;
      case 'read':
        markLocally(command.ids, 'read');
        stagedChange = true;
        break;
      case 'remove':
        drop(command.ids);
        break;
      case 'resync':
        if (!resyncedThisConnection) {
          resyncedThisConnection = true;
          const reason = command.reason;
          queueMicrotask(() => {
            resyncs.emit(reason);
            void refetchHistory();
          });
        }
        break;
      case 'snapshot': {
        const keep = new Set(command.items.map((n) => n.id));
        drop([...entries.keys()].filter((id) => !keep.has(id)));
        for (const notification of command.items) upsert(notification, SILENT);
        break;
      }
    }
  }

  function publish(): void {
    if (!staged.length && !stagedRemoval && !stagedChange) return;
    const added = staged;
    const silentFlags = stagedSilent;
    const removed = stagedRemoval;
    staged = [];
    stagedSilent = [];
    stagedRemoval = false;
    const changed = stagedChange;
    stagedChange = false;
    if (stagedReorder) {
      stagedReorder = false;
      sorted.sort(newestFirst);
    }
    if (added.length >= BURST_COMMANDS) burstUntil = performance.now() + BURST_GAP_MS;
    const alive = (entry: Entry): boolean => entries.get(entry.notification.id) === entry;
    if (removed) sorted = sorted.filter(alive);
    const fresh = removed ? added.filter(alive) : added.slice();
    fresh.sort(newestFirst);
    // The usual cases: all that arrived is newer than what was there (live), or all older
    // (history, a bulk load): it goes on top or at the bottom as it is.
    const first = fresh[0];
    const last = fresh[fresh.length - 1];
    const where =
      !first || !last ? undefined
      : !sorted.length || newestFirst(last, sorted[0] as Entry) < 0 ? 'top'
      : newestFirst(sorted[sorted.length - 1] as Entry, first) < 0 ? 'bottom'
      : undefined;
    if (where === 'top') sorted = fresh.concat(sorted);
    else if (where === 'bottom') sorted = sorted.concat(fresh);
    else if (fresh.length) sorted = mergeNewest(sorted, fresh);
    const evicted = evict();
    publishItems(where && !removed && !changed && !evicted ? fresh : undefined, where);
    // Nobody listening (a page with a feed and no toaster): no pass over a burst to announce it.
    if (!notifications.size) return;
    added.forEach((entry, i) => {
      // One evicted or removed before it was published was never visible; announcing it would toast a ghost.
      if (entries.get(entry.notification.id) === entry) notifications.emit(entry.notification, silentFlags[i] ? SILENT_INFO : LIVE_INFO);
    });
  }

  function mergeNewest(a: Entry[], b: Entry[]): Entry[] {
    if (!a.length) return b;
    const out: Entry[] = new Array<Entry>(a.length + b.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < a.length && j < b.length) {
      const left = a[i] as Entry;
      const right = b[j] as Entry;
      out[k++] = newestFirst(left, right) <= 0 ? (i++, left) : (j++, right);
    }
    while (i < a.length) out[k++] = a[i++] as Entry;
    while (j < b.length) out[k++] = b[j++] as Entry;
    return out;
  }

  function markLocally(ids: string[], flag: 'read' | 'seen' | 'archived'): string[] {
    const touched: string[] = [];
    for (const id of ids) {
      const entry = entries.get(id);
      if (flag === 'read') addBounded(readIds, id, readLimit);
      if (flag === 'archived') addBounded(archivedIds, id, readLimit);
      if (!entry || entry.notification[flag]) continue;
      entry.notification = { ...entry.notification, [flag]: true };
      touched.push(id);
    }
    if (flag !== 'seen') persist();
    return touched;
  }

  /** Decodes what `add()` put aside, stages it and every queued command, and publishes: all of it, now. */
  function flush(): void {
    cancelFlush?.();
    cancelFlush = undefined;
    publishDue = false;
    while (pendingAdds.length) decodeAdded(pendingAdds.shift());
    for (; queueHead < queue.length; queueHead++) stage(queue[queueHead] as Command, queueFlags[queueHead] as number);
    compactQueue();
    publish();
  }

  // The scheduled flush works in slices: past SLICE_MS it goes on in the next task
  // (publishing at most once per burst gap), so no task runs long while 100,000 arrive.
  let flushStartedAt = 0;
  /** A large publish waits for a task of its own: it re-renders every view, staging is enough for one task. */
  let publishDue = false;
  function flushSlice(): void {
    flushStartedAt = performance.now();
    continueFlush();
  }

  function continueFlush(): void {
    cancelFlush = undefined;
    const more = (): boolean => queueHead < queue.length || pendingAdds.length > 0;
    if (publishDue) {
      publishDue = false;
      publish();
      if (more()) schedule();
      return;
    }
    const deadline = performance.now() + SLICE_MS;
    while (pendingAdds.length && performance.now() < deadline) decodeAdded(pendingAdds.shift());
    // The clock is read once per STAGE_CHUNK commands: performance.now() costs about a
    // microsecond, as much as staging one notification.
    while (queueHead < queue.length && performance.now() < deadline) {
      const end = Math.min(queue.length, queueHead + STAGE_CHUNK);
      for (; queueHead < end; queueHead++) stage(queue[queueHead] as Command, queueFlags[queueHead] as number);
    }
    compactQueue();
    if (!more() && staged.length < BURST_COMMANDS) {
      publish();
      return;
    }
    // Staging outruns decoding, so a flush rarely runs this long; when it does, what is staged still shows.
    if (!more() || performance.now() - flushStartedAt >= BURST_GAP_MS) publishDue = true;
    cancelFlush = nextTask(continueFlush);
  }

  function schedule(): void {
    cancelFlush ??= nextFrame(flushSlice, undefined, burstUntil - performance.now());
  }

  /**
   * Drops the staged front of the queue once it is all of it, or most of a long one. Slicing
   * off what each slice staged copied the rest every time: add(100,000) queues 100,000
   * commands, so that was quadratic.
   */
  function compactQueue(): void {
    if (queueHead === queue.length) {
      queue = [];
      queueFlags = [];
      queueHead = 0;
    } else if (queueHead > 1024 && queueHead * 2 > queue.length) {
      queue = queue.slice(queueHead);
      queueFlags = queueFlags.slice(queueHead);
      queueHead = 0;
    }
  }

  function queueCommands(commands: Command[], flags: number): void {
    for (const command of commands) {
      queue.push(command);
      queueFlags.push(flags);
    }
  }

  function enqueue(commands: Command[], flags: number): void {
    queueCommands(commands, flags);
    schedule();
  }

  /** Decodes one message with the `parse` option, reporting what it rejected. */
  function decode(data: unknown): DecodedMessage {
    const decoded = decodeMessage(data, options.parse);
    decoded.errors.forEach(report);
    return decoded;
  }

  function decodeAdded(input: unknown): void {
    const decoded = decode(input);
    queueCommands(decoded.commands, (decoded.replay ? SILENT : 0) | LIVE);
  }

  function callServer(name: string, call: (() => Promise<void> | undefined) | undefined): void {
    if (!call) return;
    try {
      call()?.catch((cause: unknown) => report(new NotifError('action', `server ${name} failed`, { cause })));
    } catch (cause) {
      report(new NotifError('action', `server ${name} failed`, { cause }));
    }
  }

  // After a resync the first page is fetched again from the top; its items arrive silently.
  async function refetchHistory(): Promise<void> {
    if (!options.history) return;
    historyNext = undefined;
    $history.set({ loading: false, done: false });
    await loadPage(undefined);
  }

  async function loadPage(before: string | undefined): Promise<void> {
    const history = options.history;
    if (!history) return;
    $history.set({ loading: true, done: false });
    try {
      const page = await history(before);
      const items = Array.isArray(page.items) ? page.items : [];
      queueCommands(decode(items).commands, SILENT);
      flush();
      historyNext = typeof page.next === 'string' ? page.next : undefined;
      $history.set({ loading: false, done: historyNext === undefined });
    } catch (cause) {
      const error = new NotifError('http', 'loading older notifications failed', { cause });
      report(error);
      $history.set({ loading: false, done: false, error });
    }
  }

  function setStatus(status: ConnectionStatus, detail: StatusDetail = {}): void {
    if (status === 'open') resyncedThisConnection = false;
    $status.set(status);
    $statusDetail.set(detail);
    statuses.emit(status, detail);
  }

  function createSink(): TransportSink {
    const mine = ++generation;
    const current = (): boolean => mine === generation;
    return {
      message(data: unknown, meta?: MessageMeta): string | undefined {
        if (!current()) return undefined;
        const decoded = decode(data);
        const messageCursor = meta?.id ?? decoded.cursor;
        if (messageCursor !== undefined) cursor = messageCursor;
        if (decoded.commands.length) {
          const silent = meta?.replay === true || decoded.replay;
          enqueue(decoded.commands, (silent ? SILENT : 0) | LIVE);
        }
        return decoded.cursor;
      },
      status(status, detail) {
        if (current()) setStatus(status, detail);
      },
      error(error) {
        if (current()) report(error);
      },
    };
  }

  // Another tab marked something read or archived: show it here too.
  $state.listen((value) => {
    const state = sanitizeState(value);
    const read = state.read.filter((id) => !readIds.has(id));
    const archived = state.archived.filter((id) => !archivedIds.has(id));
    if (!read.length && !archived.length) return;
    markLocally(read, 'read');
    markLocally(archived, 'archived');
    publishItems();
  });
  $preferences.listen(() => publishItems());

  const store: NotificationStore = {
    $items,
    $unreadCount,
    $status,
    $statusDetail,
    $preferences,
    $topics,
    $history,
    $errorCount,
    get cursor() {
      return cursor;
    },
    start() {
      if (disconnect || !transport) return;
      const connection = transport;
      setStatus('connecting');
      disconnect = connection.connect(createSink());
    },
    stop() {
      if (!disconnect) return;
      generation++;
      const close = disconnect;
      disconnect = undefined;
      close();
      setStatus('idle');
    },
    setTransport(next) {
      const wasRunning = disconnect !== undefined;
      store.stop();
      transport = next;
      cursor = undefined;
      if (wasRunning) store.start();
    },
    add(input) {
      if (pendingAdds.length) {
        // An earlier large add() is still being applied: this one waits its turn.
        pendingAdds.push(input);
        return;
      }
      if (!options.parse && Array.isArray(input) && input.length > ADD_AT_ONCE) {
        // The first slice is applied now; the rest in later tasks (a copy: callers reuse arrays),
        // after the burst gap, so the frame that shows the first slice is not kept waiting.
        decodeAdded(input.slice(0, ADD_FIRST));
        flush();
        for (let i = ADD_FIRST; i < input.length; i += ADD_SLICE) pendingAdds.push(input.slice(i, i + ADD_SLICE));
        burstUntil = performance.now() + BURST_GAP_MS;
        schedule();
        return;
      }
      decodeAdded(input);
      flush();
    },
    markRead(idOrIds) {
      const ids = markLocally(toIds(idOrIds), 'read');
      if (!ids.length) return;
      publishItems();
      callServer('markRead', options.actions?.markRead && (() => options.actions?.markRead?.(ids)));
    },
    markAllRead() {
      const unread = $items.get().filter((n) => !n.read).map((n) => n.id);
      const ids = markLocally(unread, 'read');
      if (!ids.length) return;
      publishItems();
      const actions = options.actions;
      if (actions?.markAllRead) callServer('markAllRead', () => actions.markAllRead?.());
      else if (actions?.markRead) callServer('markRead', () => actions.markRead?.(ids));
    },
    markSeen(idOrIds) {
      if (markLocally(toIds(idOrIds), 'seen').length) publishItems();
    },
    archive(idOrIds) {
      const ids = markLocally(toIds(idOrIds), 'archived');
      if (!ids.length) return;
      publishItems();
      callServer('archive', options.actions?.archive && (() => options.actions?.archive?.(ids)));
    },
    setPreference(topic, channel, enabled) {
      const choices = sanitizeChoices($choices.get());
      $choices.set({ ...choices, [topic]: { ...choices[topic], [channel]: enabled } });
    },
    setTopics(topics) {
      $topics.set(topics);
    },
    allows(notification, channel) {
      return allows($preferences.get(), notification, channel);
    },
    async loadMore() {
      const state = $history.get();
      if (!options.history || state.loading || state.done) return;
      await loadPage(historyNext ?? sorted.at(-1)?.notification.id);
    },
    on(event, listener) {
      switch (event) {
        case 'notification':
          return notifications.on(listener as StoreEvents['notification']);
        case 'error':
          return errors.on(listener as StoreEvents['error']);
        case 'status':
          return statuses.on(listener as StoreEvents['status']);
        case 'resync':
          return resyncs.on(listener as StoreEvents['resync']);
        default:
          throw new TypeError(`unknown store event ${String(event)}`);
      }
    },
    flush,
  };
  return store;
}
