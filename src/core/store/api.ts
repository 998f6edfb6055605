import type { ReadableAtom } from 'nanostores';
import type { NotifError } from '../model/errors.js';
import type {
  Channel,
  ConnectionStatus,
  HistoryPage,
  Notification,
  Preferences,
  ServerActions,
  StatusDetail,
  PushControl,
  TabRole,
  TabSync,
  Topic,
  Transport,
} from '../model/types.js';
import type { ParseFn } from '../wire/decode.js';
import type { HistoryState } from './history.js';

export type { HistoryState } from './history.js';

export interface NotificationStoreOptions {
  /** The push source; without one, feed the store with `add()`. */
  transport?: Transport;
  /** Maps a server's own message format onto the default wire format. */
  parse?: ParseFn;
  /** Most notifications kept; past it the oldest read ones go first. Default 500. */
  maxItems?: number;
  /** Loads older notifications; `before` is the cursor of the oldest one held. */
  history?: (before?: string) => Promise<HistoryPage>;
  /**
   * Server sync for read and archive. A change applies here at once and waits in an outbox
   * until the server takes it: a network failure, 5xx or 429 is retried; a rejection with a
   * 4xx `status` (`error.status` or `error.response.status`) undoes it and reports `action-failed`.
   */
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
  /** Server actions (read, mark all, archive) waiting in the outbox for the server. */
  readonly $pending: ReadableAtom<number>;
  /** The ids whose change waits for the server (a view marks them as not synced yet). */
  readonly $pendingIds: ReadableAtom<ReadonlySet<string>>;
  /** With `crossTab()`: `leader` (this tab holds the connection) or `follower`; else `solo`. */
  readonly $role: ReadableAtom<TabRole>;
  /** The other tabs of this browser, when the transport is a `crossTab()` one. */
  readonly tabs: TabSync | undefined;
  /** The Web Push subscription, when the transport has a `webPush()` (its `state()`: subscribed, denied …). */
  readonly push: PushControl | undefined;
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
