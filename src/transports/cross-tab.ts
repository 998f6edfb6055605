import { NotifError } from '../core/model/errors.js';
import type { MessageMeta, SharedChange, StatusDetail, TabRole, TabSync, Transport, TransportSink } from '../core/model/types.js';
import { isTabMessage, PROTOCOL, VERSION, type TabMessage } from './cross-tab-protocol.js';

export interface CrossTabOptions {
  /** Tabs with the same origin and name share one connection. Default `default`. */
  name?: string;
  /** How often each tab says it is there (the leader's is its heartbeat), in ms. Default 1000. */
  heartbeatMs?: number;
}

/** A leader silent for this many heartbeats is taken for frozen and replaced (RELIABILITY X2). */
const MISSED_BEATS = 3;
/** At most one steal per this long, so two tabs never take the lock from each other in a loop. */
const STEAL_GAP_MS = 30_000;
/** Messages each tab keeps, for a tab opened later (it gets them instead of asking the server). */
const KEPT_MESSAGES = 500;

let saidFallback = false;
function soloBecause(reason: string): void {
  if (saidFallback) return;
  saidFallback = true;
  console.debug(`notif-elements: cross-tab is off (${reason}); this tab connects on its own`);
}

const plainDetail = (detail: StatusDetail | undefined): StatusDetail | undefined => {
  if (!detail?.error) return detail;
  // A NotifError does not survive structured cloning as one: it is rebuilt on the other side.
  const { error, ...rest } = detail;
  return { ...rest, error: { code: error.code, message: error.message } as unknown as NotifError };
};
const revivedDetail = (detail: StatusDetail | undefined): StatusDetail | undefined => {
  const error = detail?.error as { code?: unknown; message?: unknown } | undefined;
  if (!detail || !error) return detail;
  const code = typeof error.code === 'string' ? error.code : 'network';
  return { ...detail, error: new NotifError(code as NotifError['code'], typeof error.message === 'string' ? error.message : '') };
};

/**
 * One connection for every tab of this browser: the tabs of an origin elect a
 * leader with Web Locks (held for the leader's life) that runs `inner` and
 * relays each message, with its cursor, and each status over a
 * BroadcastChannel; the others mirror it. When the leader closes, crashes or
 * navigates away another takes the lock and resumes `inner` from the cursor it
 * mirrored; a frozen leader (it keeps its lock) is found by its missing
 * heartbeat and its lock stolen. A tab opened later gets the messages the
 * others kept. What the person does in one tab (read, archive, preferences)
 * reaches the others through `tabs`. Without Web Locks or BroadcastChannel, or
 * where they throw, each tab connects on its own, as without `crossTab`.
 */
export function crossTab(inner: Transport, options: CrossTabOptions = {}): Transport & { tabs: TabSync } {
  const name = `notif-elements/${options.name ?? 'default'}`;
  const heartbeatMs = options.heartbeatMs ?? 1000;
  const tab = Math.random().toString(36).slice(2, 10);
  const changes = new Set<(change: SharedChange) => void>();
  const roles = new Set<(role: TabRole) => void>();
  /** Other tabs' visibility, and when each last said so. */
  const peers = new Map<string, { visible: boolean; at: number }>();
  let role: TabRole = 'solo';
  let post: ((message: TabMessage) => void) | undefined;

  const setRole = (next: TabRole): void => {
    if (next === role) return;
    role = next;
    for (const listener of roles) listener(next);
  };
  const visibleHere = (): boolean => typeof document === 'undefined' || document.visibilityState !== 'hidden';

  const tabs: TabSync = {
    role: () => role,
    anyVisible() {
      const fresh = Date.now() - MISSED_BEATS * heartbeatMs;
      return visibleHere() || [...peers.values()].some((peer) => peer.visible && peer.at >= fresh);
    },
    share(change) {
      post?.({ ns: PROTOCOL, v: VERSION, from: tab, type: 'change', change });
    },
    follow(apply) {
      changes.add(apply);
      return () => changes.delete(apply);
    },
    onRole(listener) {
      roles.add(listener);
      return () => roles.delete(listener);
    },
  };

  function connect(sink: TransportSink): () => void {
    let channel: BroadcastChannel;
    try {
      if (typeof navigator === 'undefined' || !navigator.locks || typeof BroadcastChannel !== 'function') {
        throw new Error('no Web Locks or BroadcastChannel here');
      }
      channel = new BroadcastChannel(name);
    } catch (cause) {
      soloBecause(cause instanceof Error ? cause.message : String(cause));
      setRole('solo');
      return inner.connect(sink);
    }

    const stopped = new AbortController();
    /** Every message this tab's store got, for a tab opened later. */
    const kept: { data: unknown; meta: MessageMeta }[] = [];
    let stopInner: (() => void) | undefined;
    let release: (() => void) | undefined;
    let lastBeat = Date.now();
    let lastSteal = -Infinity;
    let lastStatus: { status: Parameters<TransportSink['status']>[0]; detail?: StatusDetail } | undefined;
    /**
     * The newest leadership this tab knows of, sent with every message. A leader that was
     * frozen while another stole its lock still relays what it buffered when it thaws, before
     * it learns of the steal: its older term tells the others to ignore it, and it steps down.
     */
    let term = 0;
    /**
     * Once a newer leader is heard: the cursors this tab already had, which its first relays
     * may repeat (it resumed from its own cursor, and this tab may have got further: the last
     * relays of a dying leader reach some tabs and not others, or its own connection when frozen).
     */
    let hadOwn: Set<string> | undefined;
    let solo = false;
    let reportedForeign = 0;

    post = (message) => {
      if (solo || stopped.signal.aborted) return;
      try {
        channel.postMessage({ ...message, term });
      } catch (cause) {
        sink.error(new NotifError('protocol', 'a message could not be sent to the other tabs', { cause }));
      }
    };
    const keep = (data: unknown, meta: MessageMeta): void => {
      kept.push({ data, meta });
      if (kept.length > KEPT_MESSAGES) kept.shift();
    };
    const apply = (data: unknown, meta: MessageMeta): void => {
      if (data !== undefined) keep(data, meta);
      sink.message(data, meta);
    };
    /**
     * Relays that reach this tab before the leader's welcome: the welcome holds them too, so
     * they wait for it (or a beat, when no leader answers, or until this tab leads) and only
     * those it lacks follow it. Applied at once, they came twice and before older ones.
     */
    let early: { data: unknown; meta: MessageMeta }[] | undefined = [];
    const helloAt = Date.now();
    const sameMessage = (a: { data: unknown; meta: MessageMeta }, b: { data: unknown; meta: MessageMeta }): boolean =>
      a.meta.id === b.meta.id && (a.data === b.data || JSON.stringify(a.data) === JSON.stringify(b.data));
    function welcomed(messages: readonly { data: unknown; meta: MessageMeta }[] = []): void {
      const held = early ?? [];
      early = undefined;
      for (const m of held) if (!messages.some((w) => sameMessage(w, m))) apply(m.data, m.meta);
    }

    /**
     * A cursor move without data (SSE sends an event's id just before its data) waits for the
     * end of the task: the data that follows carries the cursor itself. Sent apart, a tab could
     * take over with the cursor of an event whose data it never got, and resume past it.
     */
    let cursorOnly: TabMessage | undefined;
    // The leader's sink: this tab's store first, then every other tab, each message with the cursor it leaves.
    const relay: TransportSink = {
      message(data, meta) {
        sink.message(data, meta);
        const relayed: MessageMeta = { ...meta, id: sink.cursor() ?? '' };
        const message: TabMessage = { ns: PROTOCOL, v: VERSION, from: tab, type: 'message', data, meta: relayed };
        if (data === undefined) {
          if (!cursorOnly) {
            queueMicrotask(() => {
              if (cursorOnly) post?.(cursorOnly);
              cursorOnly = undefined;
            });
          }
          cursorOnly = message;
          return;
        }
        cursorOnly = undefined;
        keep(data, relayed);
        post?.(message);
      },
      cursor: () => sink.cursor(),
      status(status, detail) {
        lastStatus = { status, ...(detail && { detail }) };
        sink.status(status, detail);
        post?.({ ns: PROTOCOL, v: VERSION, from: tab, type: 'status', status, detail: plainDetail(detail) });
      },
      error: (error) => sink.error(error),
    };

    /** The page is going away (or into the back-forward cache): a lock granted now is passed on at once. */
    let leaving = false;

    function lead(): Promise<void> {
      // A second grant (a steal's queued request) or one while leaving is handed straight back.
      if (stopped.signal.aborted || solo || leaving || role === 'leader') return Promise.resolve();
      // A clock's worth above any term: right even when this tab has not heard the last leader's yet.
      term = Math.max(term + 1, Date.now());
      welcomed();
      setRole('leader');
      stopInner = inner.connect(relay);
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    }

    function stepDown(): void {
      stopInner?.();
      stopInner = undefined;
      release?.();
      release = undefined;
      if (!stopped.signal.aborted && !solo) setRole('follower');
    }

    function requestLock(steal = false): void {
      const lockOptions: LockOptions = steal ? { steal: true } : { signal: stopped.signal };
      navigator.locks.request(name, lockOptions, lead).then(
        () => {
          if (role === 'leader') stepDown();
        },
        () => {
          // Aborted by stop(), or stolen from a leader that froze: it follows again.
          if (role === 'leader') stepDown();
          if (!stopped.signal.aborted && !solo && !steal) requestLock();
        },
      );
    }

    /** Another version of the library is on the channel: rather than risk corrupting each other, this tab goes solo. */
    function goSolo(reason: string): void {
      if (solo) return;
      solo = true;
      soloBecause(reason);
      const leading = role === 'leader';
      setRole('solo');
      if (!leading) stopInner = inner.connect(sink);
      else release?.(); // keeps its connection, lets the lock go
    }

    channel.onmessage = (event: MessageEvent<unknown>) => {
      const message = event.data;
      if (!isTabMessage(message)) {
        // Another app on this origin, or an older library: never applied; said once in a while.
        if (Date.now() - reportedForeign > 10_000) {
          reportedForeign = Date.now();
          sink.error(new NotifError('protocol', 'ignored a message on the tab channel that is not ours', { raw: message }));
        }
        return;
      }
      if (message.v !== VERSION) return goSolo(`another version (${String(message.v)}) of notif-elements in a tab`);
      if (message.from === tab || solo) return;
      const stale = (message.term ?? 0) < term;
      if (!stale && message.term !== undefined && message.term > term) {
        term = message.term;
        // A newer leader: if this tab leads, it was frozen and lost its lock (it learns of that later).
        if (role === 'leader') stepDown();
        hadOwn = new Set(kept.flatMap((m) => (m.meta.id ? [m.meta.id] : [])));
      }
      switch (message.type) {
        case 'message':
          if (stale) break;
          lastBeat = Date.now();
          if (role === 'leader') break;
          // A new leader's relays of what this tab already has, up to the first new one (see hadOwn).
          if (hadOwn?.has(message.meta.id ?? '')) break;
          hadOwn = undefined;
          if (early) early.push({ data: message.data, meta: message.meta });
          else apply(message.data, message.meta);
          break;
        case 'status':
          if (stale) break;
          lastBeat = Date.now();
          if (role !== 'leader') sink.status(message.status, revivedDetail(message.detail));
          break;
        case 'presence':
          peers.set(message.from, { visible: message.visible, at: Date.now() });
          if (message.leader && !stale) lastBeat = Date.now();
          break;
        case 'bye':
          peers.delete(message.from);
          break;
        case 'hello':
          peers.set(message.from, { visible: message.visible, at: Date.now() });
          if (role === 'leader') {
            post?.({ ns: PROTOCOL, v: VERSION, from: tab, type: 'welcome', to: message.from, messages: kept, ...(lastStatus && { status: lastStatus.status, detail: plainDetail(lastStatus.detail) }) });
          }
          break;
        case 'welcome':
          if (message.to !== tab || role === 'leader' || stale) break;
          lastBeat = Date.now();
          for (const { data, meta } of message.messages) {
            keep(data, meta);
            sink.message(data, { ...meta, replay: true });
          }
          welcomed(message.messages);
          if (message.status) sink.status(message.status, revivedDetail(message.detail));
          break;
        case 'change':
          for (const apply of changes) apply(message.change);
          break;
      }
    };

    const presence = (): void =>
      post?.({ ns: PROTOCOL, v: VERSION, from: tab, type: 'presence', visible: visibleHere(), leader: role === 'leader' });
    const timer = setInterval(() => {
      presence();
      if (early && Date.now() - helloAt >= heartbeatMs) welcomed();
      const silent = Date.now() - lastBeat > MISSED_BEATS * heartbeatMs;
      if (role !== 'follower' || !silent || Date.now() - lastSteal < STEAL_GAP_MS) return;
      // Frozen leader: take its lock, after a random part of a beat so two followers rarely both do.
      setTimeout(() => {
        if (role !== 'follower' || Date.now() - lastBeat <= MISSED_BEATS * heartbeatMs) return;
        lastSteal = Date.now();
        requestLock(true);
      }, Math.random() * heartbeatMs);
    }, heartbeatMs);
    const onVisibility = (): void => presence();
    // Navigating away lets the lock go now, not when the page is finally discarded.
    const onPageHide = (): void => {
      leaving = true;
      post?.({ ns: PROTOCOL, v: VERSION, from: tab, type: 'bye' });
      if (role === 'leader') stepDown();
    };
    // Back from the back-forward cache: this tab follows again, and may lead later.
    const onPageShow = (event: PageTransitionEvent): void => {
      if (!event.persisted || !leaving) return;
      leaving = false;
      post?.({ ns: PROTOCOL, v: VERSION, from: tab, type: 'hello', visible: visibleHere() });
      requestLock();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('pageshow', onPageShow);

    setRole('follower');
    post({ ns: PROTOCOL, v: VERSION, from: tab, type: 'hello', visible: visibleHere() });
    requestLock();

    return () => {
      if (stopped.signal.aborted) return;
      post?.({ ns: PROTOCOL, v: VERSION, from: tab, type: 'bye' });
      stopped.abort();
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
      stopInner?.();
      stopInner = undefined;
      release?.();
      channel.close();
      post = undefined;
      setRole('solo');
    };
  }

  return {
    connect,
    tabs,
    ...(inner.send && { send: (message: unknown) => inner.send?.(message) }),
    // A webPush() inside (alone or in merge) still follows the store's preferences.
    ...(inner.push && { push: inner.push }),
  };
}
