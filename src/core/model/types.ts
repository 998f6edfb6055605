import type { NotifError } from './errors.js';

/** How urgent a notification is; `urgent` is announced assertively. */
export type Priority = 'low' | 'normal' | 'high' | 'urgent';

/** A button or link shown with a notification. */
export interface NotificationAction {
  id: string;
  label: string;
  /** Passed the URL rule; absent when the server sent an unsafe one. */
  url?: string;
}

/** A validated notification, as the store holds it and the elements render it. */
export interface Notification {
  /** Unique; the dedupe key. Numbers from the wire are kept as their string form. */
  id: string;
  /** Plain text, never HTML. */
  title: string;
  /** Plain text, never HTML. */
  body?: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Category used by filters and opt-in preferences. */
  topic?: string;
  priority?: Priority;
  /** Absolute http(s) URL or a path on this origin (see the URL rule). */
  url?: string;
  /** Same URL rule as `url`. */
  icon?: string;
  actions?: NotificationAction[];
  read: boolean;
  seen: boolean;
  archived: boolean;
  /** The untouched payload field `data`, for custom renderers. */
  data?: Record<string, unknown>;
}

/**
 * A notification as a server sends it, in the default wire format; `normalize`
 * validates it into a `Notification` (ids become strings, ISO dates epoch ms).
 */
export interface NotificationInput {
  id: string | number;
  title: string;
  body?: string;
  /** ISO 8601 or epoch ms; missing means "when received". */
  createdAt?: string | number;
  topic?: string;
  priority?: Priority;
  url?: string;
  icon?: string;
  actions?: { id: string | number; label: string; url?: string }[];
  read?: boolean;
  seen?: boolean;
  archived?: boolean;
  data?: Record<string, unknown>;
}

/** The connection state a transport reports. */
export type ConnectionStatus =
  | 'idle'
  | 'connecting'
  | 'open'
  | 'reconnecting'
  | 'offline'
  | 'error'
  | 'closed';

/** What a transport knows about one message it delivers. */
export interface MessageMeta {
  /**
   * The transport's own resume cursor for this message (the SSE `id:` field); an
   * empty string clears the cursor. Without it the cursor is the message's
   * `eventId`, else the id of its last notification.
   */
  id?: string;
  /** True for backlog the server replays after a resume: it updates the feed silently. */
  replay?: boolean;
  /** The message does not move the resume cursor (a Web Push relayed by the worker, like `add()`). */
  cursorless?: boolean;
}

/** Extra information that comes with a status change. */
export interface StatusDetail {
  error?: NotifError;
  /** Milliseconds until the next connection attempt, while `reconnecting`. */
  retryInMs?: number;
  /** Why a connection closed for good, e.g. `server-stop` for SSE 204. */
  reason?: string;
}

/** Where a transport delivers what it receives. */
export interface TransportSink {
  /**
   * A message from the server: JSON text or an already decoded value. With
   * `data` undefined and `meta.id` set, only the cursor moves (an SSE event
   * that has an id and nothing to read).
   */
  message(data: unknown, meta?: MessageMeta): void;
  /** The cursor of the last message the store applied: where a (re)connection resumes from. */
  cursor(): string | undefined;
  status(status: ConnectionStatus, detail?: StatusDetail): void;
  /** A bad frame, an oversized one, a wrong content type …; the stream goes on. */
  error(error: NotifError): void;
}

/** A push source. `connect` may be called again after its disconnect, for a fresh connection. */
export interface Transport {
  /** Opens the connection; the returned function closes it for good. */
  connect(sink: TransportSink): () => void;
  /** For two-way sources. */
  send?(message: unknown): void;
  /** Set by `crossTab()`: the other tabs of this browser, which the store keeps in step. */
  readonly tabs?: TabSync;
  /** Set by `webPush()` (also inside `merge` or `crossTab`): it follows the store's desktop preferences. */
  readonly push?: PushControl;
}

/** Where a Web Push subscription stands. */
export type PushState = 'unsupported' | 'default' | 'denied' | 'subscribing' | 'subscribed' | 'error';

/** The store's hold on a `webPush()` transport. */
export interface PushControl {
  readonly state: () => PushState;
  /** Calls `listener` when the state changes; returns the unsubscribe. */
  onState(listener: (state: PushState) => void): () => void;
  /** Calls `listener` when the app's own click called `enable()`; returns the unsubscribe. */
  onEnable(listener: () => void): () => void;
  /** Calls `listener` with ids the person read by clicking their OS notification; returns the unsubscribe. */
  onRead(listener: (ids: string[]) => void): () => void;
  /**
   * The person's preferences changed (or the store started): the topics with `desktop`
   * on are subscribed, none unsubscribes; the worker gets the preferences. Never asks for
   * permission itself: only a click does (`enable()`, or the preferences panel).
   */
  follow(preferences: Preferences): void;
}

/** This tab's part in a `crossTab()` group: it holds the connection, mirrors it, or is on its own. */
export type TabRole = 'leader' | 'follower' | 'solo';

/** What the person did in one tab, for the others to show too (without calling the server again). */
export type SharedChange =
  | { type: 'read' | 'archive'; ids: string[] }
  | { type: 'preference'; topic: string; channel: Channel; enabled: boolean }
  /** The ids whose change waits in the sending tab's outbox (all of them: it replaces the last). */
  | { type: 'pending'; ids: string[] };

/** The tabs of one browser that share a connection (see `crossTab`). */
export interface TabSync {
  /** `leader` holds the connection; `follower` mirrors it; `solo` is on its own (no Web Locks or BroadcastChannel). */
  readonly role: () => TabRole;
  /** Whether any tab of the group (this one included) is visible now. */
  anyVisible(): boolean;
  /** Tells the other tabs what the person did here. */
  share(change: SharedChange): void;
  /** Calls `apply` with what the person did in another tab; returns the unsubscribe. */
  follow(apply: (change: SharedChange) => void): () => void;
  /** Calls `listener` when this tab's role changes; returns the unsubscribe. */
  onRole(listener: (role: TabRole) => void): () => void;
}

/** The channels a person can opt in to, per topic. */
export type Channel = 'feed' | 'toast' | 'desktop';

export type ChannelPreferences = Record<Channel, boolean>;

/** Opt-in per topic × channel. */
export type Preferences = Record<string, ChannelPreferences>;

/** A topic an app declares; `<notif-preferences>` renders one row per topic. */
export interface Topic {
  id: string;
  label: string;
  defaults?: Partial<ChannelPreferences>;
}

/** One page of older notifications. */
export interface HistoryPage {
  items: unknown[];
  /** Cursor for the next (older) page; absent on the last page. */
  next?: string;
}

/** Optional server sync for what the person does. */
export interface ServerActions {
  markRead?(ids: string[]): Promise<void>;
  markAllRead?(): Promise<void>;
  archive?(ids: string[]): Promise<void>;
}
